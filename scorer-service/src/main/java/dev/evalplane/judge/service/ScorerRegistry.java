package dev.evalplane.judge.service;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.evalplane.events.http.ScorerSpec;
import dev.evalplane.judge.domain.RegisteredScorer;
import dev.evalplane.judge.domain.ResolvedScorer;
import dev.evalplane.judge.config.JudgeConfig;
import dev.evalplane.judge.provider.ModelUri;
import dev.evalplane.judge.repository.ScorerRepository;
import dev.evalplane.judge.domain.Refusals;
import dev.evalplane.support.error.NotFoundException;
import dev.evalplane.judge.scorer.ClientOnlyScorer;
import dev.evalplane.judge.scorer.HeaderSecrets;
import dev.evalplane.judge.scorer.Scorer;
import dev.evalplane.judge.scorer.ScorerFactory;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The scorer registry of each experiment (MLflow's register / get / list / list-versions / delete scorer): a spec is
 * checked exactly as an evaluation checks its scorers before it is stored, and evaluations use
 * {@code {"registered": name, "version"?}} from their experiment's registry.
 */
@ApplicationScoped
public class ScorerRegistry {

    static final int MAX_DESCRIPTION = 2000;
    /** Characters of an MLflow client's serialized scorer (a @scorer function's source is in it). */
    static final int MAX_MLFLOW_SCORER = 100_000;

    private final ScorerRepository repository;
    private final ScorerFactory factory;
    private final ModelUri defaultModel;

    public ScorerRegistry(ScorerRepository repository, ScorerFactory factory, JudgeConfig config) {
        this.repository = repository;
        this.factory = factory;
        this.defaultModel = ModelUri.parse(config.defaultModel());
    }

    /**
     * {@code {name, description?, scorer, mlflow_scorer?}} as the next version of {@code name}; 400 problem when it is
     * not valid. {@code mlflow_scorer} is the MLflow client's serialized scorer, kept verbatim.
     */
    public Uni<RegisteredScorer> register(String experimentId, String givenName, String text, ScorerSpec spec,
            String mlflow) {
        String name;
        try {
            name = ScorerFactory.validName(givenName);
        } catch (IllegalArgumentException e) {
            throw Refusals.invalidScorer("name: " + e.getMessage());
        }
        if (text != null && text.length() > MAX_DESCRIPTION) {
            throw Refusals.invalidScorer("description must be a string of at most " + MAX_DESCRIPTION + " characters");
        }
        if (spec == null) {
            throw Refusals.invalidScorer("scorer must be an object, a scorer as in POST /api/v1/evaluations,"
                    + " e.g. {\"judge\": {...}} or {\"builtin\": \"Guidelines\", \"guidelines\": [...]}");
        }
        if (spec instanceof ScorerSpec.Registered) {
            throw Refusals.invalidScorer("scorer: a registered scorer cannot refer to another registered scorer");
        }
        if (mlflow != null && mlflow.length() > MAX_MLFLOW_SCORER) {
            throw Refusals.invalidScorer("mlflow_scorer must be a string of at most " + MAX_MLFLOW_SCORER
                    + " characters (the MLflow client's serialized scorer)");
        }
        return withStoredHeaders(experimentId, name, spec.named(name)).chain(named -> {
            List<Scorer> built;
            try {
                if (named instanceof ScorerSpec.ClientOnly clientOnly) {
                    ClientOnlyScorer.check(clientOnly);
                    built = List.of();
                } else {
                    built = List.of(factory.create(named, defaultModel));
                }
            } catch (IllegalArgumentException e) {
                throw Refusals.invalidScorer("scorer: " + e.getMessage());
            }
            return factory.resolveRemoteHosts(built, i -> "scorer")
                    .onFailure(IllegalArgumentException.class).transform(e -> Refusals.invalidScorer(e.getMessage()))
                    .chain(() -> repository.register(experimentId, name, text, HeaderSecrets.masked(named),
                            HeaderSecrets.headers(named), mlflow));
        });
    }

    /**
     * A remote scorer registered again keeps the header values of the latest version when it does not re-send them:
     * no {@code headers} at all keeps them all, a value of {@code ***} (as GET shows it) keeps that one. Only for the
     * same scheme, host and port: stored credentials never go to a URL they were not given for.
     */
    private Uni<ScorerSpec> withStoredHeaders(String experimentId, String name, ScorerSpec spec) {
        if (!(spec instanceof ScorerSpec.Remote remote)) {
            return Uni.createFrom().item(spec);
        }
        Map<String, String> given = remote.remote().headers();
        boolean absent = given == null;
        boolean masked = given != null && given.containsValue(HeaderSecrets.MASK);
        if (!absent && !masked) {
            return Uni.createFrom().item(spec);
        }
        return repository.find(experimentId, name, null).chain(previous -> {
            if (previous == null || HeaderSecrets.headers(previous.scorer()) == null) {
                return Uni.createFrom().item((Map<String, String>) null);
            }
            boolean sameOrigin = HeaderSecrets.sameOrigin(((ScorerSpec.Remote) previous.scorer()).remote().url(),
                    remote.remote().url());
            if (!sameOrigin) {
                throw Refusals.invalidScorer("scorer: remote scorer '" + name + "' has a new scheme, host or"
                        + " port; send its \"headers\" again (stored values go only where they went before), or"
                        + " \"headers\": {} for none");
            }
            return repository.secretHeaders(experimentId, name, previous.version());
        }).map(stored -> {
            if (absent) {
                return stored == null ? spec : HeaderSecrets.withHeaders(spec, stored);
            }
            Map<String, String> merged = new LinkedHashMap<>(given);
            given.forEach((header, value) -> {
                if (HeaderSecrets.MASK.equals(value)) {
                    String kept = stored == null ? null : stored.get(header);
                    if (kept == null) {
                        throw Refusals.invalidScorer("scorer: remote scorer header \"" + header + "\" is \""
                                + HeaderSecrets.MASK + "\" and no earlier version of '" + name + "' stored a value for it;"
                                + " send the value itself");
                    }
                    merged.put(header, kept);
                }
            });
            return HeaderSecrets.withHeaders(spec, merged);
        });
    }

    public Uni<List<RegisteredScorer>> latest(String experimentId) {
        return repository.latest(experimentId);
    }

    public Uni<RegisteredScorer> get(String experimentId, String name, Integer version) {
        return repository.find(experimentId, name, version).onItem().ifNull().failWith(() -> notFound(experimentId,
                name, version));
    }

    public Uni<List<RegisteredScorer>> versions(String experimentId, String name) {
        return repository.versions(experimentId, name).invoke(all -> {
            if (all.isEmpty()) {
                throw notFound(experimentId, name, null);
            }
        });
    }

    /** Deletes one version, or all when {@code version} is null; 404 problem when nothing matched. */
    public Uni<Integer> delete(String experimentId, String name, Integer version) {
        return repository.delete(experimentId, name, version).invoke(count -> {
            if (count == 0) {
                throw notFound(experimentId, name, version);
            }
        });
    }

    /**
     * The request's scorers with every {@code {"registered": name, "version"?, "name"?, "aggregations"?}} replaced by
     * the stored spec (renamed to {@code name} and with {@code aggregations} when given); 400 problem naming the entry
     * when it is not registered.
     */
    public Uni<List<ResolvedScorer>> resolve(String experimentId, List<ScorerSpec> scorers) {
        if (scorers == null || scorers.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        List<Uni<ResolvedScorer>> resolved = new ArrayList<>();
        for (int i = 0; i < scorers.size(); i++) {
            resolved.add(resolveOne(experimentId, i, scorers.get(i)));
        }
        return Uni.join().all(resolved).andFailFast();
    }

    private Uni<ResolvedScorer> resolveOne(String experimentId, int index, ScorerSpec spec) {
        if (!(spec instanceof ScorerSpec.Registered ref)) {
            return Uni.createFrom().item(ResolvedScorer.inline(spec));
        }
        if (ref.registered() == null || ref.registered().isBlank()) {
            throw Refusals.invalidRequest("scorers[" + index + "]: \"registered\" must be the name of a registered scorer");
        }
        if (ref.version() != null && ref.version() < 1) {
            throw Refusals.invalidRequest("scorers[" + index + "]: \"version\" must be a positive whole number");
        }
        return repository.find(experimentId, ref.registered(), ref.version()).chain(found -> {
            if (found == null) {
                throw Refusals.invalidRequest("scorers[" + index + "]: no scorer '" + ref.registered() + "'"
                        + (ref.version() == null ? "" : " version " + ref.version()) + " is registered in experiment '"
                        + experimentId + "'");
            }
            return withSecrets(found).map(stored -> {
                ScorerSpec out = ref.name() != null ? stored.named(ref.name()) : stored;
                if (ref.aggregations() != null) {
                    out = out.withAggregations(ref.aggregations());
                }
                return new ResolvedScorer(out, found.name(), found.version());
            });
        });
    }

    /** One version's spec ready to run (remote header values put back); null when it is not registered. */
    public Uni<ScorerSpec> runnable(String experimentId, String name, int version) {
        return repository.find(experimentId, name, version)
                .chain(found -> found == null ? Uni.createFrom().nullItem() : withSecrets(found));
    }

    /** The stored spec with its remote header values put back, to run it. */
    private Uni<ScorerSpec> withSecrets(RegisteredScorer found) {
        if (HeaderSecrets.headers(found.scorer()) == null) {
            return Uni.createFrom().item(found.scorer());
        }
        return repository.secretHeaders(found.experimentId(), found.name(), found.version())
                .map(headers -> HeaderSecrets.withHeaders(found.scorer(), headers));
    }

    private static NotFoundException notFound(String experimentId, String name, Integer version) {
        return Refusals.scorerNotFound("no scorer '" + name + "'" + (version == null ? "" : " version " + version)
                + " is registered in experiment '" + experimentId + "'");
    }
}
