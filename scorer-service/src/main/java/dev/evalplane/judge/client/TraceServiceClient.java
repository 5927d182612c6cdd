package dev.evalplane.judge.client;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.evalplane.events.http.RunSummaries;
import dev.evalplane.events.http.RunSummary;
import dev.evalplane.events.http.TracePage;
import dev.evalplane.events.http.TraceBatchGetRequest;
import dev.evalplane.events.http.TraceSearchRequest;
import dev.evalplane.judge.config.ServiceUrls;
import dev.evalplane.internalauth.InternalToken;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * trace-service's routes this service uses (docs/SERVICE_API.md): get a trace, search traces, run summary, several
 * runs' summaries.
 */
@ApplicationScoped
public class TraceServiceClient {

    private final WebClient client;
    private final ObjectMapper json;
    private final String baseUrl;
    private final ServiceGuard reads;
    private final ServiceGuard summaries;

    public TraceServiceClient(WebClient client, ObjectMapper json, ServiceUrls.TraceService config,
            InternalToken internalToken) {
        this.client = internalToken.serviceClient(client);
        this.json = json;
        this.baseUrl = config.url().replaceAll("/+$", "");
        this.reads = new ServiceGuard("trace-service", config.calls(), config.calls().timeout());
        this.summaries = new ServiceGuard("trace-service", config.calls(), config.summaryTimeout());
    }

    /** {@code {info, spans}}; fails with {@link ServiceCallException} (404: the trace does not exist). */
    public Uni<JsonNode> trace(String traceId) {
        return reads.read(() -> client.getAbs(baseUrl + "/api/v1/traces/" + traceId).send()
                .map(r -> body(r, "trace " + traceId)));
    }

    /**
     * {@code POST /api/v1/traces/batch-get}: the stored traces among {@code traceIds} ({@code {info, spans}} each, by
     * trace id; ids trace-service does not know are absent), in one request (at most 1000 ids).
     */
    public Uni<Map<String, JsonNode>> traces(List<String> traceIds) {
        Buffer request = write(new TraceBatchGetRequest(traceIds));
        return reads.read(() -> client.postAbs(baseUrl + "/api/v1/traces/batch-get")
                .putHeader("Content-Type", "application/json").sendBuffer(request)
                .map(r -> body(r, traceIds.size() + " traces")))
                .map(answer -> {
                    Map<String, JsonNode> found = new java.util.concurrent.ConcurrentHashMap<>();
                    for (JsonNode trace : answer.path("traces")) {
                        found.put(trace.path("info").path("trace_id").asText(), trace);
                    }
                    return found;
                });
    }

    /** One page of {@code POST /api/v1/traces/search}. */
    public Uni<TracePage> search(String experimentId, String filter, int pageSize, String pageToken) {
        return reads.read(() -> searchRequest(TraceSearchRequest.page(experimentId, filter, pageSize, pageToken))
                .map(r -> body(r, "trace search", TracePage.class)));
    }

    private Uni<HttpResponse<Buffer>> searchRequest(TraceSearchRequest request) {
        return client.postAbs(baseUrl + "/api/v1/traces/search")
                .putHeader("Content-Type", "application/json").sendBuffer(write(request));
    }

    /** A request body record as JSON (records of events' {@code http} package always serialize). */
    private Buffer write(Object body) {
        try {
            return Buffer.buffer(json.writeValueAsBytes(body));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + body.getClass().getSimpleName(), e);
        }
    }

    /**
     * Why trace-service rejects {@code filter} (the detail of its 400 answer to a search), or null when it accepts it
     * or cannot be asked (unreachable, another error).
     */
    public Uni<String> filterProblem(String experimentId, String filter) {
        return reads.read(() -> searchRequest(TraceSearchRequest.page(experimentId, filter, 1, null)))
                .map(r -> {
                    if (r.statusCode() != 400) {
                        return null;
                    }
                    try {
                        return json.readTree(r.body().getBytes()).path("detail").asText("invalid filter_string");
                    } catch (java.io.IOException e) {
                        return "invalid filter_string";
                    }
                })
                .onFailure().recoverWithNull();
    }

    /** {@code GET /api/v1/evaluations/{run_id}/summary}: {@code {judge_cost: {...}, ...}}. */
    public Uni<JsonNode> runSummary(String runId) {
        return summaries.read(() -> client.getAbs(baseUrl + "/api/v1/evaluations/" + runId + "/summary")
                .send().map(r -> body(r, "summary of run " + runId)));
    }

    /**
     * {@code POST /api/v1/evaluations/summaries}: each run's {@code judge_cost} as its summary tells it, by run id
     * (at most 200 runs a request; runs trace-service knows nothing of answer an empty summary).
     */
    public Uni<Map<String, JsonNode>> runJudgeCosts(List<String> runIds) {
        if (runIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        Buffer request = Buffer.buffer(json.valueToTree(new RunSummaries.Request(runIds)).toString());
        return reads.read(() -> client.postAbs(baseUrl + "/api/v1/evaluations/summaries")
                .putHeader("Content-Type", "application/json").sendBuffer(request)
                .map(r -> body(r, "summaries of " + runIds.size() + " runs", RunSummaries.Response.class)))
                .map(answer -> {
                    Map<String, JsonNode> costs = new HashMap<>();
                    for (RunSummary summary : answer.summaries() == null ? List.<RunSummary>of() : answer.summaries()) {
                        if (summary.runId() != null && summary.judgeCost() != null) {
                            costs.put(summary.runId(), json.valueToTree(summary.judgeCost()));
                        }
                    }
                    return costs;
                });
    }

    private <T> T body(HttpResponse<Buffer> response, String what, Class<T> type) {
        if (response.statusCode() != 200) {
            throw new ServiceCallException(response.statusCode(), "trace-service answered " + response.statusCode()
                    + " for " + what);
        }
        try {
            return json.readValue(response.body().getBytes(), type);
        } catch (java.io.IOException e) {
            throw new ServiceCallException(response.statusCode(), "trace-service sent unreadable JSON for " + what);
        }
    }

    private JsonNode body(HttpResponse<Buffer> response, String what) {
        if (response.statusCode() != 200) {
            throw new ServiceCallException(response.statusCode(), "trace-service answered " + response.statusCode()
                    + " for " + what);
        }
        try {
            return json.readTree(response.body().getBytes());
        } catch (java.io.IOException e) {
            throw new ServiceCallException(response.statusCode(), "trace-service sent unreadable JSON for " + what);
        }
    }
}
