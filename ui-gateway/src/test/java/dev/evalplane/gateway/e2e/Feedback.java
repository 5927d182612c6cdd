package dev.evalplane.gateway.e2e;

import java.math.BigDecimal;
import java.util.Map;

/** One feedback as the public API shows it, with the judge-cost metadata read out. */
record Feedback(String traceId, String assessmentId, String name, Object value, Map<String, String> metadata,
        Map<String, Object> source) {

    String judgeTraceId() {
        return metadata.get("mlflow.assessment.scorerTraceId");
    }

    BigDecimal judgeCost() {
        String cost = metadata.get("mlflow.assessment.judgeCost");
        return cost == null ? null : new BigDecimal(cost);
    }

    long inputTokens() {
        return Long.parseLong(metadata.getOrDefault("mlflow.assessment.judgeInputTokens", "-1"));
    }

    long outputTokens() {
        return Long.parseLong(metadata.getOrDefault("mlflow.assessment.judgeOutputTokens", "-1"));
    }

    String costStatus() {
        return metadata.get("evalplane.assessment.judgeCostStatus");
    }
}
