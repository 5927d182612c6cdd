package dev.evalplane.gateway.openapi;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * {@code GET /q/openapi}: the one OpenAPI document of the public API ({@link PublicApiDocument}), on the public list
 * like before. YAML by default, JSON with {@code ?format=json} or {@code Accept: application/json}, as Quarkus' own
 * endpoint answers (which now serves only the gateway's part, at {@code /q/openapi-gateway}, behind a token).
 */
@Path("/q/openapi")
@Tag(name = "API description")
public class OpenApiResource {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final String YAML_TYPE = "application/yaml";

    private final PublicApiDocument document;

    public OpenApiResource(PublicApiDocument document) {
        this.document = document;
    }

    @GET
    @Operation(summary = "This document: the whole public API (OpenAPI 3.1)")
    public Uni<Response> get(@RestQuery("format") String format, @HeaderParam(HttpHeaders.ACCEPT) String accept) {
        boolean asJson = "json".equalsIgnoreCase(format)
                || format == null && accept != null && accept.contains(MediaType.APPLICATION_JSON);
        return document.document().map(doc -> asJson ? Response.ok(doc.toString(), MediaType.APPLICATION_JSON).build()
                : Response.ok(yaml(doc), YAML_TYPE).build());
    }

    private static String yaml(ObjectNode doc) {
        try {
            return YAML.writeValueAsString(doc);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the OpenAPI document cannot be written as YAML", e);
        }
    }
}
