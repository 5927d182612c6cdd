package dev.evalplane.gateway.mlflow.experiments;

import static dev.evalplane.gateway.mlflow.MlflowParams.encode;
import static dev.evalplane.gateway.mlflow.MlflowParams.required;

import java.util.List;
import java.util.Map;

import org.jboss.resteasy.reactive.RestQuery;

import dev.evalplane.events.http.ExperimentCreateRequest;
import dev.evalplane.events.http.ExperimentSearchRequest;
import dev.evalplane.events.http.TagEdit;
import dev.evalplane.gateway.client.Upstream;
import dev.evalplane.gateway.mlflow.MlflowException;
import dev.evalplane.gateway.mlflow.MlflowJson;
import dev.evalplane.gateway.mlflow.ServiceCalls;
import dev.evalplane.gateway.mlflow.experiments.ExperimentMessages.CreateExperiment;
import dev.evalplane.gateway.mlflow.experiments.ExperimentMessages.CreateExperimentResponse;
import dev.evalplane.gateway.mlflow.experiments.ExperimentMessages.DeleteExperimentTag;
import dev.evalplane.gateway.mlflow.experiments.ExperimentMessages.ExperimentResponse;
import dev.evalplane.gateway.mlflow.experiments.ExperimentMessages.SearchExperiments;
import dev.evalplane.gateway.mlflow.experiments.ExperimentMessages.SearchExperimentsResponse;
import dev.evalplane.gateway.mlflow.experiments.ExperimentMessages.SetExperimentTag;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * MLflow's experiment API on {@code /api/2.0} and {@code /api/3.0}: get, get-by-name, create, search,
 * set-experiment-tag, delete-experiment-tag, translated to trace-service's {@code /api/v1/experiments} routes.
 * Experiment ids that only appear in traces read as experiments named after their id; "0" is "Default".
 */
@Produces(MediaType.APPLICATION_JSON)
public abstract class MlflowExperimentResource {

    private static final String EXPERIMENTS = "/api/v1/experiments";

    private final ServiceCalls services;
    private final MlflowJson json;

    protected MlflowExperimentResource(ServiceCalls services, MlflowJson json) {
        this.services = services;
        this.json = json;
    }

    @GET
    @Path("/get")
    public Uni<ExperimentResponse> get(@RestQuery("experiment_id") String experimentId) {
        return experiment(required("experiment_id", experimentId)).map(e -> new ExperimentResponse(MlflowExperiment.of(e)));
    }

    @GET
    @Path("/get-by-name")
    public Uni<ExperimentResponse> getByName(@RestQuery("experiment_name") String name) {
        String checked = required("experiment_name", name);
        return services.post(Upstream.TRACE_SERVICE, EXPERIMENTS + "/search", ExperimentSearchRequest.byName(checked),
                ServiceExperiment.Page.class).map(page -> {
                    if (page.experiments() == null || page.experiments().isEmpty()) {
                        throw MlflowException.notFound("Could not find experiment with name '" + checked + "'");
                    }
                    return new ExperimentResponse(MlflowExperiment.of(page.experiments().get(0)));
                });
    }

    @POST
    @Path("/create")
    @Consumes("*/*")
    public Uni<CreateExperimentResponse> create(String body) {
        CreateExperiment request = json.read(body, CreateExperiment.class);
        String name = required("name", request.name());
        ExperimentCreateRequest create = new ExperimentCreateRequest(name,
                dev.evalplane.gateway.mlflow.MlflowTag.map(request.tags()));
        return services.post(Upstream.TRACE_SERVICE, EXPERIMENTS, create, ServiceExperiment.class)
                .onFailure(MlflowException.class).transform(e -> alreadyExists((MlflowException) e, name))
                .map(e -> new CreateExperimentResponse(e.experimentId()));
    }

    @POST
    @Path("/search")
    @Consumes("*/*")
    public Uni<SearchExperimentsResponse> search(String body) {
        return search(json.read(body, SearchExperiments.class));
    }

    @GET
    @Path("/search")
    public Uni<SearchExperimentsResponse> searchByQuery(@RestQuery("max_results") Long maxResults,
            @RestQuery("page_token") String pageToken, @RestQuery("filter") String filter,
            @RestQuery("order_by") List<String> orderBy, @RestQuery("view_type") String viewType) {
        return search(new SearchExperiments(maxResults, pageToken, filter, orderBy, viewType));
    }

    @POST
    @Path("/set-experiment-tag")
    @Consumes("*/*")
    public Uni<Map<String, Object>> setTag(String body) {
        SetExperimentTag request = json.read(body, SetExperimentTag.class);
        String id = required("experiment_id", request.experimentId());
        TagEdit edit = TagEdit.setting(required("key", request.key()), request.value() == null ? "" : request.value());
        return services.patch(Upstream.TRACE_SERVICE, EXPERIMENTS + "/" + encode(id) + "/tags", edit, Void.class)
                .map(ignored -> Map.of());
    }

    @POST
    @Path("/delete-experiment-tag")
    @Consumes("*/*")
    public Uni<Map<String, Object>> deleteTag(String body) {
        DeleteExperimentTag request = json.read(body, DeleteExperimentTag.class);
        String id = required("experiment_id", request.experimentId());
        TagEdit edit = TagEdit.deleting(required("key", request.key()));
        return services.patch(Upstream.TRACE_SERVICE, EXPERIMENTS + "/" + encode(id) + "/tags", edit, Void.class)
                .map(ignored -> Map.of());
    }

    private Uni<SearchExperimentsResponse> search(SearchExperiments request) {
        if ("DELETED_ONLY".equals(request.viewType())) {
            return Uni.createFrom().item(new SearchExperimentsResponse(List.of(), null));
        }
        Integer maxResults = request.maxResults() == null ? null
                : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, request.maxResults()));
        ExperimentSearchRequest search = new ExperimentSearchRequest(null, request.filter(), request.orderBy(),
                maxResults, request.pageToken() == null || request.pageToken().isEmpty() ? null : request.pageToken());
        return services.post(Upstream.TRACE_SERVICE, EXPERIMENTS + "/search", search, ServiceExperiment.Page.class)
                .map(page -> new SearchExperimentsResponse(
                        page.experiments().stream().map(MlflowExperiment::of).toList(), page.nextPageToken()));
    }

    private Uni<ServiceExperiment> experiment(String id) {
        return services.get(Upstream.TRACE_SERVICE, EXPERIMENTS + "/" + encode(id), ServiceExperiment.class);
    }

    private static MlflowException alreadyExists(MlflowException e, String name) {
        return e.code() == dev.evalplane.gateway.mlflow.MlflowErrorCode.RESOURCE_ALREADY_EXISTS
                ? MlflowException.alreadyExists("Experiment(name=" + name + ") already exists.") : e;
    }


    /** The routes under {@code /api/2.0/mlflow}. */
    @Path("/api/2.0/mlflow/experiments")
    public static class V2 extends MlflowExperimentResource {
        public V2(ServiceCalls services, MlflowJson json) {
            super(services, json);
        }
    }

    /** The same routes under {@code /api/3.0/mlflow}. */
    @Path("/api/3.0/mlflow/experiments")
    public static class V3 extends MlflowExperimentResource {
        public V3(ServiceCalls services, MlflowJson json) {
            super(services, json);
        }
    }
}
