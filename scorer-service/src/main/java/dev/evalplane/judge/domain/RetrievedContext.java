package dev.evalplane.judge.domain;

import java.util.List;

/** The documents one RETRIEVER span returned: its span id and each document's text. */
public record RetrievedContext(String spanId, List<String> documents) {
}
