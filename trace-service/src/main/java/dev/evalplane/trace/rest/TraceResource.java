package dev.evalplane.trace.rest;

import org.jboss.resteasy.reactive.RestPath;

import com.fasterxml.jackson.core.JsonProcessingException;

import dev.evalplane.trace.domain.Trace;
import dev.evalplane.trace.domain.TracePage;
import dev.evalplane.trace.service.TraceSearchService;
import dev.evalplane.trace.service.TraceService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** GET /api/v1/traces/{trace_id} and POST /api/v1/traces/search. */
@Path("/api/v1/traces")
@Produces(MediaType.APPLICATION_JSON)
public class TraceResource {

    private final TraceService traces;
    private final TraceSearchService search;
    private final JsonBody json;

    public TraceResource(TraceService traces, TraceSearchService search, JsonBody json) {
        this.traces = traces;
        this.search = search;
        this.json = json;
    }

    @GET
    @Path("/{trace_id}")
    public Uni<Trace> get(@RestPath("trace_id") String traceId) {
        return traces.get(traceId);
    }

    @POST
    @Path("/search")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<TracePage> search(String body) throws JsonProcessingException {
        return search.search(json.parse(body));
    }
}
