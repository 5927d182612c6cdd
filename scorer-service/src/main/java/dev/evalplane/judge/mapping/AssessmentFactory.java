package dev.evalplane.judge.mapping;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.evalplane.events.AssessmentError;
import dev.evalplane.events.AssessmentEvent;
import dev.evalplane.events.AssessmentSource;
import dev.evalplane.events.Ids;
import dev.evalplane.events.MlflowKeys;
import dev.evalplane.events.TokenUsage;
import dev.evalplane.judge.online.OnlineConfig;
import dev.evalplane.judge.tracing.JudgeExecution;

/**
 * Builds the assessments a run produces. Feedback ids are deterministic: {@code Ids.assessmentId(runId, traceId,
 * name)} (plus the span/chunk discriminators of span-level judges), so a redelivered or re-sent feedback overwrites.
 * No cost here: cost-service prices the judge trace and trace-service attaches {@code judgeCost}.
 */
public final class AssessmentFactory {

    /** Source id of expectations that came with a data row. */
    public static final String DATASET_SOURCE = "dataset";
    /** Metadata key of online feedback: the online config (scorer started on an experiment) that produced it. */
    public static final String ONLINE_CONFIG = "evalplane.assessment.onlineConfig";

    public static String feedbackId(String runId, String traceId, String name, List<String> idParts) {
        List<String> parts = new ArrayList<>(List.of(runId, traceId, name));
        parts.addAll(idParts);
        return Ids.assessmentId(parts.toArray(String[]::new));
    }

    public static AssessmentEvent feedback(JudgeExecution e) {
        Map<String, String> metadata = new LinkedHashMap<>(runMetadata(e.runId()));
        if (e.calledProvider()) {
            metadata.put(MlflowKeys.SCORER_TRACE_ID, e.judgeTraceId());
            TokenUsage usage = e.usage();
            if (usage != null && usage.inputTokens() != null) {
                metadata.put(MlflowKeys.JUDGE_INPUT_TOKENS, String.valueOf(usage.inputTokens()));
            }
            if (usage != null && usage.outputTokens() != null) {
                metadata.put(MlflowKeys.JUDGE_OUTPUT_TOKENS, String.valueOf(usage.outputTokens()));
            }
        }
        return new AssessmentEvent(AssessmentEvent.SCHEMA_VERSION,
                feedbackId(e.runId(), e.evaluatedTraceId(), e.task().feedbackName(), e.task().idParts()),
                e.evaluatedTraceId(), e.evaluatedSpanId(), e.task().feedbackName(), AssessmentEvent.FEEDBACK,
                new AssessmentSource(AssessmentSource.LLM_JUDGE, e.modelUri()), e.error() == null ? e.value() : null,
                e.rationale(), e.error(), metadata, System.currentTimeMillis(), null, null);
    }

    /** Feedback computed from verdicts (no LLM call of its own, so no judge trace and no tokens). */
    public static AssessmentEvent derived(String runId, String traceId, String spanId, String name, List<String> idParts,
            String modelUri, JsonNode value, String rationale) {
        return new AssessmentEvent(AssessmentEvent.SCHEMA_VERSION, feedbackId(runId, traceId, name, idParts), traceId,
                spanId, name, AssessmentEvent.FEEDBACK, new AssessmentSource(AssessmentSource.LLM_JUDGE, modelUri),
                value, rationale, null, runMetadata(runId), System.currentTimeMillis(), null, null);
    }

    /** A scorer that could not run on a row (missing input), without calling the provider. */
    public static AssessmentEvent error(String runId, String traceId, String spanId, String name, String modelUri,
            String code, String message) {
        return new AssessmentEvent(AssessmentEvent.SCHEMA_VERSION, feedbackId(runId, traceId, name, List.of()), traceId,
                spanId, name, AssessmentEvent.FEEDBACK, new AssessmentSource(AssessmentSource.LLM_JUDGE, modelUri),
                null, null, new AssessmentError(code, message), runMetadata(runId),
                System.currentTimeMillis(), null, null);
    }

    /**
     * Feedback of a code or remote scorer: source CODE with the scorer's name as source id, no judge trace, no tokens,
     * no cost. {@code error} set means no value.
     */
    public static AssessmentEvent code(String runId, String traceId, String spanId, String name, String scorerName,
            JsonNode value, String rationale, AssessmentError error) {
        return new AssessmentEvent(AssessmentEvent.SCHEMA_VERSION, feedbackId(runId, traceId, name, List.of()), traceId,
                spanId, name, AssessmentEvent.FEEDBACK, new AssessmentSource(AssessmentSource.CODE, scorerName),
                error == null ? value : null, rationale, error, runMetadata(runId),
                System.currentTimeMillis(), null, null);
    }

    /** A data row's expectation, logged on its row trace as MLflow's harness does. */
    public static AssessmentEvent expectation(String runId, String traceId, String spanId, String name, JsonNode value) {
        return new AssessmentEvent(AssessmentEvent.SCHEMA_VERSION, Ids.assessmentId(runId, traceId, "expectation", name),
                traceId, spanId, name, AssessmentEvent.EXPECTATION,
                new AssessmentSource(AssessmentSource.HUMAN, DATASET_SOURCE), value, null, null,
                runMetadata(runId), System.currentTimeMillis(), null, null);
    }

    /**
     * {@code mlflow.assessment.sourceRunId}, and for the feedback of online scoring (run id {@code online-<config>-v<n>})
     * the config that produced it ({@link #ONLINE_CONFIG}).
     */
    static Map<String, String> runMetadata(String runId) {
        String config = OnlineConfig.configIdOf(runId);
        return config == null ? Map.of(MlflowKeys.SOURCE_RUN_ID, runId)
                : Map.of(MlflowKeys.SOURCE_RUN_ID, runId, ONLINE_CONFIG, config);
    }

    private AssessmentFactory() {
    }
}
