package dev.evalplane.events;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Assessment metadata keys the pipeline derives run lists, run totals and judge costs from, and how a client's own
 * value of one of them is kept. Only assessments scorer-service publishes on the {@code assessments} topic may carry
 * these keys as they are; whatever a client writes through the HTTP API under one of them is stored under
 * {@code client.<key>} (client-reported): shown as such, never summed, never a run link, never over a pipeline value.
 */
public final class ClientReportedKeys {

    public static final String PREFIX = "client.";

    /** The keys only the pipeline writes. */
    public static final Set<String> PIPELINE_KEYS = Set.of(MlflowKeys.SOURCE_RUN_ID, MlflowKeys.SCORER_TRACE_ID,
            MlflowKeys.JUDGE_COST, MlflowKeys.JUDGE_INPUT_TOKENS, MlflowKeys.JUDGE_OUTPUT_TOKENS,
            MlflowKeys.JUDGE_COST_STATUS);

    /** {@code client.<key>} for a pipeline key, the key itself otherwise. */
    public static String asClientKey(String key) {
        return PIPELINE_KEYS.contains(key) ? PREFIX + key : key;
    }

    /** The metadata a client wrote, with every pipeline key moved under {@code client.}, in the same order. */
    public static <V> Map<String, V> asClientReported(Map<String, V> metadata) {
        Map<String, V> kept = new LinkedHashMap<>();
        metadata.forEach((key, value) -> kept.put(asClientKey(key), value));
        return kept;
    }

    private ClientReportedKeys() {
    }
}
