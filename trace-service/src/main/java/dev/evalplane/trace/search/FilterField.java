package dev.evalplane.trace.search;

/** What a filter clause compares: a trace attribute, a tag or a metadata entry. */
public sealed interface FilterField {

    record Attribute(TraceAttribute attribute) implements FilterField {
    }

    record Tag(String key) implements FilterField {
    }

    record Metadata(String key) implements FilterField {
    }
}
