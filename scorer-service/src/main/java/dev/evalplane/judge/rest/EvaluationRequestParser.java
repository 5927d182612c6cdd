package dev.evalplane.judge.rest;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.evalplane.events.Ids;
import dev.evalplane.events.StoredText;
import dev.evalplane.judge.domain.EvaluationRequest;
import dev.evalplane.judge.domain.RowSource;
import dev.evalplane.judge.config.JudgeConfig;
import dev.evalplane.judge.provider.LlmProviders;
import dev.evalplane.judge.provider.ModelUri;
import dev.evalplane.judge.scorer.BoundedRegex;
import dev.evalplane.judge.scorer.HeaderSecrets;
import dev.evalplane.judge.scorer.Scorer;
import dev.evalplane.judge.scorer.ScorerFactory;
import dev.evalplane.judge.tracing.ProvidedTrace;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Validates {@code POST /api/v1/evaluations} (CONTRACTS.md) before anything runs: exactly one of data, trace_ids,
 * filter_string; every scorer buildable; data rows that give every scorer what it needs. Violations are 400s whose
 * detail says what is wrong and where.
 */
@ApplicationScoped
public class EvaluationRequestParser {

    static final int MAX_DATA_ROWS = 10_000;
    static final int MAX_TRACE_IDS = 10_000;

    private final ObjectMapper json;
    private final ScorerFactory scorers;
    private final LlmProviders providers;
    private final JudgeConfig config;

    public EvaluationRequestParser(ObjectMapper json, ScorerFactory scorers, LlmProviders providers, JudgeConfig config) {
        this.json = json;
        this.scorers = scorers;
        this.providers = providers;
        this.config = config;
    }

    static final int MAX_EXPERIMENT_ID = 256;
    static final int MAX_NAME = 1000;

    /** The body as a JSON object; 400 problem when it is not one. */
    public ObjectNode read(String body) {
        JsonNode root;
        try {
            root = body == null || body.isBlank() ? null : json.readTree(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ProblemException.badRequest("the request body is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw ProblemException.badRequest("the request body must be a JSON object");
        }
        String unstorable = StoredText.firstUnstorable(root);
        if (unstorable != null) {
            throw ProblemException.badRequest(unstorable + " contains a NUL character or a lone surrogate, which cannot"
                    + " be stored");
        }
        String experimentId = optionalText(root, "experiment_id");
        if (experimentId != null && experimentId.length() > MAX_EXPERIMENT_ID) {
            throw ProblemException.badRequest("experiment_id must be at most " + MAX_EXPERIMENT_ID + " characters");
        }
        String name = optionalText(root, "name");
        if (name != null && name.length() > MAX_NAME) {
            throw ProblemException.badRequest("name must be at most " + MAX_NAME + " characters");
        }
        return (ObjectNode) root;
    }

    /** The run's experiment ({@code "0"}, MLflow's default experiment, when none is given). */
    public static String experimentId(JsonNode root) {
        String experimentId = optionalText(root, "experiment_id");
        return experimentId == null ? "0" : experimentId;
    }

    /** A string field, null when absent or null; 400 naming the field when it holds another JSON type. */
    static String optionalText(JsonNode root, String field) {
        JsonNode value = root.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw ProblemException.badRequest(field + " must be a string, got " + value.getNodeType().name()
                    .toLowerCase(java.util.Locale.ROOT));
        }
        return value.textValue();
    }

    /** A request read by {@link #read}, with registered scorers already resolved; runs user regexes: call off the event loop. */
    public EvaluationRequest parse(ObjectNode root) {
        String experimentId = experimentId(root);
        String name = optionalText(root, "name");
        ModelUri model = model(root.get("model"));
        RowSource source = source(root);
        List<Scorer> built = scorers(root.get("scorers"), model);
        if (source instanceof RowSource.DataRows data) {
            DataRowCheck.check(data, built, experimentId,
                    BoundedRegex.Budget.of(config.regexTimePerRequest(), "evaluation request check"));
        }
        return new EvaluationRequest(experimentId, name, source, built, model, concurrency(root.get("max_concurrency")),
                budget(root.get("budget_usd")), HeaderSecrets.masked(root.get("scorers")));
    }

    /** The DNS part of the remote scorers' host check (off the event loop); 400 naming the scorer. */
    public Uni<Void> resolveRemoteHosts(EvaluationRequest request) {
        return scorers.resolveRemoteHosts(request.scorers(), i -> "scorers[" + i + "]")
                .onFailure(IllegalArgumentException.class)
                .transform(e -> ProblemException.badRequest(e.getMessage()));
    }

    private ModelUri model(JsonNode model) {
        try {
            ModelUri uri = ModelUri.parse(model == null || model.isNull() ? config.defaultModel() : model.asText());
            providers.forModel(uri);
            return uri;
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("model: " + e.getMessage());
        }
    }

    private RowSource source(JsonNode root) {
        List<String> given = new ArrayList<>();
        for (String key : List.of("data", "trace_ids", "filter_string")) {
            if (root.hasNonNull(key)) {
                given.add(key);
            }
        }
        if (given.size() != 1) {
            throw ProblemException.badRequest("exactly one of data, trace_ids, filter_string is required; "
                    + (given.isEmpty() ? "none was given" : "got " + String.join(", ", given)));
        }
        return switch (given.get(0)) {
            case "data" -> data(root.get("data"));
            case "trace_ids" -> traceIds(root.get("trace_ids"));
            default -> {
                JsonNode filter = root.get("filter_string");
                if (!filter.isTextual() || filter.asText().isBlank()) {
                    throw ProblemException.badRequest("filter_string must be a non-empty string");
                }
                yield new RowSource.TraceFilter(filter.asText());
            }
        };
    }

    private RowSource.DataRows data(JsonNode data) {
        if (!data.isArray() || data.isEmpty() || data.size() > MAX_DATA_ROWS) {
            throw ProblemException.badRequest("data must be a list of 1 to " + MAX_DATA_ROWS + " rows {inputs, outputs?,"
                    + " expectations?, trace?}");
        }
        List<RowSource.DataRow> rows = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            JsonNode row = data.get(i);
            JsonNode trace = row.get("trace");
            boolean hasTrace = trace != null && !trace.isNull();
            if (!row.isObject() || (!row.hasNonNull("inputs") && !hasTrace)) {
                throw ProblemException.badRequest("data[" + i + "] must be an object with \"inputs\" (or a \"trace\")");
            }
            int bytes = bytes(row);
            if (bytes > config.maxRowBytes()) {
                throw ProblemException.badRequest("data[" + i + "] is " + bytes + " bytes of JSON; a data row may have at"
                        + " most " + config.maxRowBytes() + " bytes (evalplane.judge.max-row-bytes), so that its trace and"
                        + " the judges' prompts fit in Kafka records");
            }
            JsonNode expectations = row.get("expectations");
            if (expectations != null && !expectations.isNull() && !expectations.isObject()) {
                throw ProblemException.badRequest("data[" + i + "].expectations must be an object of named expectations");
            }
            if (hasTrace) {
                try {
                    ProvidedTrace.validate(trace);
                } catch (IllegalArgumentException e) {
                    throw ProblemException.badRequest("data[" + i + "].trace " + e.getMessage());
                }
            }
            rows.add(new RowSource.DataRow(row.hasNonNull("inputs") ? row.get("inputs") : null,
                    row.hasNonNull("outputs") ? row.get("outputs") : null,
                    expectations == null || expectations.isNull() ? JsonNodeFactory.instance.objectNode()
                            : (ObjectNode) expectations, hasTrace ? trace : null));
        }
        return new RowSource.DataRows(rows);
    }

    private int bytes(JsonNode row) {
        try {
            return json.writeValueAsBytes(row).length;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ProblemException.badRequest("a data row could not be written as JSON: " + e.getOriginalMessage());
        }
    }

    private RowSource.TraceIds traceIds(JsonNode ids) {
        if (!ids.isArray() || ids.isEmpty() || ids.size() > MAX_TRACE_IDS) {
            throw ProblemException.badRequest("trace_ids must be a list of 1 to " + MAX_TRACE_IDS + " trace ids");
        }
        Set<String> unique = new LinkedHashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            if (!Ids.isTraceId(ids.get(i).asText(null))) {
                throw ProblemException.badRequest("trace_ids[" + i + "] " + ids.get(i)
                        + " is not a trace id (\"tr-\" followed by 32 hex digits)");
            }
            unique.add(ids.get(i).asText());
        }
        return new RowSource.TraceIds(List.copyOf(unique));
    }

    private List<Scorer> scorers(JsonNode specs, ModelUri model) {
        if (specs == null || !specs.isArray() || specs.isEmpty()) {
            throw ProblemException.badRequest("scorers must be a non-empty list");
        }
        List<Scorer> built = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < specs.size(); i++) {
            try {
                Scorer scorer = scorers.create(specs.get(i), model);
                if (!names.add(scorer.name())) {
                    throw new IllegalArgumentException("another scorer already has the name '" + scorer.name()
                            + "'; give one a different \"name\"");
                }
                built.add(scorer);
            } catch (IllegalArgumentException e) {
                throw ProblemException.badRequest("scorers[" + i + "]: " + e.getMessage());
            }
        }
        return built;
    }

    private int concurrency(JsonNode node) {
        if (node == null || node.isNull()) {
            return config.maxConcurrency();
        }
        if (!node.canConvertToInt() || !node.isIntegralNumber() || node.asInt() < 1
                || node.asInt() > config.maxConcurrencyLimit()) {
            throw ProblemException.badRequest("max_concurrency must be an integer from 1 to " + config.maxConcurrencyLimit());
        }
        return node.asInt();
    }

    private static BigDecimal budget(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isNumber() || node.decimalValue().signum() <= 0) {
            throw ProblemException.badRequest("budget_usd must be a positive number of US dollars");
        }
        return node.decimalValue();
    }
}
