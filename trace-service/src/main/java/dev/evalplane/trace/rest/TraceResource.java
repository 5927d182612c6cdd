package dev.evalplane.trace.rest;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

import dev.evalplane.events.http.ProblemRefs;
import dev.evalplane.events.http.TagEdit;
import dev.evalplane.events.http.TraceBatchGetRequest;
import dev.evalplane.events.http.TraceDeleteRequest;
import dev.evalplane.events.http.Storable;
import dev.evalplane.events.http.Trace;
import dev.evalplane.events.http.TraceInfo;
import dev.evalplane.events.http.TracePage;
import dev.evalplane.events.http.TraceSearchRequest;
import dev.evalplane.trace.service.TraceEditRequests;
import dev.evalplane.trace.service.TraceEditService;
import dev.evalplane.events.http.TraceInfoWrite;
import dev.evalplane.trace.service.TraceSearchService;
import dev.evalplane.trace.service.TraceService;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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
@Tag(name = "Traces")
public class TraceResource {

    private final TraceService traces;
    private final TraceSearchService search;
    private final TraceEditService edits;

    public TraceResource(TraceService traces, TraceSearchService search, TraceEditService edits) {
        this.traces = traces;
        this.search = search;
        this.edits = edits;
    }

    @GET
    @Path("/{trace_id}")
    @Operation(summary = "A trace with its spans and assessments")
    @APIResponse(responseCode = "200", description = "the trace")
    @APIResponse(responseCode = "404", ref = ProblemRefs.NOT_FOUND)
    public Uni<Trace> get(@RestPath("trace_id") String traceId) {
        return traces.get(traceId);
    }

    /** A client's trace info (MLflow's StartTraceV3): root fields until the root span is stored, tags, metadata. */
    @PUT
    @Path("/{trace_id}/info")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Write a client's trace info (MLflow StartTraceV3)")
    @APIResponse(responseCode = "200", description = "the trace info as stored")
    @APIResponse(responseCode = "400", ref = ProblemRefs.BAD_REQUEST)
    public Uni<TraceInfo> writeInfo(@RestPath("trace_id") String traceId,
            @Valid @Storable @NotNull(message = ProblemRefs.BODY_REQUIRED) TraceInfoWrite body) {
        return edits.writeInfo(body.withTraceId(traceId));
    }

    @PATCH
    @Path("/{trace_id}/tags")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Set and delete trace tags")
    @APIResponse(responseCode = "200", description = "the trace info with its new tags")
    @APIResponse(responseCode = "400", ref = ProblemRefs.BAD_REQUEST)
    @APIResponse(responseCode = "404", ref = ProblemRefs.NOT_FOUND)
    public Uni<TraceInfo> editTags(@RestPath("trace_id") String traceId,
            @Valid @Storable @NotNull(message = ProblemRefs.BODY_REQUIRED) TagEdit body) {
        return edits.editTags(traceId, body.set(), body.delete());
    }

    @POST
    @Path("/delete")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Delete traces by id, or an experiment's traces up to a time")
    @APIResponse(responseCode = "200", description = "how many traces were deleted")
    @APIResponse(responseCode = "400", ref = ProblemRefs.BAD_REQUEST)
    public Uni<TraceEditRequests.Deleted> delete(
            @Valid @Storable @NotNull(message = ProblemRefs.BODY_REQUIRED) TraceDeleteRequest body) {
        return edits.delete(body.traceIds(), body.experimentId(), body.maxTimestampMs(), body.maxTraces())
                .map(TraceEditRequests.Deleted::new);
    }

    @POST
    @Path("/batch-get")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Several traces with their spans")
    @APIResponse(responseCode = "200", description = "the traces that exist, in the order asked")
    @APIResponse(responseCode = "400", ref = ProblemRefs.BAD_REQUEST)
    public Uni<TraceEditRequests.Traces> batchGet(
            @Valid @Storable @NotNull(message = ProblemRefs.BODY_REQUIRED) TraceBatchGetRequest body) {
        return edits.getMany(body.traceIds()).map(TraceEditRequests.Traces::new);
    }

    @POST
    @Path("/search")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Search traces (MLflow filter_string, order_by, page tokens)")
    @APIResponse(responseCode = "200", description = "one page of trace infos")
    @APIResponse(responseCode = "400", ref = ProblemRefs.BAD_REQUEST)
    public Uni<TracePage> search(@Valid @NotNull(message = ProblemRefs.BODY_REQUIRED) TraceSearchRequest body) {
        return search.search(body);
    }
}
