package dev.evalplane.gateway.mlflow.traces;

import static dev.evalplane.gateway.mlflow.MlflowParams.encode;
import static dev.evalplane.gateway.mlflow.MlflowParams.required;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import dev.evalplane.events.http.TagEdit;
import dev.evalplane.events.http.TraceBatchGetRequest;
import dev.evalplane.events.http.TraceDeleteRequest;
import dev.evalplane.events.http.TraceSearchRequest;
import dev.evalplane.events.http.TraceInfoWrite;
import dev.evalplane.gateway.client.Upstream;
import dev.evalplane.gateway.mlflow.MlflowException;
import dev.evalplane.gateway.mlflow.MlflowJson;
import dev.evalplane.gateway.mlflow.ServiceCalls;
import dev.evalplane.gateway.mlflow.traces.MlflowTraceMessages.BatchGetTraceInfos;
import dev.evalplane.gateway.mlflow.traces.MlflowTraceMessages.DeleteTraceTag;
import dev.evalplane.gateway.mlflow.traces.MlflowTraceMessages.DeleteTraces;
import dev.evalplane.gateway.mlflow.traces.MlflowTraceMessages.DeleteTracesResponse;
import dev.evalplane.gateway.mlflow.traces.MlflowTraceMessages.MlflowTrace;
import dev.evalplane.gateway.mlflow.traces.MlflowTraceMessages.SearchTracesResponse;
import dev.evalplane.gateway.mlflow.traces.MlflowTraceMessages.SearchTracesV3;
import dev.evalplane.gateway.mlflow.traces.MlflowTraceMessages.SetTraceTag;
import dev.evalplane.gateway.mlflow.traces.MlflowTraceMessages.StartTraceV3;
import dev.evalplane.gateway.mlflow.traces.MlflowTraceMessages.TraceInfoV3;
import dev.evalplane.gateway.mlflow.traces.MlflowTraceMessages.TraceInfosResponse;
import dev.evalplane.gateway.mlflow.traces.MlflowTraceMessages.TraceLocation;
import dev.evalplane.gateway.mlflow.traces.MlflowTraceMessages.TraceResponse;
import dev.evalplane.gateway.mlflow.traces.MlflowTraceMessages.TracesResponse;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * MLflow's trace API on {@code /api/2.0} and {@code /api/3.0} (the client uses 3.0 for most calls and 2.0 for
 * tags), translated to trace-service's {@code /api/v1/traces} routes: StartTraceV3 (the trace info a client sends
 * when a trace ends; its spans arrive over OTLP), get (info, or info with spans), batch get, search, tags, delete,
 * and the assessment routes ({@link MlflowAssessments}).
 */
@Produces(MediaType.APPLICATION_JSON)
public abstract class MlflowTraceResource {

    static final String TRACES = "/api/v1/traces";
    /** MLflow's largest search page (SearchTracesV3). */
    private static final int MAX_SEARCH_RESULTS = 500;
    private static final int MAX_BATCH = 1000;

    private final ServiceCalls services;
    private final MlflowJson json;
    private final AssessmentMapping assessments;
    private final MlflowAssessments assessmentRoutes;

    protected MlflowTraceResource(ServiceCalls services, MlflowJson json, AssessmentMapping assessments,
            MlflowAssessments assessmentRoutes) {
        this.services = services;
        this.json = json;
        this.assessments = assessments;
        this.assessmentRoutes = assessmentRoutes;
    }

    /** StartTraceV3: stores the trace info; answers it as stored (the spans location tag tells the client where spans are). */
    @POST
    @Consumes("*/*")
    public Uni<TraceResponse> startTrace(String body) {
        StartTraceV3 request = json.read(body, StartTraceV3.class);
        if (request.trace() == null || request.trace().traceInfo() == null) {
            throw MlflowException.missing("trace.trace_info");
        }
        TraceInfoV3 info = request.trace().traceInfo();
        TraceInfoWrite write = TraceInfoMapping.toService(info);
        return services.put(Upstream.TRACE_SERVICE, TRACES + "/" + encode(info.traceId()) + "/info", write,
                ServiceTraces.Info.class).map(stored -> new TraceResponse(new MlflowTrace(toMlflow(stored), null)));
    }

    @GET
    @Path("/get")
    public Uni<TraceResponse> get(@RestQuery("trace_id") String traceId) {
        return trace(required("trace_id", traceId)).map(t -> new TraceResponse(toMlflow(t)));
    }

    @GET
    @Path("/batchGet")
    public Uni<TracesResponse> batchGet(@RestQuery("trace_ids") List<String> traceIds) {
        return traces(traceIds).map(list -> new TracesResponse(list.stream().map(this::toMlflow).toList()));
    }

    @POST
    @Path("/batchGetInfos")
    @Consumes("*/*")
    public Uni<TraceInfosResponse> batchGetInfos(String body) {
        BatchGetTraceInfos request = json.read(body, BatchGetTraceInfos.class);
        return traces(request.traceIds()).map(list -> new TraceInfosResponse(
                list.stream().map(t -> toMlflow(t.info())).toList()));
    }

    /** GetTraceInfoV3: the trace's info and assessments, without spans. */
    @GET
    @Path("/{trace_id}")
    public Uni<TraceResponse> getInfo(@RestPath("trace_id") String traceId) {
        return trace(traceId).map(t -> new TraceResponse(new MlflowTrace(toMlflow(t.info()), null)));
    }

    @POST
    @Path("/search")
    @Consumes("*/*")
    public Uni<SearchTracesResponse> search(String body) {
        SearchTracesV3 request = json.read(body, SearchTracesV3.class);
        List<String> experimentIds = new ArrayList<>();
        for (TraceLocation location : request.locations() == null ? List.<TraceLocation>of() : request.locations()) {
            if (location == null || location.mlflowExperiment() == null
                    || location.mlflowExperiment().experimentId() == null) {
                throw MlflowException.invalidParameter("evalplane searches traces in MLflow experiments only: every "
                        + "location needs mlflow_experiment.experiment_id");
            }
            experimentIds.add(location.mlflowExperiment().experimentId());
        }
        if (experimentIds.isEmpty()) {
            throw MlflowException.invalidParameter("locations must name at least one experiment");
        }
        int maxResults = request.maxResults() == null || request.maxResults() == 0 ? 100 : request.maxResults();
        if (maxResults < 1 || maxResults > MAX_SEARCH_RESULTS) {
            throw MlflowException.invalidParameter("max_results must be between 1 and " + MAX_SEARCH_RESULTS);
        }
        TraceSearchRequest search = new TraceSearchRequest(experimentIds, blankToNull(request.filter()),
                request.orderBy() == null || request.orderBy().isEmpty() ? null : request.orderBy(), maxResults,
                blankToNull(request.pageToken()));
        return services.post(Upstream.TRACE_SERVICE, TRACES + "/search", search, ServiceTraces.Page.class)
                .map(page -> new SearchTracesResponse(page.traces().stream().map(this::toMlflow).toList(),
                        page.nextPageToken()));
    }

    @PATCH
    @Path("/{trace_id}/tags")
    @Consumes("*/*")
    public Uni<Map<String, Object>> setTag(@RestPath("trace_id") String traceId, String body) {
        SetTraceTag request = json.read(body, SetTraceTag.class);
        TagEdit edit = TagEdit.setting(required("key", request.key()), request.value() == null ? "" : request.value());
        return services.patch(Upstream.TRACE_SERVICE, TRACES + "/" + encode(traceId) + "/tags", edit, Void.class)
                .map(ignored -> Map.of());
    }

    @DELETE
    @Path("/{trace_id}/tags")
    @Consumes("*/*")
    public Uni<Map<String, Object>> deleteTag(@RestPath("trace_id") String traceId, @RestQuery("key") String keyParam,
            String body) {
        String key = keyParam != null ? keyParam : json.read(body, DeleteTraceTag.class).key();
        TagEdit edit = TagEdit.deleting(required("key", key));
        return services.patch(Upstream.TRACE_SERVICE, TRACES + "/" + encode(traceId) + "/tags", edit, Void.class)
                .map(ignored -> Map.of());
    }

    @POST
    @Path("/delete-traces")
    @Consumes("*/*")
    public Uni<DeleteTracesResponse> deleteTraces(String body) {
        DeleteTraces request = json.read(body, DeleteTraces.class);
        TraceDeleteRequest delete;
        if (request.requestIds() != null && !request.requestIds().isEmpty()) {
            delete = TraceDeleteRequest.byIds(request.requestIds());
        } else if (request.maxTimestampMillis() != null) {
            delete = new TraceDeleteRequest(null, required("experiment_id", request.experimentId()),
                    request.maxTimestampMillis(), request.maxTraces());
        } else {
            throw MlflowException.invalidParameter("Either `max_timestamp_millis` or `request_ids` must be specified.");
        }
        return services.post(Upstream.TRACE_SERVICE, TRACES + "/delete", delete, ServiceTraces.Deleted.class)
                .map(d -> new DeleteTracesResponse(d.deleted()));
    }

    @POST
    @Path("/{trace_id}/assessments")
    @Consumes("*/*")
    public Uni<MlflowTraceMessages.AssessmentBody> createAssessment(@RestPath("trace_id") String traceId, String body) {
        return assessmentRoutes.create(traceId, body);
    }

    @GET
    @Path("/{trace_id}/assessments/{assessment_id}")
    public Uni<MlflowTraceMessages.AssessmentBody> getAssessment(@RestPath("trace_id") String traceId,
            @RestPath("assessment_id") String assessmentId) {
        return assessmentRoutes.get(traceId, assessmentId);
    }

    @PATCH
    @Path("/{trace_id}/assessments/{assessment_id}")
    @Consumes("*/*")
    public Uni<MlflowTraceMessages.AssessmentBody> updateAssessment(@RestPath("trace_id") String traceId,
            @RestPath("assessment_id") String assessmentId, String body) {
        return assessmentRoutes.update(traceId, assessmentId, body);
    }

    @DELETE
    @Path("/{trace_id}/assessments/{assessment_id}")
    @Consumes("*/*")
    public Uni<Map<String, Object>> deleteAssessment(@RestPath("trace_id") String traceId,
            @RestPath("assessment_id") String assessmentId) {
        return assessmentRoutes.delete(traceId, assessmentId);
    }

    private Uni<ServiceTraces.Trace> trace(String traceId) {
        return services.get(Upstream.TRACE_SERVICE, TRACES + "/" + encode(traceId), ServiceTraces.Trace.class)
                .onFailure(MlflowException.class).transform(e -> notFound((MlflowException) e, traceId));
    }

    private Uni<List<ServiceTraces.Trace>> traces(List<String> traceIds) {
        if (traceIds == null || traceIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        if (traceIds.size() > MAX_BATCH) {
            throw MlflowException.invalidParameter("at most " + MAX_BATCH + " trace_ids per request");
        }
        return services.post(Upstream.TRACE_SERVICE, TRACES + "/batch-get", new TraceBatchGetRequest(traceIds),
                ServiceTraces.Traces.class).map(ServiceTraces.Traces::traces);
    }

    private MlflowTrace toMlflow(ServiceTraces.Trace trace) {
        return new MlflowTrace(toMlflow(trace.info()),
                trace.spans() == null ? List.of() : trace.spans().stream().map(s -> (com.fasterxml.jackson.databind.JsonNode) OtelSpanJson.of(s)).toList());
    }

    private TraceInfoV3 toMlflow(ServiceTraces.Info info) {
        return TraceInfoMapping.toMlflow(info, assessments);
    }

    private static MlflowException notFound(MlflowException e, String traceId) {
        return e.code() == dev.evalplane.gateway.mlflow.MlflowErrorCode.RESOURCE_DOES_NOT_EXIST
                ? MlflowException.notFound("Trace with ID " + traceId + " not found.") : e;
    }


    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    /** The routes under {@code /api/2.0/mlflow}. */
    @Path("/api/2.0/mlflow/traces")
    public static class V2 extends MlflowTraceResource {
        public V2(ServiceCalls services, MlflowJson json, AssessmentMapping assessments,
                MlflowAssessments assessmentRoutes) {
            super(services, json, assessments, assessmentRoutes);
        }
    }

    /** The same routes under {@code /api/3.0/mlflow}. */
    @Path("/api/3.0/mlflow/traces")
    public static class V3 extends MlflowTraceResource {
        public V3(ServiceCalls services, MlflowJson json, AssessmentMapping assessments,
                MlflowAssessments assessmentRoutes) {
            super(services, json, assessments, assessmentRoutes);
        }
    }
}
