package dev.evalplane.trace.service;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A partial update of an assessment: name (MLflow's rename), value and rationale are replaced when present, metadata
 * keys are merged (a key set to null is removed), {@code valid} is set when present.
 */
public record AssessmentPatch(String name, boolean setValue, JsonNode value, boolean setRationale, String rationale,
        Map<String, String> metadata, List<String> removeKeys, Boolean valid) {
}
