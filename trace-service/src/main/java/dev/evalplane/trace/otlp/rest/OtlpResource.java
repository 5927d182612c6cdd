package dev.evalplane.trace.otlp.rest;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.evalplane.events.http.ProblemRefs;
import dev.evalplane.trace.otlp.decoding.OtlpMediaType;
import dev.evalplane.trace.otlp.mapping.IngestContext;
import dev.evalplane.trace.otlp.service.OtlpIngestService;
import dev.evalplane.trace.otlp.service.OtlpPayload;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * OTLP/HTTP trace receiver ({@code POST /v1/traces}), protobuf or JSON, optionally gzip/deflate-compressed.
 * Answers 200 with an empty ExportTraceServiceResponse in the request's encoding once Kafka has acknowledged every
 * span; errors are problem+json (400 malformed, 413 too large, 415 unsupported type or encoding, 503 Kafka).
 */
@Path("/v1/traces")
public class OtlpResource {

    public static final String EXPERIMENT_HEADER = "x-mlflow-experiment-id";
    public static final String RUN_HEADER = "x-mlflow-run-id";

    private static final byte[] EMPTY_PROTOBUF_RESPONSE = ExportTraceServiceResponse.getDefaultInstance()
            .toByteArray();
    private static final String EMPTY_JSON_RESPONSE = "{}";

    private final OtlpIngestService ingestService;

    public OtlpResource(OtlpIngestService ingestService) {
        this.ingestService = ingestService;
    }

    @POST
    @Tag(name = "OTLP ingestion")
    @Operation(summary = "Ingest OTLP/HTTP trace spans (ExportTraceServiceRequest)", description = "Protobuf"
            + " (application/x-protobuf) or JSON (application/json), optionally gzip or deflate; header"
            + " x-mlflow-experiment-id names the experiment (default 0). 200 once Kafka acknowledged every span; 400"
            + " malformed, 413 too large, 415 unsupported type or encoding, 503 Kafka unavailable (problem+json).")
    @RequestBody(required = true, content = {
            @Content(mediaType = "application/x-protobuf", schema = @Schema(type = SchemaType.STRING, format = "binary")),
            @Content(mediaType = "application/json", schema = @Schema(type = SchemaType.OBJECT,
                    description = "OTLP JSON: {resourceSpans: [{scopeSpans: [{spans: [...]}]}]}")) })
    @APIResponse(responseCode = "200", description = "an empty ExportTraceServiceResponse in the request's encoding")
    @APIResponse(responseCode = "400", ref = ProblemRefs.BAD_REQUEST)
    public Uni<Response> export(byte[] body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @HeaderParam(HttpHeaders.CONTENT_ENCODING) String contentEncoding,
            @HeaderParam(EXPERIMENT_HEADER) String experimentId, @HeaderParam(RUN_HEADER) String runId) {
        OtlpMediaType mediaType = OtlpMediaType.fromContentType(contentType);
        OtlpPayload payload = new OtlpPayload(body, mediaType, contentEncoding, IngestContext.of(experimentId, runId));
        return onRequestContext(ingestService.ingest(payload)).map(published -> success(mediaType));
    }

    /**
     * Kafka acknowledgements complete on the Kafka sink's Vert.x context; the response must be written on this
     * request's own context (its request scope lives there), so results hop back to it.
     */
    private static <T> Uni<T> onRequestContext(Uni<T> result) {
        Context context = Vertx.currentContext();
        return context == null ? result : result.emitOn(task -> context.runOnContext(ignored -> task.run()));
    }

    private static Response success(OtlpMediaType mediaType) {
        Object entity = mediaType == OtlpMediaType.PROTOBUF ? EMPTY_PROTOBUF_RESPONSE : EMPTY_JSON_RESPONSE;
        return Response.ok(entity, mediaType.mediaType()).build();
    }
}
