package dev.evalplane.cost;

/** A model name resolved against a price table: the entry found and the provider the caller asked for. */
public record ResolvedPrice(ModelPrice price, String requestedProvider, String requestedModel) {
}
