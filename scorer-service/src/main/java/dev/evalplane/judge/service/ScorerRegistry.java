package dev.evalplane.judge.service;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import dev.evalplane.judge.RegisteredScorer;
import dev.evalplane.judge.config.JudgeConfig;
import dev.evalplane.judge.provider.ModelUri;
import dev.evalplane.judge.repository.ScorerRepository;
import dev.evalplane.judge.rest.ProblemException;
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
    public Uni<RegisteredScorer> register(String experimentId, String givenName, String text, JsonNode spec,
            String mlflow) {
        String name;
        try {
            name = ScorerFactory.validName(givenName == null ? null : TextNode.valueOf(givenName));
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidScorer("name: " + e.getMessage());
        }
        if (text != null && text.length() > MAX_DESCRIPTION) {
            throw ProblemException.invalidScorer("description must be a string of at most " + MAX_DESCRIPTION + " characters");
        }
        if (spec == null || !spec.isObject()) {
            throw ProblemException.invalidScorer("scorer must be an object, a scorer as in POST /api/v1/evaluations,"
                    + " e.g. {\"judge\": {...}} or {\"builtin\": \"Guidelines\", \"guidelines\": [...]}");
        }
        if (spec.has("registered")) {
            throw ProblemException.invalidScorer("scorer: a registered scorer cannot refer to another registered scorer");
        }
        if (mlflow != null && mlflow.length() > MAX_MLFLOW_SCORER) {
            throw ProblemException.invalidScorer("mlflow_scorer must be a string of at most " + MAX_MLFLOW_SCORER
                    + " characters (the MLflow client's serialized scorer)");
        }
        return withStoredHeaders(experimentId, name, ScorerFactory.renamed(spec, name)).chain(named -> {
            List<Scorer> built;
            try {
                if (named.has(ClientOnlyScorer.KIND)) {
                    ClientOnlyScorer.check(named);
                    built = List.of();
                } else {
                    built = List.of(factory.create(named, defaultModel));
                }
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalidScorer("scorer: " + e.getMessage());
            }
            return factory.resolveRemoteHosts(built, i -> "scorer")
                    .onFailure(IllegalArgumentException.class).transform(e -> ProblemException.invalidScorer(e.getMessage()))
                    .chain(() -> repository.register(experimentId, name, text, HeaderSecrets.masked(named),
                            HeaderSecrets.headers(named), mlflow));
        });
    }

    /**
     * A remote scorer registered again keeps the header values of the latest version when it does not re-send them:
     * no {@code headers} at all keeps them all, a value of {@code ***} (as GET shows it) keeps that one. Only for the
     * same scheme, host and port: stored credentials never go to a URL they were not given for.
     */
    private Uni<ObjectNode> withStoredHeaders(String experimentId, String name, ObjectNode spec) {
        ObjectNode given = HeaderSecrets.headers(spec);
        boolean absent = spec.get("remote") instanceof ObjectNode remote && !remote.has("headers");
        boolean masked = given != null && given.valueStream().anyMatch(v -> HeaderSecrets.MASK.equals(v.asText()));
        if (!absent && !masked) {
            return Uni.createFrom().item(spec);
        }
        return repository.find(experimentId, name, null).chain(previous -> {
            if (previous == null || HeaderSecrets.headers(previous.scorer()) == null) {
                return Uni.createFrom().item((ObjectNode) null);
            }
            boolean sameOrigin = HeaderSecrets.sameOrigin(previous.scorer().path("remote").path("url").asText(),
                    spec.path("remote").path("url").asText());
            if (!sameOrigin) {
                throw ProblemException.invalidScorer("scorer: remote scorer '" + name + "' has a new scheme, host or"
                        + " port; send its \"headers\" again (stored values go only where they went before), or"
                        + " \"headers\": {} for none");
            }
            return repository.secretHeaders(experimentId, name, previous.version());
        }).map(stored -> {
            if (absent) {
                return stored == null ? spec : HeaderSecrets.withHeaders(spec, stored);
            }
            ObjectNode merged = given.deepCopy();
            given.properties().forEach(e -> {
                if (HeaderSecrets.MASK.equals(e.getValue().asText())) {
                    JsonNode kept = stored == null ? null : stored.get(e.getKey());
                    if (kept == null) {
                        throw ProblemException.invalidScorer("scorer: remote scorer header \"" + e.getKey() + "\" is \""
                                + HeaderSecrets.MASK + "\" and no earlier version of '" + name + "' stored a value for it;"
                                + " send the value itself");
                    }
                    merged.set(e.getKey(), kept);
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
     * The request's scorer list with every {@code {"registered": name, "version"?, "name"?, "aggregations"?}} replaced
     * by the stored spec (renamed to {@code name} when given); 400 problem naming the entry when it is not registered.
     */
    public Uni<JsonNode> resolve(String experimentId, JsonNode scorers) {
        if (scorers == null || !scorers.isArray()) {
            return Uni.createFrom().item(scorers);
        }
        List<Uni<JsonNode>> resolved = new ArrayList<>();
        for (int i = 0; i < scorers.size(); i++) {
            resolved.add(resolveOne(experimentId, i, scorers.get(i)));
        }
        if (resolved.isEmpty()) {
            return Uni.createFrom().item(scorers);
        }
        return Uni.join().all(resolved).andFailFast().map(list -> {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            list.forEach(out::add);
            return out;
        });
    }

    private Uni<JsonNode> resolveOne(String experimentId, int index, JsonNode spec) {
        if (spec == null || !spec.isObject() || !spec.has("registered")) {
            return Uni.createFrom().item(spec);
        }
        JsonNode name = spec.get("registered");
        JsonNode version = spec.get("version");
        if (!name.isTextual() || name.asText().isBlank()) {
            throw ProblemException.badRequest("scorers[" + index + "]: \"registered\" must be the name of a registered scorer");
        }
        if (version != null && !version.isNull() && (!version.isIntegralNumber() || version.asInt() < 1)) {
            throw ProblemException.badRequest("scorers[" + index + "]: \"version\" must be a positive whole number");
        }
        Integer wanted = version == null || version.isNull() ? null : version.asInt();
        return repository.find(experimentId, name.asText(), wanted).chain(found -> {
            if (found == null) {
                throw ProblemException.badRequest("scorers[" + index + "]: no scorer '" + name.asText() + "'"
                        + (wanted == null ? "" : " version " + wanted) + " is registered in experiment '"
                        + experimentId + "'");
            }
            return withSecrets(found).map(stored -> {
                ObjectNode out = spec.hasNonNull("name") ? ScorerFactory.renamed(stored, spec.get("name").asText())
                        : stored;
                if (spec.has("aggregations")) {
                    out.set("aggregations", spec.get("aggregations"));
                }
                out.putObject("registered_as").put("name", found.name()).put("version", found.version());
                return (JsonNode) out;
            });
        });
    }

    /** One version's spec ready to run (remote header values put back); null when it is not registered. */
    public Uni<ObjectNode> runnable(String experimentId, String name, int version) {
        return repository.find(experimentId, name, version)
                .chain(found -> found == null ? Uni.createFrom().nullItem() : withSecrets(found));
    }

    /** The stored spec with its remote header values put back, to run it. */
    private Uni<ObjectNode> withSecrets(RegisteredScorer found) {
        if (HeaderSecrets.headers(found.scorer()) == null) {
            return Uni.createFrom().item(((ObjectNode) found.scorer()).deepCopy());
        }
        return repository.secretHeaders(found.experimentId(), found.name(), found.version())
                .map(headers -> HeaderSecrets.withHeaders(found.scorer(), headers));
    }

    private static ProblemException notFound(String experimentId, String name, Integer version) {
        return ProblemException.scorerNotFound("no scorer '" + name + "'" + (version == null ? "" : " version " + version)
                + " is registered in experiment '" + experimentId + "'");
    }
}
