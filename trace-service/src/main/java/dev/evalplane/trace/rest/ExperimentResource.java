package dev.evalplane.trace.rest;

import dev.evalplane.trace.domain.ExperimentList;
import dev.evalplane.trace.service.TraceService;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Experiments seen in stored traces, with trace counts. */
@Path("/api/v1/experiments")
@Produces(MediaType.APPLICATION_JSON)
public class ExperimentResource {

    private final TraceService service;

    public ExperimentResource(TraceService service) {
        this.service = service;
    }

    @GET
    public Uni<ExperimentList> list() {
        return service.experiments();
    }
}
