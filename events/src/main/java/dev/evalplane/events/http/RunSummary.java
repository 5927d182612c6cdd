package dev.evalplane.events.http;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Totals of an evaluation list: listed traces, judge cost over their feedback, and per-scorer figures. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@Schema(description = "Totals of a run's evaluation list")
public record RunSummary(String runId, @Schema(description = "listed (evaluated) traces") long traces,
        JudgeCost judgeCost, List<ScorerSummary> scorers) {
}
