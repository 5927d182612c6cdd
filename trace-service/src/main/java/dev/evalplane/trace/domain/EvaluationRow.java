package dev.evalplane.trace.domain;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import dev.evalplane.events.http.Assessment;
import dev.evalplane.events.http.JudgeCost;

/** One row of an evaluation list: an evaluated trace with this run's (and human) assessments and their judge cost. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record EvaluationRow(String traceId, String requestPreview, String responsePreview, Instant requestTime,
        String state, List<Assessment> assessments, JudgeCost judgeCost) {
}
