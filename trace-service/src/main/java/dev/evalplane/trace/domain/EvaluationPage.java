package dev.evalplane.trace.domain;

import java.util.List;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** One page of an evaluation list; {@code total} counts every listed trace of the run. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record EvaluationPage(List<EvaluationRow> traces, String nextPageToken, long total) {
}
