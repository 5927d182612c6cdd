package dev.evalplane.trace.domain;

import java.util.List;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** POST /api/v1/experiments/search. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ExperimentPage(List<Experiment> experiments, String nextPageToken) {
}
