package dev.evalplane.judge.rest;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.evalplane.events.Ids;
import dev.evalplane.events.StoredText;
import dev.evalplane.judge.domain.EvaluationRequest;
import dev.evalplane.judge.domain.ResolvedScorer;
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

    /** Checks what binding cannot: text that cannot be stored; 400 problem naming where it is. */
    public EvaluationRequestBody check(EvaluationRequestBody body) {
        if (body == null) {
            throw ProblemException.badRequest("the request body must be a JSON object");
        }
        String unstorable = StoredText.firstUnstorable(json.valueToTree(body));
        if (unstorable != null) {
            throw ProblemException.badRequest(unstorable + " contains a NUL character or a lone surrogate, which cannot"
                    + " be stored");
        }
        return body;
    }

    /**
     * A request checked by {@link #check}, with its registered scorers already resolved to their specs; runs user
     * regexes: call off the event loop.
     */
    public EvaluationRequest parse(EvaluationRequestBody body, List<ResolvedScorer> resolvedScorers) {
        String experimentId = body.experimentOrDefault();
        ModelUri model = model(body.model());
        RowSource source = source(body);
        List<Scorer> built = scorers(resolvedScorers, model);
        if (source instanceof RowSource.DataRows data) {
            DataRowCheck.check(data, built, experimentId,
                    BoundedRegex.Budget.of(config.regexTimePerRequest(), "evaluation request check"));
        }
        return new EvaluationRequest(experimentId, body.name(), source, built, model,
                concurrency(body.maxConcurrency()), budget(body.budgetUsd()), stored(resolvedScorers));
    }

    /** The DNS part of the remote scorers' host check (off the event loop); 400 naming the scorer. */
    public Uni<Void> resolveRemoteHosts(EvaluationRequest request) {
        return scorers.resolveRemoteHosts(request.scorers(), i -> "scorers[" + i + "]")
                .onFailure(IllegalArgumentException.class)
                .transform(e -> ProblemException.badRequest(e.getMessage()));
    }

    private ModelUri model(String model) {
        try {
            ModelUri uri = ModelUri.parse(model == null ? config.defaultModel() : model);
            providers.forModel(uri);
            return uri;
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("model: " + e.getMessage());
        }
    }

    private RowSource source(EvaluationRequestBody body) {
        List<String> given = new ArrayList<>();
        if (body.data() != null) {
            given.add("data");
        }
        if (body.traceIds() != null) {
            given.add("trace_ids");
        }
        if (body.filterString() != null) {
            given.add("filter_string");
        }
        if (given.size() != 1) {
            throw ProblemException.badRequest("exactly one of data, trace_ids, filter_string is required; "
                    + (given.isEmpty() ? "none was given" : "got " + String.join(", ", given)));
        }
        return switch (given.get(0)) {
            case "data" -> data(body.data());
            case "trace_ids" -> traceIds(body.traceIds());
            default -> {
                if (body.filterString().isBlank()) {
                    throw ProblemException.badRequest("filter_string must be a non-empty string");
                }
                yield new RowSource.TraceFilter(body.filterString());
            }
        };
    }

    private RowSource.DataRows data(List<EvaluationRequestBody.DataRow> data) {
        if (data.isEmpty() || data.size() > MAX_DATA_ROWS) {
            throw ProblemException.badRequest("data must be a list of 1 to " + MAX_DATA_ROWS + " rows {inputs, outputs?,"
                    + " expectations?, trace?}");
        }
        List<RowSource.DataRow> rows = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            EvaluationRequestBody.DataRow row = data.get(i);
            JsonNode inputs = present(row == null ? null : row.inputs());
            JsonNode trace = present(row == null ? null : row.trace());
            if (row == null || (inputs == null && trace == null)) {
                throw ProblemException.badRequest("data[" + i + "] must be an object with \"inputs\" (or a \"trace\")");
            }
            int bytes = bytes(row);
            if (bytes > config.maxRowBytes()) {
                throw ProblemException.badRequest("data[" + i + "] is " + bytes + " bytes of JSON; a data row may have at"
                        + " most " + config.maxRowBytes() + " bytes (evalplane.judge.max-row-bytes), so that its trace and"
                        + " the judges' prompts fit in Kafka records");
            }
            JsonNode expectations = present(row.expectations());
            if (expectations != null && !expectations.isObject()) {
                throw ProblemException.badRequest("data[" + i + "].expectations must be an object of named expectations");
            }
            if (trace != null) {
                try {
                    ProvidedTrace.validate(trace);
                } catch (IllegalArgumentException e) {
                    throw ProblemException.badRequest("data[" + i + "].trace " + e.getMessage());
                }
            }
            rows.add(new RowSource.DataRow(inputs, present(row.outputs()),
                    expectations == null ? JsonNodeFactory.instance.objectNode() : (ObjectNode) expectations, trace));
        }
        return new RowSource.DataRows(rows);
    }

    /** A JSON value that was given: null when absent or JSON null. */
    private static JsonNode present(JsonNode value) {
        return value == null || value.isNull() ? null : value;
    }

    private int bytes(EvaluationRequestBody.DataRow row) {
        try {
            return json.writeValueAsBytes(row).length;
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw ProblemException.badRequest("a data row could not be written as JSON: " + e.getOriginalMessage());
        }
    }

    private RowSource.TraceIds traceIds(List<String> ids) {
        if (ids.isEmpty() || ids.size() > MAX_TRACE_IDS) {
            throw ProblemException.badRequest("trace_ids must be a list of 1 to " + MAX_TRACE_IDS + " trace ids");
        }
        Set<String> unique = new LinkedHashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            if (!Ids.isTraceId(ids.get(i))) {
                throw ProblemException.badRequest("trace_ids[" + i + "] " + (ids.get(i) == null ? "null"
                        : "\"" + ids.get(i) + "\"") + " is not a trace id (\"tr-\" followed by 32 hex digits)");
            }
            unique.add(ids.get(i));
        }
        return new RowSource.TraceIds(List.copyOf(unique));
    }

    private List<Scorer> scorers(List<ResolvedScorer> specs, ModelUri model) {
        if (specs == null || specs.isEmpty()) {
            throw ProblemException.badRequest("scorers must be a non-empty list");
        }
        List<Scorer> built = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < specs.size(); i++) {
            try {
                Scorer scorer = scorers.create(specs.get(i).spec(), model);
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

    /** The run's scorers as stored with it: header values masked, a registered one saying which version it was. */
    private ArrayNode stored(List<ResolvedScorer> specs) {
        ArrayNode out = json.createArrayNode();
        for (ResolvedScorer resolved : specs) {
            ObjectNode spec = json.valueToTree(HeaderSecrets.masked(resolved.spec()));
            if (resolved.registeredName() != null) {
                spec.putObject("registered_as").put("name", resolved.registeredName())
                        .put("version", resolved.registeredVersion());
            }
            out.add(spec);
        }
        return out;
    }

    private int concurrency(Integer wanted) {
        if (wanted == null) {
            return config.maxConcurrency();
        }
        if (wanted < 1 || wanted > config.maxConcurrencyLimit()) {
            throw ProblemException.badRequest("max_concurrency must be an integer from 1 to " + config.maxConcurrencyLimit());
        }
        return wanted;
    }

    private static BigDecimal budget(BigDecimal budget) {
        if (budget != null && budget.signum() <= 0) {
            throw ProblemException.badRequest("budget_usd must be a positive number of US dollars");
        }
        return budget;
    }
}
