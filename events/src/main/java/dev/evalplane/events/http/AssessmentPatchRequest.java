package dev.evalplane.events.http;

import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * {@code PATCH /api/v1/traces/{trace_id}/assessments/{assessment_id}}: name (MLflow's rename), value and rationale are
 * replaced when present ({@code null} clears them), metadata keys are merged (a key set to null is removed),
 * {@code valid} is set when present. {@code value} and {@code rationale} are JSON trees so that "absent" and "null"
 * differ: a client (the gateway's MLflow layer) leaves a field out with Java null and clears it with
 * {@code NullNode}. Unknown fields are refused (trace-service reads it with FAIL_ON_UNKNOWN_PROPERTIES).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@Storable
@Schema(description = "A partial update of an assessment")
public record AssessmentPatchRequest(
        @Size(min = 1, max = AssessmentCreateRequest.MAX_NAME_LENGTH)
        @Pattern(regexp = "(?s).*\\S.*", message = "must not be blank") @Schema(nullable = true) String name,
        @Schema(type = SchemaType.OBJECT, nullable = true, description = "any JSON value; null clears it")
        JsonNode value,
        @Schema(type = SchemaType.STRING, nullable = true, description = "null clears it") JsonNode rationale,
        @Schema(nullable = true, description = "keys to set; a key set to null is removed")
        @JsonDeserialize(contentUsing = StrictString.class) Map<String, String> metadata,
        @Schema(nullable = true) Boolean valid) {

    /** True when the body sets nothing (not a field of the body). */
    @JsonIgnore
    public boolean isEmpty() {
        return name == null && value == null && rationale == null && metadata == null && valid == null;
    }
}
