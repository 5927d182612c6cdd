package dev.evalplane.gateway.mlflow.runs;

import dev.evalplane.gateway.mlflow.MlflowParams;
import java.util.Map;

import dev.evalplane.events.http.RunLinkRequest;
import dev.evalplane.gateway.client.Upstream;
import dev.evalplane.gateway.mlflow.MlflowErrorCode;
import dev.evalplane.gateway.mlflow.MlflowException;
import dev.evalplane.gateway.mlflow.MlflowJson;
import dev.evalplane.gateway.mlflow.ServiceCalls;
import dev.evalplane.gateway.mlflow.runs.RunMessages.LinkTracesToRun;
import dev.evalplane.gateway.mlflow.runs.RunMessages.ServiceRun;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * MLflow's link-to-run ({@code POST /api/2.0/mlflow/traces/link-to-run}, genai.evaluate links every evaluated trace):
 * the traces join the run's evaluation list in trace-service. Only a run the MLflow client created can be linked
 * into (PERMISSION_DENIED for a run evalplane executed: its list derives only from what its pipeline produced).
 */
@Produces(MediaType.APPLICATION_JSON)
@Consumes("*/*")
public abstract class MlflowRunLinkResource {

    static final String CLIENT_ORIGIN = "MLFLOW_CLIENT";

    private final ServiceCalls services;
    private final MlflowJson json;

    protected MlflowRunLinkResource(ServiceCalls services, MlflowJson json) {
        this.services = services;
        this.json = json;
    }

    @POST
    public Uni<Map<String, Object>> link(String body) {
        LinkTracesToRun request = json.read(body, LinkTracesToRun.class);
        if (request.runId() == null || request.runId().isEmpty()) {
            throw MlflowException.missing("run_id");
        }
        if (request.traceIds() == null || request.traceIds().isEmpty()) {
            throw MlflowException.missing("trace_ids");
        }
        String runId = request.runId();
        String path = MlflowRunResource.RUNS + "/" + MlflowParams.encode(runId);
        return services.get(Upstream.SCORER_SERVICE, path, ServiceRun.class)
                .onFailure(MlflowException.class).transform(e -> ((MlflowException) e).code()
                        == MlflowErrorCode.RESOURCE_DOES_NOT_EXIST ? MlflowException.notFound("Run with id=" + runId
                                + " not found") : e)
                .chain(run -> {
                    if (!CLIENT_ORIGIN.equals(run.origin())) {
                        throw new MlflowException(MlflowErrorCode.PERMISSION_DENIED, "Run " + runId + " is an"
                                + " evaluation evalplane executes: traces cannot be linked to it");
                    }
                    return services.post(Upstream.TRACE_SERVICE, path + "/links",
                            new RunLinkRequest(request.traceIds()), Void.class);
                })
                .map(ignored -> Map.of());
    }

    /** The routes under {@code /api/2.0/mlflow}. */
    @Path("/api/2.0/mlflow/traces/link-to-run")
    public static class V2 extends MlflowRunLinkResource {
        public V2(ServiceCalls services, MlflowJson json) {
            super(services, json);
        }
    }

    /** The same routes under {@code /api/3.0/mlflow}. */
    @Path("/api/3.0/mlflow/traces/link-to-run")
    public static class V3 extends MlflowRunLinkResource {
        public V3(ServiceCalls services, MlflowJson json) {
            super(services, json);
        }
    }
}
