package dev.evalplane.gateway.rest;

import dev.evalplane.gateway.client.ServiceProxy;
import dev.evalplane.gateway.client.Upstream;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/** OTLP/HTTP trace ingestion on the public port, served by trace-service. */
@Path("/v1/traces")
public class OtlpProxyResource {

    private final ServiceProxy proxy;

    public OtlpProxyResource(ServiceProxy proxy) {
        this.proxy = proxy;
    }

    @POST
    @Consumes("*/*")
    public Uni<Response> export(@Context HttpHeaders headers, byte[] body) {
        return proxy.forward(Upstream.TRACE_SERVICE, "POST", "/v1/traces", headers, body);
    }
}
