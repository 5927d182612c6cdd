package dev.evalplane.events.http;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

/**
 * {@code POST /api/v1/traces/search}: MLflow's search_traces. {@code order_by} may be one string or an array; an empty
 * {@code filter_string} or {@code page_token} counts as none.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@Storable
@Schema(description = "A trace search (MLflow's search_traces)")
public record TraceSearchRequest(
        @NotEmpty(message = "is required: a non-empty array of experiment ids")
        List<@NotNull String> experimentIds,
        @Schema(nullable = true, description = "MLflow filter syntax, e.g. \"status = 'OK' AND tags.env = 'prod'\"")
        String filterString,
        @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
        @Schema(nullable = true, description = "e.g. [\"timestamp_ms DESC\"]")
        List<@NotNull String> orderBy,
        @Min(value = 1, message = "must be a whole number from 1 to " + TraceSearchRequest.MAX_MAX_RESULTS)
        @Max(value = TraceSearchRequest.MAX_MAX_RESULTS,
                message = "must be a whole number from 1 to " + TraceSearchRequest.MAX_MAX_RESULTS)
        @Schema(nullable = true, defaultValue = "100", minimum = "1", maximum = "500") Integer maxResults,
        @Schema(nullable = true, description = "next_page_token of the previous page") String pageToken) {

    public static final int DEFAULT_MAX_RESULTS = 100;
    public static final int MAX_MAX_RESULTS = 500;

    /** One page of an experiment's traces matching {@code filter}. */
    public static TraceSearchRequest page(String experimentId, String filter, int maxResults, String pageToken) {
        return new TraceSearchRequest(List.of(experimentId), filter, null, maxResults, pageToken);
    }

    public int maxResultsOrDefault() {
        return maxResults == null ? DEFAULT_MAX_RESULTS : maxResults;
    }

    public String filter() {
        return filterString == null || filterString.isEmpty() ? null : filterString;
    }

    public String pageTokenOrNull() {
        return pageToken == null || pageToken.isEmpty() ? null : pageToken;
    }

    public List<String> orderByOrEmpty() {
        return orderBy == null ? List.of() : orderBy;
    }
}
