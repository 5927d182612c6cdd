package dev.evalplane.trace.otlp.rest;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.evalplane.support.problem.Problem;
import dev.evalplane.trace.otlp.OtlpIngestException;
import io.quarkus.logging.Log;
import jakarta.ws.rs.core.Response;

/** Turns a rejected or failed OTLP export into {@code application/problem+json} (type, title, status, detail). */
public class OtlpProblemMapper {

    /** OTLP exporters back off and retry on 503; tell them when. */
    static final String RETRY_AFTER_SECONDS = "5";

    private final ObjectMapper json;

    public OtlpProblemMapper(ObjectMapper json) {
        this.json = json;
    }

    @ServerExceptionMapper
    public Response toProblem(OtlpIngestException e) {
        OtlpIngestException.Kind kind = e.kind();
        if (kind == OtlpIngestException.Kind.UNAVAILABLE) {
            Log.warnf("OTLP export failed: %s", e.getMessage());
        } else {
            Log.debugf("OTLP export rejected (%d): %s", kind.status, e.getMessage());
        }
        Problem problem = Problem.of(kind.status, kind.slug, kind.title, e.getMessage());
        Response.ResponseBuilder response = Response.status(kind.status).type(Problem.MEDIA_TYPE).entity(write(problem));
        if (kind == OtlpIngestException.Kind.UNAVAILABLE) {
            response.header("Retry-After", RETRY_AFTER_SECONDS);
        }
        return response.build();
    }

    private String write(Problem problem) {
        try {
            return json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
