package dev.evalplane.events.http;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** {@code POST /api/v1/evaluations/summaries} (service to service): several runs' summaries in one request. */
public final class RunSummaries {

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "RunSummariesRequest", description = "The runs to summarise (at most 200)")
    public record Request(List<String> runIds) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    @Schema(name = "RunSummaries", description = "Each run's summary, as GET /api/v1/evaluations/{run_id}/summary")
    public record Response(List<RunSummary> summaries) {
    }

    private RunSummaries() {
    }
}
