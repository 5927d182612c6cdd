package dev.evalplane.judge.scorer;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.evalplane.judge.outbound.RemoteScorerPolicy;
import dev.evalplane.judge.provider.LlmProviders;
import dev.evalplane.judge.provider.ModelUri;
import dev.evalplane.judge.scorer.code.CodeCheck;
import dev.evalplane.judge.scorer.code.CodeChecks;
import dev.evalplane.judge.scorer.code.CodeScorer;
import dev.evalplane.judge.service.Aggregator;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Builds scorers from the request's scorer objects: {@code {"builtin": ...}}, {@code {"judge": {...}}} (make_judge),
 * {@code {"code": {"type": ...}}} and {@code {"remote": {...}}}; {@code {"registered": ...}} is resolved to one of
 * those before it gets here ({@code service.ScorerRegistry}). Everything is checked before a run starts; a violation
 * is an IllegalArgumentException whose message is the 400 detail.
 */
@ApplicationScoped
public class ScorerFactory {

    static final int MAX_INSTRUCTIONS = 20_000;
    private static final List<String> KINDS = List.of("builtin", "judge", "registered", "code", "remote",
            ClientOnlyScorer.KIND);

    private final LlmProviders providers;
    private final RemoteScorerPolicy remotePolicy;

    public ScorerFactory(LlmProviders providers, RemoteScorerPolicy remotePolicy) {
        this.providers = providers;
        this.remotePolicy = remotePolicy;
    }

    public Scorer create(JsonNode spec, ModelUri runModel) {
        if (spec == null || !spec.isObject()) {
            throw new IllegalArgumentException("must be an object such as {\"builtin\": \"Correctness\"} or"
                    + " {\"judge\": {\"name\": ..., \"instructions\": ...}}");
        }
        List<String> kinds = KINDS.stream().filter(spec::has).toList();
        if (kinds.size() != 1) {
            throw new IllegalArgumentException("must have exactly one of " + KINDS + ", found " + kinds);
        }
        List<String> aggregations = aggregations(spec.get("aggregations"));
        return switch (kinds.get(0)) {
            case "builtin" -> builtin(spec, runModel, aggregations);
            case "judge" -> judge(spec.get("judge"), runModel, aggregations);
            case "code" -> code(spec, aggregations);
            case "remote" -> remote(spec.get("remote"), aggregations);
            case ClientOnlyScorer.KIND -> throw new IllegalArgumentException(ClientOnlyScorer.whyNotHere(spec));
            default -> throw new IllegalArgumentException("\"registered\" scorers are resolved from the experiment's"
                    + " registry first; a registered scorer cannot refer to another one");
        };
    }

    private Scorer builtin(JsonNode spec, ModelUri runModel, List<String> aggregations) {
        JsonNode builtin = spec.get("builtin");
        String canonical = builtin.isTextual() ? BuiltinJudges.canonical(builtin.asText()) : null;
        if (canonical == null) {
            throw new IllegalArgumentException("unknown built-in scorer " + builtin + "; use one of " + BuiltinJudges.NAMES);
        }
        String name = name(spec.get("name"), BuiltinJudges.defaultName(canonical));
        return BuiltinJudges.create(canonical, name, model(spec.get("model"), runModel), aggregations,
                spec.get("guidelines"));
    }

    private Scorer judge(JsonNode judge, ModelUri runModel, List<String> aggregations) {
        if (judge == null || !judge.isObject()) {
            throw new IllegalArgumentException("\"judge\" must be an object {name, instructions, feedback_value_type?,"
                    + " model?, description?}");
        }
        if (!judge.path("name").isTextual()) {
            throw new IllegalArgumentException("judge needs a \"name\"");
        }
        String name = name(judge.get("name"), null);
        JsonNode instructions = judge.get("instructions");
        if (instructions == null || !instructions.isTextual() || instructions.asText().isBlank()) {
            throw new IllegalArgumentException("judge '" + name + "' needs non-empty \"instructions\"");
        }
        if (instructions.asText().length() > MAX_INSTRUCTIONS) {
            throw new IllegalArgumentException("judge '" + name + "' instructions are longer than " + MAX_INSTRUCTIONS
                    + " characters");
        }
        if (judge.has("aggregations")) {
            aggregations = aggregations(judge.get("aggregations"));
        }
        try {
            return new InstructionsJudge(name, instructions.asText(), FeedbackValueType.parse(judge.get("feedback_value_type")),
                    model(judge.get("model"), runModel), aggregations);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("judge '" + name + "': " + e.getMessage());
        }
    }

    private static Scorer code(JsonNode spec, List<String> aggregations) {
        JsonNode code = spec.get("code");
        CodeCheck check = CodeChecks.create(code);
        JsonNode given = code.hasNonNull("name") ? code.get("name") : spec.get("name");
        if (code.has("aggregations")) {
            aggregations = aggregations(code.get("aggregations"));
        }
        String type = code.get("type").asText();
        return new CodeScorer(name(given, type), type, aggregations, check);
    }

    private Scorer remote(JsonNode remote, List<String> aggregations) {
        if (remote == null || !remote.isObject() || !remote.path("name").isTextual()) {
            throw new IllegalArgumentException("remote scorer needs a \"name\": {\"remote\": {\"name\", \"url\","
                    + " \"timeout_ms\"?, \"headers\"?}}");
        }
        if (remote.has("aggregations")) {
            aggregations = aggregations(remote.get("aggregations"));
        }
        return RemoteScorer.from(remote, name(remote.get("name"), null), aggregations, remotePolicy);
    }

    /**
     * The request-time check of remote scorers' hosts that needs DNS (run off the event loop): every address the host
     * resolves to must pass the operator's policy. Fails with an IllegalArgumentException whose message starts with
     * {@code where(index)}, e.g. {@code scorers[2]}.
     */
    public Uni<Void> resolveRemoteHosts(List<Scorer> scorers, IntFunction<String> where) {
        List<Uni<Void>> checks = new ArrayList<>();
        for (int i = 0; i < scorers.size(); i++) {
            if (scorers.get(i) instanceof RemoteScorer remote) {
                String prefix = where.apply(i) + ": remote scorer '" + remote.name() + "': ";
                checks.add(remotePolicy.resolveOffLoop(remote.url().toString()).replaceWithVoid()
                        .onFailure(IllegalArgumentException.class)
                        .transform(e -> new IllegalArgumentException(prefix + e.getMessage())));
            }
        }
        return checks.isEmpty() ? Uni.createFrom().voidItem() : Uni.join().all(checks).andFailFast().replaceWithVoid();
    }

    /** A scorer name: 1 to 100 characters without '.'; IllegalArgumentException otherwise. */
    public static String validName(JsonNode name) {
        return name(name, null);
    }

    /**
     * The spec with its scorer named {@code name} wherever its kind keeps the name ({@code judge.name},
     * {@code code.name}, {@code remote.name}, else the top-level {@code name}), as MLflow's {@code register(name=)}
     * renames the scorer it registers.
     */
    public static ObjectNode renamed(JsonNode spec, String name) {
        ObjectNode copy = ((ObjectNode) spec).deepCopy();
        for (String kind : List.of("judge", "code", "remote", ClientOnlyScorer.KIND)) {
            if (copy.get(kind) instanceof ObjectNode inner) {
                inner.put("name", name);
                copy.remove("name");
                return copy;
            }
        }
        copy.put("name", name);
        return copy;
    }

    private static String name(JsonNode name, String fallback) {
        if (name == null || name.isNull()) {
            if (fallback == null) {
                throw new IllegalArgumentException("a scorer name is required");
            }
            return fallback;
        }
        String text = name.isTextual() ? name.asText().trim() : "";
        if (text.isEmpty() || text.length() > 100 || text.contains(".")) {
            throw new IllegalArgumentException("scorer name " + name + " must be a non-empty string of at most 100"
                    + " characters without '.' (MLflow assessment names cannot contain dots)");
        }
        return text;
    }

    private ModelUri model(JsonNode model, ModelUri runModel) {
        if (model == null || model.isNull()) {
            return runModel;
        }
        ModelUri uri = ModelUri.parse(model.asText());
        providers.forModel(uri);
        return uri;
    }

    private static List<String> aggregations(JsonNode spec) {
        if (spec == null || spec.isNull()) {
            return List.of("mean");
        }
        if (!spec.isArray() || spec.isEmpty()) {
            throw new IllegalArgumentException("\"aggregations\" must be a non-empty list of " + Aggregator.SUPPORTED);
        }
        List<String> out = new ArrayList<>();
        for (JsonNode a : spec) {
            if (!Aggregator.SUPPORTED.contains(a.asText())) {
                throw new IllegalArgumentException("unsupported aggregation " + a + "; use " + Aggregator.SUPPORTED);
            }
            out.add(a.asText());
        }
        return List.copyOf(out);
    }
}
