package dev.evalplane.trace.rest;

import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import dev.evalplane.trace.domain.EvaluationPage;
import dev.evalplane.trace.domain.RunSummary;
import dev.evalplane.trace.service.EvaluationService;
import dev.evalplane.trace.service.ValidationException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The evaluation list of a run and its summary (judge traces excluded, seed rule applied, exact totals). */
@Path("/api/v1/evaluations/{run_id}")
@Produces(MediaType.APPLICATION_JSON)
public class EvaluationResource {

    private final EvaluationService service;

    public EvaluationResource(EvaluationService service) {
        this.service = service;
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
            throw new ValidationException("page_size must be a whole number, got \"" + value + "\"");
        }
    }
}
