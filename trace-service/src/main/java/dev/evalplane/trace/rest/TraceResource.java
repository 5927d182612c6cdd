package dev.evalplane.trace.rest;

import org.jboss.resteasy.reactive.RestPath;

import com.fasterxml.jackson.core.JsonProcessingException;

import dev.evalplane.trace.domain.Trace;
import dev.evalplane.trace.domain.TraceInfo;
import dev.evalplane.trace.domain.TracePage;
import dev.evalplane.trace.service.TraceEditRequests;
import dev.evalplane.trace.service.TraceEditService;
import dev.evalplane.trace.domain.TraceInfoWrite;
import dev.evalplane.trace.service.TraceSearchService;
import dev.evalplane.trace.service.TraceService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Reading, searching and editing traces: get, search, batch-get, trace info, tags, delete. */
@Path("/api/v1/traces")
@Produces(MediaType.APPLICATION_JSON)
public class TraceResource {

    private final TraceService traces;
    private final TraceSearchService search;
    private final TraceEditService edits;
    private final JsonBody json;

    public TraceResource(TraceService traces, TraceSearchService search, TraceEditService edits, JsonBody json) {
        this.traces = traces;
        this.search = search;
        this.edits = edits;
        this.json = json;
    }

    @GET
    @Path("/{trace_id}")
    public Uni<Trace> get(@RestPath("trace_id") String traceId) {
        return traces.get(traceId);
    }

    /** A client's trace info (MLflow's StartTraceV3): root fields until the root span is stored, tags, metadata. */
    @PUT
    @Path("/{trace_id}/info")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<TraceInfo> writeInfo(@RestPath("trace_id") String traceId, String body) throws JsonProcessingException {
        return edits.writeInfo(read(body, TraceInfoWrite.class).withTraceId(traceId));
    }

    @PATCH
    @Path("/{trace_id}/tags")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<TraceInfo> editTags(@RestPath("trace_id") String traceId, String body) throws JsonProcessingException {
        TraceEditRequests.TagEdit request = read(body, TraceEditRequests.TagEdit.class);
        return edits.editTags(traceId, request.set(), request.delete());
    }

    @POST
    @Path("/delete")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<TraceEditRequests.Deleted> delete(String body) throws JsonProcessingException {
        TraceEditRequests.Delete request = read(body, TraceEditRequests.Delete.class);
        return edits.delete(request.traceIds(), request.experimentId(), request.maxTimestampMs(), request.maxTraces())
                .map(TraceEditRequests.Deleted::new);
    }

    @POST
    @Path("/batch-get")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<TraceEditRequests.Traces> batchGet(String body) throws JsonProcessingException {
        return edits.getMany(read(body, TraceEditRequests.BatchGet.class).traceIds()).map(TraceEditRequests.Traces::new);
    }

    @POST
    @Path("/search")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<TracePage> search(String body) throws JsonProcessingException {
        return search.search(json.parse(body));
    }

    private <T> T read(String body, Class<T> type) throws JsonProcessingException {
        return json.read(body, type);
    }
}
