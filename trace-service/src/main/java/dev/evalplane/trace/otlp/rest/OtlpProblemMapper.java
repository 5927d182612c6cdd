package dev.evalplane.trace.otlp.rest;

import java.util.LinkedHashMap;
import java.util.Map;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.evalplane.trace.otlp.OtlpIngestException;
import io.quarkus.logging.Log;
import jakarta.ws.rs.core.Response;

/** Turns a rejected or failed OTLP export into {@code application/problem+json} (type, title, status, detail). */
public class OtlpProblemMapper {

    static final String PROBLEM_JSON = "application/problem+json";
    static final String TYPE_BASE = "https://evalplane.dev/problems/";
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
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", TYPE_BASE + kind.slug);
        problem.put("title", kind.title);
        problem.put("status", kind.status);
        problem.put("detail", e.getMessage());
        Response.ResponseBuilder response = Response.status(kind.status).type(PROBLEM_JSON).entity(write(problem));
        if (kind == OtlpIngestException.Kind.UNAVAILABLE) {
            response.header("Retry-After", RETRY_AFTER_SECONDS);
        }
        return response.build();
    }

    private String write(Map<String, Object> problem) {
        try {
            return json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
