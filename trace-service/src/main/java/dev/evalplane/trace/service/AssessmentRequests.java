package dev.evalplane.trace.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.evalplane.events.AssessmentEvent;
import dev.evalplane.events.AssessmentSource;
import dev.evalplane.events.ClientReportedKeys;
import dev.evalplane.events.Ids;
import dev.evalplane.events.http.AssessmentCreateRequest;
import dev.evalplane.events.http.AssessmentPatchRequest;

/**
 * Turns validated REST bodies into assessment writes, rejecting what MLflow would reject with a precise reason (the
 * field rules are on the request records). Metadata under a key only the pipeline writes (judge cost and tokens, judge
 * trace, source run) is kept as client-reported ({@link ClientReportedKeys}): a client never links a trace into a run
 * or sets what a judge call cost.
 */
public final class AssessmentRequests {

    private static final ObjectMapper TREES = new ObjectMapper();

    public static AssessmentRecord create(String traceId, AssessmentCreateRequest body) {
        require(body.traceId() == null || body.traceId().equals(traceId),
                "trace_id in the body (" + body.traceId() + ") differs from the path (" + traceId + ")");
        JsonNode value = present(body.value());
        JsonNode error = body.error() == null ? null : TREES.valueToTree(body.error());
        if (AssessmentEvent.FEEDBACK.equals(body.assessmentType())) {
            require(value != null || error != null, "a FEEDBACK needs a value or an error");
        } else {
            require(value != null, "an EXPECTATION needs a value");
            require(error == null, "an EXPECTATION cannot carry an error");
        }
        String sourceType = body.source() == null || body.source().sourceType() == null ? AssessmentSource.HUMAN
                : body.source().sourceType();
        String sourceId = body.source() == null ? null : body.source().sourceId();
        Map<String, String> metadata = ClientReportedKeys.asClientReported(strings(body.metadata()));
        return new AssessmentRecord(Ids.assessmentId(traceId, UUID.randomUUID().toString()), traceId, body.spanId(),
                body.name(), body.assessmentType(), sourceType, sourceId, value, body.rationale(), error, metadata,
                System.currentTimeMillis(), body.overrides(), null);
    }

    public static AssessmentPatch patch(AssessmentPatchRequest body) {
        require(!body.isEmpty(), "nothing to update: give name, value, rationale, metadata or valid");
        JsonNode rationale = body.rationale();
        require(rationale == null || rationale.isNull() || rationale.isTextual(), "rationale must be a string");
        Map<String, String> set = new LinkedHashMap<>();
        List<String> removed = new ArrayList<>();
        if (body.metadata() != null) {
            body.metadata().forEach((k, v) -> {
                if (v == null) {
                    removed.add(k);
                } else {
                    set.put(k, v);
                }
            });
        }
        return new AssessmentPatch(body.name(), body.value() != null, body.value(), rationale != null,
                rationale == null || rationale.isNull() ? null : rationale.textValue(),
                ClientReportedKeys.asClientReported(set), removed.stream().map(ClientReportedKeys::asClientKey).toList(),
                body.valid());
    }

    /** Metadata on create: every value a string (null is not one). */
    private static Map<String, String> strings(Map<String, String> metadata) {
        if (metadata == null) {
            return new LinkedHashMap<>();
        }
        metadata.forEach((k, v) -> require(v != null, "metadata." + k + " must be a string"));
        return new LinkedHashMap<>(metadata);
    }

    private static JsonNode present(JsonNode value) {
        return value == null || value.isNull() ? null : value;
    }

    private static void require(boolean ok, String detail) {
        if (!ok) {
            throw new ValidationException(detail);
        }
    }

    private AssessmentRequests() {
    }
}
