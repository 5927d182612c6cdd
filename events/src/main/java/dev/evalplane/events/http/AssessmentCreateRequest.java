package dev.evalplane.events.http;

import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * {@code POST /api/v1/traces/{trace_id}/assessments}: a human (or client-reported) feedback or expectation. A
 * FEEDBACK needs a value or an error, an EXPECTATION a value. Metadata under a key only the pipeline writes is kept as
 * client-reported. {@code trace_id} and {@code schema_version} are accepted as MLflow's client sends them (trace_id
 * must match the path). Unknown fields are refused (trace-service reads it with FAIL_ON_UNKNOWN_PROPERTIES).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@Storable
@Schema(description = "A new feedback or expectation on a trace")
public record AssessmentCreateRequest(
        @NotBlank(message = "is required") @Size(max = AssessmentCreateRequest.MAX_NAME_LENGTH) String name,
        @NotNull(message = "must be FEEDBACK or EXPECTATION")
        @Pattern(regexp = "FEEDBACK|EXPECTATION", message = "must be FEEDBACK or EXPECTATION") String assessmentType,
        @Valid @Schema(nullable = true, description = "default {source_type: HUMAN}") Source source,
        @Schema(type = SchemaType.OBJECT, nullable = true, description = "any JSON value") JsonNode value,
        @Schema(nullable = true) String rationale,
        @Schema(nullable = true) @JsonDeserialize(contentUsing = StrictString.class) Map<String, String> metadata,
        @Pattern(regexp = "[0-9a-f]{16}", message = "must be 16 hex characters")
        @Schema(nullable = true) String spanId,
        @Schema(nullable = true, description = "the id of an assessment on this trace that this one replaces")
        String overrides,
        @Valid @Schema(nullable = true, description = "a failed judge's error instead of a value") Error error,
        @Schema(nullable = true, description = "when given, the path's trace id") String traceId,
        @Schema(nullable = true, description = "ignored") Integer schemaVersion) {

    public static final int MAX_NAME_LENGTH = 250;

    /** Who made it: HUMAN (the default), LLM_JUDGE or CODE. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "AssessmentSourceInput")
    public record Source(@Pattern(regexp = "HUMAN|LLM_JUDGE|CODE", message = "must be HUMAN, LLM_JUDGE or CODE")
            String sourceType, String sourceId) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "AssessmentErrorInput")
    public record Error(@NotNull(message = "is required") String errorCode, String errorMessage) {
    }
}
