package dev.evalplane.judge.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import dev.evalplane.events.http.ScorerSpec;
import dev.evalplane.judge.domain.RegisteredScorer;
import jakarta.validation.Valid;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The scorer registry's bodies: what {@code POST .../scorers} takes, and one registered scorer version as it answers. */
public final class ScorerRegistration {

    /** Register a scorer (the same name again is its next version). */
    @Schema(name = "ScorerRegistration")
    public record Request(
            @Schema(required = true, maxLength = 100, description = "1 to 100 characters without '.'") String name,
            @Schema(maxLength = 2000) String description,
            @Valid @Schema(required = true) ScorerSpec scorer,
            @JsonProperty("mlflow_scorer") @Schema(maxLength = 100_000,
                    description = "the MLflow client's serialized scorer, kept verbatim") String mlflowScorer) {
    }

    /** One version of a registered scorer. */
    @Schema(name = "RegisteredScorer")
    public record View(String name, int version, String description,
            ScorerSpec scorer,
            @JsonProperty("created_at") String createdAt,
            @JsonProperty("experiment_id") String experimentId,
            @JsonProperty("scorer_id") String scorerId,
            @JsonProperty("mlflow_scorer") @JsonInclude(JsonInclude.Include.NON_NULL) String mlflowScorer) {

        public static View of(RegisteredScorer s) {
            return new View(s.name(), s.version(), s.description(), s.scorer(), s.createdAt().toString(),
                    s.experimentId(), s.scorerId(), s.mlflowScorer());
        }
    }

    /** The latest version of every name, or every version of one name. */
    @Schema(name = "RegisteredScorerList")
    public record Page(java.util.List<View> scorers) {
    }

    /** What a delete removed: one version, or every version of the name (version absent). */
    @Schema(name = "ScorerDeletion")
    public record Deleted(String name, @JsonProperty("deleted_versions") int deletedVersions,
            @JsonInclude(JsonInclude.Include.NON_NULL) Integer version) {
    }

    private ScorerRegistration() {
    }
}
