package dev.evalplane.gateway.mlflow;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code GET /version}: the MLflow server version evalplane is compatible with, as plain text like MLflow's server.
 * The 3.17 client reads it to choose its trace export: from 3.4 on it sends spans over OTLP ({@code POST /v1/traces})
 * and the trace info to {@code POST /api/3.0/mlflow/traces}.
 */
@Path("/version")
public class MlflowVersionResource {

    @GET
    @Produces(MediaType.TEXT_PLAIN)
    public String version() {
        return MlflowPaths.SERVER_VERSION;
    }
}
