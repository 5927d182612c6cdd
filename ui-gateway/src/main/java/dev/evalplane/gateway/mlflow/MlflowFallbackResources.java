package dev.evalplane.gateway.mlflow;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;

/**
 * Every route under the MLflow prefixes that no MLflow resource serves answers MLflow's ENDPOINT_NOT_FOUND (404 JSON),
 * the way MLflow's client expects an unsupported call to fail, instead of the HTML page of an unmatched path.
 * One subclass per prefix: resources with longer paths (the served routes) win over these.
 */
public abstract class MlflowFallbackResources {

    @GET
    @Path("{path: .*}")
    public void get(@Context HttpServerRequest request) {
        throw notServed(request);
    }

    @POST
    @Path("{path: .*}")
    @Consumes("*/*")
    public void post(@Context HttpServerRequest request) {
        throw notServed(request);
    }

    @PUT
    @Path("{path: .*}")
    @Consumes("*/*")
    public void put(@Context HttpServerRequest request) {
        throw notServed(request);
    }

    @PATCH
    @Path("{path: .*}")
    @Consumes("*/*")
    public void patch(@Context HttpServerRequest request) {
        throw notServed(request);
    }

    @DELETE
    @Path("{path: .*}")
    public void delete(@Context HttpServerRequest request) {
        throw notServed(request);
    }

    private static MlflowException notServed(HttpServerRequest request) {
        return MlflowException.endpointNotFound(request.method().name(), request.path());
    }

    @Path("/api/2.0/mlflow")
    public static class Api20 extends MlflowFallbackResources {
    }

    @Path("/api/3.0/mlflow")
    public static class Api30 extends MlflowFallbackResources {
    }

    @Path("/ajax-api/2.0/mlflow")
    public static class AjaxApi20 extends MlflowFallbackResources {
    }

    @Path("/ajax-api/3.0/mlflow")
    public static class AjaxApi30 extends MlflowFallbackResources {
    }
}
