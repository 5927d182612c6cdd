package dev.evalplane.judge.scorer;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

import com.fasterxml.jackson.databind.node.TextNode;

import dev.evalplane.events.http.ScorerSpec;

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
 * Builds scorers from the request's typed scorer specs: {@code {"builtin": ...}}, {@code {"judge": {...}}} (make_judge),
 * {@code {"code": {"type": ...}}} and {@code {"remote": {...}}}; {@code {"registered": ...}} is resolved to one of
 * those before it gets here ({@code service.ScorerRegistry}). Everything is checked before a run starts; a violation
 * is an IllegalArgumentException whose message is the 400 detail.
 */
@ApplicationScoped
public class ScorerFactory {

    static final int MAX_INSTRUCTIONS = 20_000;

    private final LlmProviders providers;
    private final RemoteScorerPolicy remotePolicy;

    public ScorerFactory(LlmProviders providers, RemoteScorerPolicy remotePolicy) {
        this.providers = providers;
        this.remotePolicy = remotePolicy;
    }

    public Scorer create(ScorerSpec spec, ModelUri runModel) {
        if (spec == null) {
            throw new IllegalArgumentException("must be an object such as {\"builtin\": \"Correctness\"} or"
                    + " {\"judge\": {\"name\": ..., \"instructions\": ...}}");
        }
        List<String> aggregations = aggregations(spec.aggregations());
        if (spec instanceof ScorerSpec.Builtin builtin) {
            return builtin(builtin, runModel, aggregations);
        }
        if (spec instanceof ScorerSpec.Judge judge) {
            return judge(judge.judge(), runModel, aggregations);
        }
        if (spec instanceof ScorerSpec.Code code) {
            return code(code, aggregations);
        }
        if (spec instanceof ScorerSpec.Remote remote) {
            return remote(remote.remote(), aggregations);
        }
        if (spec instanceof ScorerSpec.ClientOnly clientOnly) {
            throw new IllegalArgumentException(ClientOnlyScorer.whyNotHere(clientOnly));
        }
        throw new IllegalArgumentException("\"registered\" scorers are resolved from the experiment's"
                + " registry first; a registered scorer cannot refer to another one");
    }

    private Scorer builtin(ScorerSpec.Builtin spec, ModelUri runModel, List<String> aggregations) {
        String canonical = spec.builtin() == null ? null : BuiltinJudges.canonical(spec.builtin());
        if (canonical == null) {
            throw new IllegalArgumentException("unknown built-in scorer " + quoted(spec.builtin()) + "; use one of "
                    + BuiltinJudges.NAMES);
        }
        String name = name(spec.name(), BuiltinJudges.defaultName(canonical));
        return BuiltinJudges.create(canonical, name, model(spec.model(), runModel), aggregations, spec.guidelines());
    }

    private Scorer judge(ScorerSpec.Instructions judge, ModelUri runModel, List<String> aggregations) {
        if (judge.name() == null) {
            throw new IllegalArgumentException("judge needs a \"name\"");
        }
        String name = name(judge.name(), null);
        String instructions = judge.instructions();
        if (instructions == null || instructions.isBlank()) {
            throw new IllegalArgumentException("judge '" + name + "' needs non-empty \"instructions\"");
        }
        if (instructions.length() > MAX_INSTRUCTIONS) {
            throw new IllegalArgumentException("judge '" + name + "' instructions are longer than " + MAX_INSTRUCTIONS
                    + " characters");
        }
        if (judge.aggregations() != null) {
            aggregations = aggregations(judge.aggregations());
        }
        try {
            return new InstructionsJudge(name, instructions, FeedbackValueType.parse(judge.feedbackValueType()),
                    model(judge.model(), runModel), aggregations);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("judge '" + name + "': " + e.getMessage());
        }
    }

    private static Scorer code(ScorerSpec.Code spec, List<String> aggregations) {
        ScorerSpec.Check code = spec.code();
        CodeCheck check = CodeChecks.create(code);
        if (code.aggregations() != null) {
            aggregations = aggregations(code.aggregations());
        }
        return new CodeScorer(name(code.name() != null ? code.name() : spec.name(), code.type()), code.type(),
                aggregations, check);
    }

    private Scorer remote(ScorerSpec.Endpoint remote, List<String> aggregations) {
        if (remote.name() == null) {
            throw new IllegalArgumentException("remote scorer needs a \"name\": {\"remote\": {\"name\", \"url\","
                    + " \"timeout_ms\"?, \"headers\"?}}");
        }
        if (remote.aggregations() != null) {
            aggregations = aggregations(remote.aggregations());
        }
        return RemoteScorer.from(remote, name(remote.name(), null), aggregations, remotePolicy);
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
    public static String validName(String name) {
        return name(name, null);
    }

    private static String name(String name, String fallback) {
        if (name == null) {
            if (fallback == null) {
                throw new IllegalArgumentException("a scorer name is required");
            }
            return fallback;
        }
        String text = name.trim();
        if (text.isEmpty() || text.length() > ScorerSpec.MAX_NAME || text.contains(".")) {
            throw new IllegalArgumentException("scorer name " + quoted(name) + " must be a non-empty string of at most"
                    + " 100 characters without '.' (MLflow assessment names cannot contain dots)");
        }
        return text;
    }

    /** A value as JSON shows it in a message: {@code "Safety"}, or null. */
    private static String quoted(String text) {
        return text == null ? "null" : TextNode.valueOf(text).toString();
    }

    private ModelUri model(String model, ModelUri runModel) {
        if (model == null) {
            return runModel;
        }
        ModelUri uri = ModelUri.parse(model);
        providers.forModel(uri);
        return uri;
    }

    private static List<String> aggregations(List<String> given) {
        if (given == null) {
            return List.of("mean");
        }
        if (given.isEmpty()) {
            throw new IllegalArgumentException("\"aggregations\" must be a non-empty list of " + Aggregator.SUPPORTED);
        }
        for (String a : given) {
            if (!Aggregator.SUPPORTED.contains(a)) {
                throw new IllegalArgumentException("unsupported aggregation " + quoted(a) + "; use " + Aggregator.SUPPORTED);
            }
        }
        return List.copyOf(given);
    }
}
