package dev.evalplane.cost.domain;

/**
 * A model name resolved against a price table: the entry found, the provider the caller asked for, and how it was
 * matched ({@link dev.evalplane.events.PricedBy#PROVIDER_AND_MODEL} or {@link dev.evalplane.events.PricedBy#MODEL_NAME}).
 */
public record ResolvedPrice(ModelPrice price, String requestedProvider, String requestedModel, String match) {
}
