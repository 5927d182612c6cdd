package dev.evalplane.trace.service;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Request bodies of the experiment routes. */
public final class ExperimentRequests {

    /** POST /api/v1/experiments. */
    public record Create(String name, Map<String, String> tags) {
    }

    /** POST /api/v1/experiments/search; {@code name} is an exact-name lookup. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Search(String name, String filterString, List<String> orderBy, Integer maxResults, String pageToken) {
    }

    /** PATCH /api/v1/experiments/{id}/tags. */
    public record TagEdit(Map<String, String> set, List<String> delete) {
    }

    private ExperimentRequests() {
    }
}
