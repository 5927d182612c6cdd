package dev.evalplane.judge.scorer.code;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;

/**
 * One feedback value of a code check. {@code suffix} null: the feedback is named after the scorer; else
 * {@code <scorer>/<suffix>}. {@code spanId} null: the row's root span.
 */
public record CheckResult(String suffix, String spanId, JsonNode value, String rationale) {

    public static CheckResult pass(boolean pass, String rationale) {
        return new CheckResult(null, null, BooleanNode.valueOf(pass), rationale);
    }
}
