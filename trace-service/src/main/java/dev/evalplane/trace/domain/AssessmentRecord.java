package dev.evalplane.trace.domain;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.evalplane.events.AssessmentEvent;
import dev.evalplane.events.EventJson;
import dev.evalplane.events.MlflowKeys;
import dev.evalplane.events.StoredText;

/** An assessment as it is written, from the assessments topic or from the REST API. */
public record AssessmentRecord(String assessmentId, String traceId, String spanId, String name, String assessmentType,
        String sourceType, String sourceId, JsonNode value, String rationale, JsonNode error,
        Map<String, String> metadata, long createTimeMs, String overrides, Boolean valid) {

    /** From the assessments topic, text made storable ({@link StoredText}: a judge's NUL never drops its feedback). */
    public static AssessmentRecord of(AssessmentEvent e) {
        long created = e.createTimeMs() > 0 ? e.createTimeMs() : System.currentTimeMillis();
        JsonNode error = e.error() == null ? null : StoredText.clean(EventJson.mapper().valueToTree(e.error()));
        JsonNode value = e.value() == null || e.value().isNull() ? null : StoredText.clean(e.value());
        return new AssessmentRecord(StoredText.clean(e.assessmentId()), e.traceId(), blankToNull(StoredText.clean(e.spanId())),
                StoredText.clean(e.name()), e.assessmentType(),
                e.source() == null ? null : StoredText.clean(e.source().sourceType()),
                e.source() == null ? null : StoredText.clean(e.source().sourceId()), value, StoredText.clean(e.rationale()),
                error, withoutNulls(StoredText.cleanStrings(e.metadata())), created,
                blankToNull(StoredText.clean(e.overrides())), e.valid());
    }

    /** The run that produced it (metadata mlflow.assessment.sourceRunId), null when absent or empty. */
    public String sourceRunId() {
        return blankToNull(metadata.get(MlflowKeys.SOURCE_RUN_ID));
    }

    public JudgeMeta judgeMeta() {
        return JudgeMeta.of(metadata);
    }

    /** Metadata without null keys or values (a JSON null value means "no value"). */
    public static Map<String, String> withoutNulls(Map<String, String> metadata) {
        Map<String, String> clean = new LinkedHashMap<>();
        if (metadata != null) {
            metadata.forEach((k, v) -> {
                if (k != null && v != null) {
                    clean.put(k, v);
                }
            });
        }
        return clean;
    }

    static String blankToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
