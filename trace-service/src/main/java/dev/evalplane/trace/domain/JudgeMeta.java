package dev.evalplane.trace.domain;

import java.math.BigDecimal;
import java.util.Map;

import dev.evalplane.events.CostStatus;
import dev.evalplane.events.MlflowKeys;

/**
 * Judge cost an assessment carries in its own metadata (older data, or a producer that priced the call itself).
 * A judge feedback whose cost is not known (yet) counts as UNPRICED, never as $0; a stored trace cost of the judge
 * trace replaces all of this on read.
 */
public record JudgeMeta(BigDecimal cost, Long inputTokens, Long outputTokens, String status) {

    public static JudgeMeta of(Map<String, String> metadata) {
        BigDecimal cost = decimal(metadata.get(MlflowKeys.JUDGE_COST));
        Long input = integer(metadata.get(MlflowKeys.JUDGE_INPUT_TOKENS));
        Long output = integer(metadata.get(MlflowKeys.JUDGE_OUTPUT_TOKENS));
        String status = status(metadata.get(MlflowKeys.JUDGE_COST_STATUS));
        if (status == null && cost != null) {
            status = CostStatus.PRICED.name();
        } else if (status == null && (input != null || output != null
                || metadata.containsKey(MlflowKeys.SCORER_TRACE_ID))) {
            status = CostStatus.UNPRICED.name();
        }
        if (status != null && !CostStatus.PRICED.name().equals(status) && !CostStatus.NO_USAGE.name().equals(status)) {
            cost = null;
        }
        return new JudgeMeta(cost, input, output, status);
    }

    private static String status(String value) {
        if (value == null) {
            return null;
        }
        try {
            return CostStatus.valueOf(value.trim()).name();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static BigDecimal decimal(String value) {
        try {
            return value == null ? null : new BigDecimal(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Long integer(String value) {
        try {
            return value == null ? null : Long.valueOf(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
