package dev.evalplane.trace.domain;

import java.time.Instant;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** An experiment seen in stored traces. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ExperimentStats(String experimentId, long traceCount, Instant lastRequestTime) {
}
