package dev.evalplane.gateway.mlflow.traces;

import java.time.Instant;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.evalplane.events.http.AssessmentCreateRequest;
import dev.evalplane.gateway.mlflow.MlflowException;
import dev.evalplane.gateway.mlflow.traces.MlflowTraceMessages.AssessmentError;
import dev.evalplane.gateway.mlflow.traces.MlflowTraceMessages.AssessmentSource;
import dev.evalplane.gateway.mlflow.traces.MlflowTraceMessages.ExpectationValue;
import dev.evalplane.gateway.mlflow.traces.MlflowTraceMessages.FeedbackValue;
import dev.evalplane.gateway.mlflow.traces.MlflowTraceMessages.MlflowAssessment;
import dev.evalplane.gateway.mlflow.traces.MlflowTraceMessages.SerializedValue;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * trace-service's assessments ↔ MLflow's Assessment message. Feedback carries its value (any JSON) and error;
 * an expectation whose value is not a plain string, number or boolean travels as MLflow's JSON-serialized value,
 * as the client itself sends it.
 */
@ApplicationScoped
public class AssessmentMapping {

    private static final String JSON_FORMAT = "JSON_FORMAT";

    private final ObjectMapper json;

    public AssessmentMapping(ObjectMapper json) {
        this.json = json;
    }

    MlflowAssessment toMlflow(ServiceTraces.Assessment a) {
        boolean expectation = "EXPECTATION".equals(a.assessmentType());
        AssessmentError error = a.error() == null ? null
                : new AssessmentError(a.error().errorCode(), a.error().errorMessage(), null);
        JsonNode value = TraceInfoMapping.orNull(a.value());
        return new MlflowAssessment(a.assessmentId(), a.name(), a.traceId(), a.spanId(),
                a.source() == null ? null : new AssessmentSource(a.source().sourceType(), a.source().sourceId()),
                Instant.ofEpochMilli(a.createTimeMs()).toString(), Instant.ofEpochMilli(a.lastUpdateTimeMs()).toString(),
                expectation ? null : new FeedbackValue(value, error), expectation ? expectation(value) : null,
                a.rationale(), null, a.metadata() == null ? Map.of() : a.metadata(), a.overrides(), a.valid());
    }

    /** trace-service's create body for an MLflow assessment. */
    AssessmentCreateRequest toService(MlflowAssessment a) {
        if (a == null) {
            throw MlflowException.missing("assessment");
        }
        if (a.assessmentName() == null || a.assessmentName().isEmpty()) {
            throw MlflowException.missing("assessment.assessment_name");
        }
        String type;
        JsonNode value;
        AssessmentCreateRequest.Error serviceError = null;
        if (a.expectation() != null) {
            type = "EXPECTATION";
            value = expectationValue(a.expectation());
        } else if (a.feedback() != null) {
            type = "FEEDBACK";
            value = TraceInfoMapping.orNull(a.feedback().value());
            AssessmentError error = a.feedback().error() != null ? a.feedback().error() : a.error();
            if (error != null) {
                serviceError = new AssessmentCreateRequest.Error(error.errorCode() == null ? "ERROR" : error.errorCode(),
                        error.errorMessage() == null ? "" : error.errorMessage());
            }
        } else {
            throw MlflowException.invalidParameter("an assessment needs a feedback or an expectation value");
        }
        AssessmentCreateRequest.Source source = null;
        if (a.source() != null) {
            String sourceType = a.source().sourceType();
            source = new AssessmentCreateRequest.Source(sourceType == null
                    || sourceType.equals("SOURCE_TYPE_UNSPECIFIED") ? "HUMAN" : sourceType,
                    a.source().sourceId() == null ? "" : a.source().sourceId());
        }
        return new AssessmentCreateRequest(a.assessmentName(), type, source, value, a.rationale(),
                a.metadata() == null || a.metadata().isEmpty() ? null : a.metadata(),
                a.spanId() == null || a.spanId().isEmpty() ? null : a.spanId(),
                a.overrides() == null || a.overrides().isEmpty() ? null : a.overrides(), serviceError, null, null);
    }

    /** The new value of an update: the feedback's or the expectation's. */
    JsonNode updatedValue(MlflowAssessment a) {
        if (a.expectation() != null) {
            return expectationValue(a.expectation());
        }
        return a.feedback() == null ? null : TraceInfoMapping.orNull(a.feedback().value());
    }

    private ExpectationValue expectation(JsonNode value) {
        if (value == null || value.isTextual() || value.isNumber() || value.isBoolean()) {
            return new ExpectationValue(value, null);
        }
        return new ExpectationValue(null, new SerializedValue(JSON_FORMAT, value.toString()));
    }

    private JsonNode expectationValue(ExpectationValue expectation) {
        if (expectation.serializedValue() != null) {
            SerializedValue serialized = expectation.serializedValue();
            if (serialized.serializationFormat() != null && !JSON_FORMAT.equals(serialized.serializationFormat())) {
                throw MlflowException.invalidParameter("Unknown serialization format: "
                        + serialized.serializationFormat() + ". Only JSON_FORMAT is supported.");
            }
            try {
                return json.readTree(serialized.value() == null ? "null" : serialized.value());
            } catch (JsonProcessingException e) {
                throw MlflowException.invalidParameter("expectation.serialized_value is not JSON: " + e.getOriginalMessage());
            }
        }
        return TraceInfoMapping.orNull(expectation.value());
    }
}
