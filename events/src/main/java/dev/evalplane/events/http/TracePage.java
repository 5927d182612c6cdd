package dev.evalplane.events.http;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** One page of a trace search ({@code POST /api/v1/traces/search}); {@code next_page_token} is null on the last page. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@Schema(description = "One page of a trace search")
public record TracePage(List<TraceInfo> traces,
        @Schema(nullable = true, description = "the page_token of the next page; null on the last page")
        String nextPageToken) {
}
