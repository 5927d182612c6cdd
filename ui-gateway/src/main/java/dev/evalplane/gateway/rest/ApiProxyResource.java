package dev.evalplane.gateway.rest;

import dev.evalplane.gateway.client.Problems;
import dev.evalplane.gateway.client.ServiceProxy;
import dev.evalplane.gateway.client.UpstreamRoutes;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/** The public {@code /api/v1} API: every route is served by one of the services (docs/SERVICE_API.md). */
@Path("/api/v1")
@Consumes("*/*")
public class ApiProxyResource {

    private static final String PREFIX = "/api/v1/";

    private final ServiceProxy proxy;

    public ApiProxyResource(ServiceProxy proxy) {
        this.proxy = proxy;
    }

    @GET
    @Path("{path: .+}")
    public Uni<Response> get(@PathParam("path") String path, @Context HttpServerRequest request, @Context HttpHeaders headers) {
        return forward("GET", path, request, headers, null);
    }

    @DELETE
    @Path("{path: .+}")
    public Uni<Response> delete(@PathParam("path") String path, @Context HttpServerRequest request, @Context HttpHeaders headers) {
        return forward("DELETE", path, request, headers, null);
    }

    @POST
    @Path("{path: .+}")
    public Uni<Response> post(@PathParam("path") String path, @Context HttpServerRequest request, @Context HttpHeaders headers,
            byte[] body) {
        return forward("POST", path, request, headers, body);
    }

    @PUT
    @Path("{path: .+}")
    public Uni<Response> put(@PathParam("path") String path, @Context HttpServerRequest request, @Context HttpHeaders headers,
            byte[] body) {
        return forward("PUT", path, request, headers, body);
    }

    @PATCH
    @Path("{path: .+}")
    public Uni<Response> patch(@PathParam("path") String path, @Context HttpServerRequest request, @Context HttpHeaders headers,
            byte[] body) {
        return forward("PATCH", path, request, headers, body);
    }

    private Uni<Response> forward(String method, String path, HttpServerRequest request, HttpHeaders headers,
            byte[] body) {
        // forward the canonical raw path RequestGuard admitted and the auth filter decided on, still percent-encoded
        // (the decoded one may hold spaces, '?' or '#'): the service reads exactly what the gateway checked
        String rawPath = request.path();
        String query = request.query();
        if (!rawPath.startsWith(PREFIX)) {
            return Uni.createFrom().item(Problems.response(Response.Status.NOT_FOUND, "no-such-api-route",
                    "No such API route",
                    method + " " + rawPath + " is not part of the evalplane API"));
        }
        String pathAndQuery = rawPath + (query == null ? "" : "?" + query);
        return UpstreamRoutes.ownerOf(path)
                .map(upstream -> proxy.forward(upstream, method, pathAndQuery, headers, body))
                .orElseGet(() -> Uni.createFrom().item(Problems.response(Response.Status.NOT_FOUND,
                        "no-such-api-route", "No such API route",
                        method + " /api/v1/" + path + " is not part of the evalplane API")));
    }
}
