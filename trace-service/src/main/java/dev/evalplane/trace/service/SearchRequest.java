package dev.evalplane.trace.service;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

import dev.evalplane.support.error.InvalidInputException;

/** Body of POST /api/v1/traces/search. */
public record SearchRequest(List<String> experimentIds, String filterString, List<String> orderBy, int maxResults,
        String pageToken) {

    public static final int DEFAULT_MAX_RESULTS = 100;
    public static final int MAX_MAX_RESULTS = 500;

    public static SearchRequest parse(JsonNode body) {
        require(body != null && body.isObject(), "the body must be a JSON object");
        JsonNode ids = body.get("experiment_ids");
        require(ids != null && ids.isArray() && ids.size() > 0,
                "experiment_ids is required: a non-empty array of experiment ids");
        List<String> experimentIds = new ArrayList<>();
        ids.forEach(id -> {
            require(id.isTextual() || id.isIntegralNumber(), "experiment_ids must hold strings");
            experimentIds.add(id.asText());
        });
        List<String> orderBy = new ArrayList<>();
        JsonNode order = body.get("order_by");
        if (order != null && !order.isNull()) {
            require(order.isArray() || order.isTextual(), "order_by must be an array of strings");
            if (order.isTextual()) {
                orderBy.add(order.textValue());
            } else {
                order.forEach(term -> {
                    require(term.isTextual(), "order_by must be an array of strings");
                    orderBy.add(term.textValue());
                });
            }
        }
        int maxResults = DEFAULT_MAX_RESULTS;
        JsonNode max = body.get("max_results");
        if (max != null && !max.isNull()) {
            require(max.isIntegralNumber() && max.asLong() >= 1 && max.asLong() <= MAX_MAX_RESULTS,
                    "max_results must be a whole number from 1 to " + MAX_MAX_RESULTS);
            maxResults = max.asInt();
        }
        return new SearchRequest(List.copyOf(experimentIds), text(body, "filter_string"), List.copyOf(orderBy),
                maxResults, text(body, "page_token"));
    }

    private static String text(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        require(node.isTextual(), field + " must be a string");
        return node.textValue().isEmpty() ? null : node.textValue();
    }

    private static void require(boolean ok, String detail) {
        if (!ok) {
            throw new InvalidInputException(detail);
        }
    }
}
