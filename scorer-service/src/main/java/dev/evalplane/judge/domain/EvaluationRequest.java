package dev.evalplane.judge.domain;

import java.math.BigDecimal;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.evalplane.judge.provider.ModelUri;
import dev.evalplane.judge.scorer.Scorer;

/** A validated {@code POST /api/v1/evaluations}; {@code scorerSpecs} is the request's scorer list as given, header values masked. */
public record EvaluationRequest(String experimentId, String name, RowSource source, List<Scorer> scorers,
        ModelUri model, int maxConcurrency, BigDecimal budgetUsd, JsonNode scorerSpecs) {
}
