package dev.evalplane.trace.rest;

import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;

import dev.evalplane.events.JsonErrors;
import dev.evalplane.trace.domain.EvaluationPage;
import dev.evalplane.trace.domain.RunSummary;
import dev.evalplane.trace.service.ClientRunLinks;
import dev.evalplane.trace.service.EvaluationService;
import dev.evalplane.support.error.InvalidInputException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The evaluation list of a run and its summary (judge traces excluded, seed rule applied, exact totals), and the
 * gateway's MLflow link-to-run for runs the MLflow client created ({@code POST .../links}, not proxied publicly).
 */
@Path("/api/v1/evaluations/{run_id}")
@Produces(MediaType.APPLICATION_JSON)
public class EvaluationResource {

    private final EvaluationService service;
    private final ClientRunLinks clientLinks;
    private final JsonBody json;

    public EvaluationResource(EvaluationService service, ClientRunLinks clientLinks, JsonBody json) {
        this.service = service;
        this.json = json;
        this.clientLinks = clientLinks;
    }

    /** {@code {trace_ids: [...]}}: the traces join the run's evaluation list. */
    public record LinkRequest(@JsonProperty("trace_ids") List<String> traceIds) {
    }

    public record Linked(@JsonProperty("run_id") String runId, int linked) {
    }

    @POST
    @Path("/links")
    @Consumes({ MediaType.APPLICATION_JSON, MediaType.WILDCARD })
    public Uni<Linked> link(@RestPath("run_id") String runId, String body) {
        LinkRequest request;
        try {
            request = json.read(body, LinkRequest.class);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException("the body must be {\"trace_ids\": [...]}: " + JsonErrors.describe(e));
        }
        return clientLinks.link(runId, request.traceIds()).map(n -> new Linked(runId, n));
    }

    @GET
    @Path("/traces")
    public Uni<EvaluationPage> traces(@RestPath("run_id") String runId, @RestQuery("page_size") String pageSize,
            @RestQuery("page_token") String pageToken) {
        return service.list(runId, pageSize(pageSize), pageToken);
    }

    @GET
    @Path("/summary")
    public Uni<RunSummary> summary(@RestPath("run_id") String runId) {
        return service.summary(runId);
    }

    private static Integer pageSize(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("page_size must be a whole number, got \"" + value + "\"");
        }
    }
}
