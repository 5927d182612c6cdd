package dev.evalplane.gateway.mlflow.scorers;

import static dev.evalplane.gateway.mlflow.MlflowParams.encode;
import static dev.evalplane.gateway.mlflow.MlflowParams.required;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jboss.resteasy.reactive.RestQuery;

import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.evalplane.events.ScorerVersions;
import dev.evalplane.gateway.client.Upstream;
import dev.evalplane.gateway.mlflow.MlflowErrorCode;
import dev.evalplane.gateway.mlflow.MlflowException;
import dev.evalplane.gateway.mlflow.MlflowJson;
import dev.evalplane.gateway.mlflow.ServiceCalls;
import dev.evalplane.gateway.mlflow.scorers.ScorerMessages.DeleteScorer;
import dev.evalplane.gateway.mlflow.scorers.ScorerMessages.OneOnlineConfig;
import dev.evalplane.gateway.mlflow.scorers.ScorerMessages.OneScorer;
import dev.evalplane.gateway.mlflow.scorers.ScorerMessages.OnlineConfigList;
import dev.evalplane.gateway.mlflow.scorers.ScorerMessages.RegisterScorer;
import dev.evalplane.gateway.mlflow.scorers.ScorerMessages.RegisterScorerResponse;
import dev.evalplane.gateway.mlflow.scorers.ScorerMessages.Scorer;
import dev.evalplane.gateway.mlflow.scorers.ScorerMessages.ScorerList;
import dev.evalplane.gateway.mlflow.scorers.ScorerMessages.ServiceRegistration;
import dev.evalplane.gateway.mlflow.scorers.ScorerMessages.ServiceScorer;
import dev.evalplane.gateway.mlflow.scorers.ScorerMessages.ServiceScorerList;
import dev.evalplane.gateway.mlflow.scorers.ScorerMessages.UpsertOnlineConfig;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * MLflow's scorer registry ({@code /api/3.0/mlflow/scorers/register, list, versions, get, delete}), on scorer-service's
 * per-experiment registry: the same name again is the next version; the serialized scorer comes back verbatim so
 * {@code get_scorer} rebuilds what was registered; and the scorers' online configs ({@code PUT online-config},
 * {@code GET online-configs}) on scorer-service's online scoring ({@link MlflowOnlineConfigs}).
 */
@Produces(MediaType.APPLICATION_JSON)
public abstract class MlflowScorerResource {

    static final int MAX_EXPERIMENTS = 100;

    private final ServiceCalls services;
    private final MlflowJson json;
    private final MlflowOnlineConfigs online;

    protected MlflowScorerResource(ServiceCalls services, MlflowJson json, MlflowOnlineConfigs online) {
        this.services = services;
        this.json = json;
        this.online = online;
    }

    @POST
    @Path("/register")
    @Consumes("*/*")
    public Uni<RegisterScorerResponse> register(String body) {
        RegisterScorer request = json.read(body, RegisterScorer.class);
        String experimentId = required("experiment_id", request.experimentId());
        String name = required("name", request.name());
        String serialized = required("serialized_scorer", request.serializedScorer());
        ObjectNode mlflow = MlflowScorerSpec.parse(serialized);
        String description = mlflow.path("description").isTextual() ? mlflow.get("description").asText() : null;
        ServiceRegistration registration = new ServiceRegistration(name, description,
                MlflowScorerSpec.toEvalplane(mlflow, name), serialized);
        return services.post(Upstream.SCORER_SERVICE, registry(experimentId), registration, ServiceScorer.class)
                .map(s -> new RegisterScorerResponse(s.version(), s.scorerId(), s.experimentId(), s.name(),
                        s.mlflowScorer(), millis(s.createdAt())));
    }

    @GET
    @Path("/list")
    public Uni<ScorerList> list(@RestQuery("experiment_id") String experimentId,
            @RestQuery("experiment_ids") List<String> experimentIds) {
        List<String> ids = experimentIds == null || experimentIds.isEmpty()
                ? List.of(required("experiment_id", experimentId)) : experimentIds;
        if (experimentId != null && !experimentId.isEmpty() && experimentIds != null && !experimentIds.isEmpty()) {
            throw MlflowException.invalidParameter("Cannot specify both 'experiment_id' and 'experiment_ids'.");
        }
        if (ids.size() > MAX_EXPERIMENTS) {
            throw MlflowException.invalidParameter("at most " + MAX_EXPERIMENTS + " experiment_ids per call");
        }
        return Uni.join().all(ids.stream().map(id -> services.get(Upstream.SCORER_SERVICE, registry(id),
                ServiceScorerList.class)).toList()).andFailFast()
                .map(lists -> new ScorerList(lists.stream().flatMap(l -> l.scorers().stream())
                        .map(MlflowScorerResource::toMlflow).filter(Objects::nonNull).toList()));
    }

    @GET
    @Path("/versions")
    public Uni<ScorerList> versions(@RestQuery("experiment_id") String experimentId, @RestQuery("name") String name) {
        String exp = required("experiment_id", experimentId);
        String scorer = required("name", name);
        return services.get(Upstream.SCORER_SERVICE, registry(exp) + "/" + encode(scorer) + "/versions",
                ServiceScorerList.class)
                .onFailure(MlflowException.class).transform(e -> notFound((MlflowException) e, exp, scorer, null))
                .map(list -> new ScorerList(list.scorers().stream().map(MlflowScorerResource::toMlflow)
                        .filter(Objects::nonNull).toList()));
    }

    @GET
    @Path("/get")
    public Uni<OneScorer> get(@RestQuery("experiment_id") String experimentId, @RestQuery("name") String name,
            @RestQuery("version") String version) {
        String exp = required("experiment_id", experimentId);
        String scorer = required("name", name);
        Integer wanted = version(version);
        return services.get(Upstream.SCORER_SERVICE, registry(exp) + "/" + encode(scorer)
                + (wanted == null ? "" : "?version=" + wanted), ServiceScorer.class)
                .onFailure(MlflowException.class).transform(e -> notFound((MlflowException) e, exp, scorer, wanted))
                .map(s -> {
                    Scorer out = toMlflow(s);
                    if (out == null) {
                        throw MlflowException.invalidParameter("scorer '" + scorer + "' is an evalplane "
                                + s.scorer().kind() + " scorer; the MLflow client has no form for it"
                                + " (use evalplane's API: GET /api/v1/experiments/" + exp + "/scorers/" + scorer + ")");
                    }
                    return new OneScorer(out);
                });
    }

    @DELETE
    @Path("/delete")
    @Consumes("*/*")
    public Uni<Map<String, Object>> delete(String body, @RestQuery("experiment_id") String experimentId,
            @RestQuery("name") String name, @RestQuery("version") String version) {
        DeleteScorer request = body == null || body.isBlank()
                ? new DeleteScorer(experimentId, name, version(version)) : json.read(body, DeleteScorer.class);
        String exp = required("experiment_id", request.experimentId());
        String scorer = required("name", request.name());
        Integer wanted = request.version();
        if (wanted != null && wanted < 1) {
            throw MlflowException.invalidParameter("version must be a positive whole number, got " + wanted);
        }
        return services.delete(Upstream.SCORER_SERVICE, registry(exp) + "/" + encode(scorer)
                + (wanted == null ? "" : "?version=" + wanted))
                .onFailure(MlflowException.class).transform(e -> notFound((MlflowException) e, exp, scorer, wanted))
                .map(ignored -> Map.of());
    }

    /** The online configs of registered scorers: the client reads them on every get_scorer, list_scorers, versions. */
    @GET
    @Path("/online-configs")
    public Uni<OnlineConfigList> onlineConfigs(@RestQuery("scorer_ids") List<String> scorerIds) {
        return online.of(scorerIds);
    }

    /** {@code scorer.start/update/stop}: MLflow's upsert of a scorer's online config (sample_rate 0 stops it). */
    @PUT
    @Path("/online-config")
    @Consumes("*/*")
    public Uni<OneOnlineConfig> upsertOnlineConfig(String body) {
        return online.upsert(json.read(body, UpsertOnlineConfig.class)).map(OneOnlineConfig::new);
    }

    private static Scorer toMlflow(ServiceScorer s) {
        String serialized = s.mlflowScorer() != null ? s.mlflowScorer()
                : MlflowScorerSpec.toMlflow(s.name(), s.scorer(), s.description());
        return serialized == null ? null : new Scorer(s.experimentId(), s.name(), s.version(), serialized,
                millis(s.createdAt()), s.scorerId());
    }

    static MlflowException notFound(MlflowException e, String experimentId, String name, Integer version) {
        if (e.code() != MlflowErrorCode.RESOURCE_DOES_NOT_EXIST) {
            return e;
        }
        return MlflowException.notFound(version == null
                ? "Scorer with name '" + name + "' not found for experiment " + experimentId + "."
                : "Scorer with name '" + name + "' and version " + version + " not found for experiment "
                        + experimentId + ".");
    }

    static String registry(String experimentId) {
        return "/api/v1/experiments/" + encode(experimentId) + "/scorers";
    }

    private static Integer version(String version) {
        try {
            return ScorerVersions.parse(version);
        } catch (IllegalArgumentException e) {
            throw MlflowException.invalidParameter(e.getMessage());
        }
    }

    private static long millis(String isoInstant) {
        return isoInstant == null ? 0 : Instant.parse(isoInstant).toEpochMilli();
    }


    /** The routes under {@code /api/2.0/mlflow}. */
    @Path("/api/2.0/mlflow/scorers")
    public static class V2 extends MlflowScorerResource {
        public V2(ServiceCalls services, MlflowJson json, MlflowOnlineConfigs online) {
            super(services, json, online);
        }
    }

    /** The same routes under {@code /api/3.0/mlflow}. */
    @Path("/api/3.0/mlflow/scorers")
    public static class V3 extends MlflowScorerResource {
        public V3(ServiceCalls services, MlflowJson json, MlflowOnlineConfigs online) {
            super(services, json, online);
        }
    }
}
