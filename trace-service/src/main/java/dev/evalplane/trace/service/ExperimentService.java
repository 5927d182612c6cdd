package dev.evalplane.trace.service;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import dev.evalplane.trace.domain.Experiment;
import dev.evalplane.trace.domain.ExperimentPage;
import dev.evalplane.support.error.ConflictException;
import dev.evalplane.support.error.InvalidInputException;
import dev.evalplane.support.error.NotFoundException;
import dev.evalplane.trace.repository.ExperimentRepository;
import dev.evalplane.trace.search.ExperimentFilter;
import dev.evalplane.trace.search.FilterException;
import dev.evalplane.trace.search.PageToken;
import dev.evalplane.trace.search.PageTokenException;
import dev.evalplane.trace.search.SqlParams;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Named experiments: create (unique names, ids are random ten-digit decimal numbers within int32, as MLflow's Scorer
 * message needs), read by id or name, search (MLflow filter and order_by, offset page tokens) and tag edits.
 * Trace-only experiment ids read as experiments named after themselves.
 */
@ApplicationScoped
public class ExperimentService {

    public static final int MAX_NAME_LENGTH = 500;
    public static final int MAX_TAG_KEY_LENGTH = 250;
    public static final int MAX_TAG_VALUE_LENGTH = 5000;
    public static final int MAX_TAGS = 100;
    public static final int MAX_RESULTS = 1000;
    private static final Map<String, String> ORDER_COLUMNS = Map.of("name", "name", "experiment_id", "experiment_id",
            "creation_time", "creation_time_ms", "last_update_time", "last_update_time_ms");

    private final ExperimentRepository experiments;

    public ExperimentService(ExperimentRepository experiments) {
        this.experiments = experiments;
    }

    public Uni<Experiment> create(String name, Map<String, String> tags) {
        String checked = name(name);
        Map<String, String> checkedTags = tags(tags);
        // ten digits within int32: MLflow's Scorer message carries the experiment id as an int32, so the scorer
        // registry (get_scorer, list_scorers) cannot answer for larger ids
        String id = String.valueOf(ThreadLocalRandom.current().nextLong(1_000_000_000L, Integer.MAX_VALUE + 1L));
        long now = System.currentTimeMillis();
        return byName(checked).chain(existing -> {
            if (existing != null) {
                throw new ConflictException("Experiment '" + checked + "' already exists.");
            }
            return experiments.insert(id, checked, checkedTags, now);
        }).chain(inserted -> {
            if (!inserted) {
                throw new ConflictException("Experiment '" + checked + "' already exists.");
            }
            return get(id);
        });
    }

    public Uni<Experiment> get(String experimentId) {
        return experiments.byId(experimentId).map(e -> {
            if (e == null) {
                throw new NotFoundException("No Experiment with id=" + experimentId + " exists");
            }
            return e;
        });
    }

    /** The experiment with exactly this name, or null. */
    public Uni<Experiment> byName(String name) {
        SqlParams params = new SqlParams();
        String condition = "name = " + params.add(name, "text");
        return experiments.search(condition, params, "experiment_id", 1, 0)
                .map(list -> list.isEmpty() ? null : list.get(0));
    }

    public Uni<ExperimentPage> search(String filter, List<String> orderBy, Integer maxResults, String pageToken) {
        int limit = maxResults == null ? MAX_RESULTS : maxResults;
        if (limit < 1 || limit > MAX_RESULTS) {
            throw new InvalidInputException("max_results must be between 1 and " + MAX_RESULTS);
        }
        SqlParams params = new SqlParams();
        String condition = ExperimentFilter.toSql(filter, params);
        String order = orderBy(orderBy);
        String fingerprint = PageToken.fingerprint(filter, order);
        long offset = offset(pageToken, fingerprint);
        return experiments.search(condition, params, order, limit + 1, offset).map(rows -> {
            boolean more = rows.size() > limit;
            List<Experiment> page = more ? rows.subList(0, limit) : rows;
            return new ExperimentPage(List.copyOf(page), more ? token(offset + limit, fingerprint) : null);
        });
    }

    /** Sets and deletes tags; the experiment must exist. */
    public Uni<Experiment> editTags(String experimentId, Map<String, String> set, List<String> delete) {
        Map<String, String> checkedSet = tags(set);
        List<String> checkedDelete = delete == null ? List.of() : delete;
        if (checkedDelete.size() > MAX_TAGS || checkedDelete.stream().anyMatch(k -> k == null || k.isBlank())) {
            throw new InvalidInputException("delete must be at most " + MAX_TAGS + " non-blank tag keys");
        }
        return get(experimentId)
                .chain(e -> experiments.editTags(experimentId, checkedSet, checkedDelete, e.creationTimeMs(),
                        System.currentTimeMillis()))
                .chain(() -> get(experimentId));
    }

    private static String name(String name) {
        if (name == null || name.isBlank()) {
            throw new InvalidInputException("name must be a non-empty string");
        }
        if (name.length() > MAX_NAME_LENGTH || name.indexOf('\0') >= 0) {
            throw new InvalidInputException("name must be at most " + MAX_NAME_LENGTH + " characters, without NUL");
        }
        return name;
    }

    private static Map<String, String> tags(Map<String, String> tags) {
        if (tags == null) {
            return Map.of();
        }
        if (tags.size() > MAX_TAGS) {
            throw new InvalidInputException("at most " + MAX_TAGS + " tags");
        }
        Map<String, String> checked = new LinkedHashMap<>();
        tags.forEach((k, v) -> {
            if (k == null || k.isBlank() || k.length() > MAX_TAG_KEY_LENGTH) {
                throw new InvalidInputException("tag keys must be 1.." + MAX_TAG_KEY_LENGTH + " characters");
            }
            if (v != null && v.length() > MAX_TAG_VALUE_LENGTH) {
                throw new InvalidInputException("tag '" + k + "' is longer than " + MAX_TAG_VALUE_LENGTH + " characters");
            }
            checked.put(k, v == null ? "" : v);
        });
        return checked;
    }

    /** ORDER BY over whitelisted columns; default newest first like MLflow; ties broken by id. */
    private static String orderBy(List<String> terms) {
        List<String> parts = new ArrayList<>();
        if (terms != null) {
            for (String term : terms) {
                String[] words = (term == null ? "" : term.trim()).split("\\s+");
                String field = words[0].toLowerCase(Locale.ROOT).replaceFirst("^attributes?\\.", "");
                String column = ORDER_COLUMNS.get(field);
                if (column == null || words.length > 2) {
                    throw new FilterException("cannot order experiments by '" + term
                            + "' (allowed: name, experiment_id, creation_time, last_update_time, then ASC or DESC)", 0);
                }
                String direction = words.length == 2 ? words[1].toUpperCase(Locale.ROOT) : "ASC";
                if (!direction.equals("ASC") && !direction.equals("DESC")) {
                    throw new FilterException("expected ASC or DESC in order_by term '" + term + "'", 0);
                }
                parts.add(column + " " + direction);
            }
        }
        if (parts.isEmpty()) {
            parts.add("creation_time_ms DESC");
        }
        parts.add("experiment_id ASC");
        return String.join(", ", parts);
    }

    private static String token(long offset, String fingerprint) {
        String text = fingerprint + ":" + offset;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static long offset(String token, String fingerprint) {
        if (token == null || token.isBlank()) {
            return 0;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            int colon = text.indexOf(':');
            if (colon < 0 || !text.substring(0, colon).equals(fingerprint)) {
                throw new PageTokenException("page_token belongs to a different query (other filter or order)");
            }
            long offset = Long.parseLong(text.substring(colon + 1));
            if (offset < 0) {
                throw new PageTokenException("page_token is not a token this service issued");
            }
            return offset;
        } catch (IllegalArgumentException e) {
            throw new PageTokenException("page_token is not a token this service issued");
        }
    }
}
