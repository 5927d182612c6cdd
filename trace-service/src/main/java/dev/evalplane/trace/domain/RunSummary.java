package dev.evalplane.trace.domain;

import java.util.List;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Totals of an evaluation list: listed traces, judge cost over their feedback, and per-scorer figures. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RunSummary(String runId, long traces, JudgeCost judgeCost, List<ScorerSummary> scorers) {
}
