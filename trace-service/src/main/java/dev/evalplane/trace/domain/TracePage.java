package dev.evalplane.trace.domain;

import java.util.List;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** One page of a trace search; {@code next_page_token} is null on the last page. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record TracePage(List<TraceInfo> traces, String nextPageToken) {
}
