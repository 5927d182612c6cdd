package dev.evalplane.trace.service;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;

import dev.evalplane.events.AssessmentEvent;
import dev.evalplane.events.AssessmentSource;
import dev.evalplane.events.ClientReportedKeys;
import dev.evalplane.events.Ids;
import dev.evalplane.events.SpanValidation;
import dev.evalplane.trace.domain.AssessmentRecord;
import dev.evalplane.support.error.InvalidInputException;

/**
 * Turns REST bodies into assessment writes, rejecting anything MLflow would reject with a precise reason. Metadata
 * under a key only the pipeline writes (judge cost and tokens, judge trace, source run) is kept as client-reported
 * ({@link ClientReportedKeys}): a client never links a trace into a run or sets what a judge call cost.
 */
public final class AssessmentRequests {

    public static final int MAX_NAME_LENGTH = 250;
    private static final Set<String> SOURCE_TYPES = Set.of(AssessmentSource.HUMAN, AssessmentSource.LLM_JUDGE,
            AssessmentSource.CODE);
    private static final Set<String> CREATE_FIELDS = Set.of("name", "assessment_type", "source", "value",
            "rationale", "metadata", "span_id", "overrides", "error", "trace_id", "schema_version");
    private static final Set<String> PATCH_FIELDS = Set.of("name", "value", "rationale", "metadata", "valid");

    public static AssessmentRecord create(String traceId, JsonNode body) {
        requireObject(body);
        onlyKnownFields(body, CREATE_FIELDS, "cannot be set on create");
        String bodyTrace = optionalText(body, "trace_id");
        require(bodyTrace == null || bodyTrace.equals(traceId),
                "trace_id in the body (" + bodyTrace + ") differs from the path (" + traceId + ")");
        String name = optionalText(body, "name");
        require(name != null && !name.isBlank(), "name is required");
        require(name.length() <= MAX_NAME_LENGTH, "name must be at most " + MAX_NAME_LENGTH + " characters");
        String type = optionalText(body, "assessment_type");
        require(type != null && EventValidation.ASSESSMENT_TYPES.contains(type),
                "assessment_type must be FEEDBACK or EXPECTATION, got " + (type == null ? "nothing" : "\"" + type + "\""));
        JsonNode value = present(body, "value") && !body.get("value").isNull() ? body.get("value") : null;
        JsonNode error = present(body, "error") && !body.get("error").isNull() ? body.get("error") : null;
        require(error == null || (error.isObject() && error.hasNonNull("error_code")),
                "error must be an object with an error_code");
        if (AssessmentEvent.FEEDBACK.equals(type)) {
            require(value != null || error != null, "a FEEDBACK needs a value or an error");
        } else {
            require(value != null, "an EXPECTATION needs a value");
            require(error == null, "an EXPECTATION cannot carry an error");
        }
        String spanId = optionalText(body, "span_id");
        require(spanId == null || SpanValidation.SPAN_ID.matcher(spanId).matches(),
                "span_id must be 16 hex characters");
        String sourceType = AssessmentSource.HUMAN;
        String sourceId = null;
        if (present(body, "source") && !body.get("source").isNull()) {
            JsonNode source = body.get("source");
            require(source.isObject(), "source must be an object {source_type, source_id}");
            sourceType = optionalText(source, "source_type") == null ? AssessmentSource.HUMAN
                    : optionalText(source, "source_type");
            sourceId = optionalText(source, "source_id");
        }
        require(SOURCE_TYPES.contains(sourceType), "source.source_type must be HUMAN, LLM_JUDGE or CODE");
        Map<String, String> metadata = ClientReportedKeys.asClientReported(stringMap(body, false).metadata());
        return new AssessmentRecord(Ids.assessmentId(traceId, UUID.randomUUID().toString()), traceId, spanId, name,
                type, sourceType, sourceId, value, optionalText(body, "rationale"), error, metadata,
                System.currentTimeMillis(), optionalText(body, "overrides"), null);
    }

    public static AssessmentPatch patch(JsonNode body) {
        requireObject(body);
        onlyKnownFields(body, PATCH_FIELDS, "cannot be changed (only name, value, rationale, metadata and valid can)");
        require(body.size() > 0, "nothing to update: give name, value, rationale, metadata or valid");
        String name = optionalText(body, "name");
        require(name == null || (!name.isBlank() && name.length() <= MAX_NAME_LENGTH),
                "name must be 1.." + MAX_NAME_LENGTH + " characters");
        Boolean valid = null;
        if (present(body, "valid")) {
            require(body.get("valid").isBoolean(), "valid must be true or false");
            valid = body.get("valid").booleanValue();
        }
        MetadataPatch metadata = stringMap(body, true);
        return new AssessmentPatch(name, present(body, "value"), body.get("value"), present(body, "rationale"),
                optionalText(body, "rationale"), ClientReportedKeys.asClientReported(metadata.metadata()),
                metadata.removeKeys().stream().map(ClientReportedKeys::asClientKey).toList(), valid);
    }

    private record MetadataPatch(Map<String, String> metadata, List<String> removeKeys) {
    }

    private static MetadataPatch stringMap(JsonNode body, boolean allowNulls) {
        Map<String, String> values = new LinkedHashMap<>();
        List<String> removed = new ArrayList<>();
        JsonNode node = body.get("metadata");
        if (node == null || node.isNull()) {
            return new MetadataPatch(values, removed);
        }
        require(node.isObject(), "metadata must be an object of string values");
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getValue().isNull() && allowNulls) {
                removed.add(e.getKey());
                continue;
            }
            require(e.getValue().isTextual(), "metadata." + e.getKey() + " must be a string");
            values.put(e.getKey(), e.getValue().textValue());
        }
        return new MetadataPatch(values, removed);
    }

    private static void requireObject(JsonNode body) {
        require(body != null && body.isObject(), "the body must be a JSON object");
    }

    private static void onlyKnownFields(JsonNode body, Set<String> allowed, String why) {
        body.fieldNames().forEachRemaining(f -> require(allowed.contains(f), "field " + f + " " + why));
    }

    private static boolean present(JsonNode body, String field) {
        return body.has(field);
    }

    private static String optionalText(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        require(node.isTextual(), field + " must be a string");
        return node.textValue();
    }

    private static void require(boolean ok, String detail) {
        if (!ok) {
            throw new InvalidInputException(detail);
        }
    }

    private AssessmentRequests() {
    }
}
