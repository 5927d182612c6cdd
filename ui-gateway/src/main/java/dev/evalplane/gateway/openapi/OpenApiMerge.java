package dev.evalplane.gateway.openapi;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import dev.evalplane.gateway.client.Upstream;
import dev.evalplane.gateway.client.UpstreamRoutes;

/**
 * One OpenAPI document of the public API from the gateway's own document and the services' documents. A service path
 * joins when the gateway routes it to that service ({@link UpstreamRoutes}, plus trace-service's OTLP {@code /v1/traces}):
 * internal routes (run summaries, link-to-run, client runs) stay out because the gateway does not route them. The
 * gateway's catch-all routes (the {@code /api/v1} proxy, the MLflow ENDPOINT_NOT_FOUND fallbacks: a last segment
 * {@code {path}}) are left out, and its OTLP proxy gives way to trace-service's own description of {@code /v1/traces}. Components are merged by name; a name two
 * documents define differently is kept per service as {@code <service>.<name>}, with that service's references
 * rewritten. Pure: no I/O.
 */
public final class OpenApiMerge {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String API_PREFIX = "/api/v1/";
    private static final String OTLP_PATH = "/v1/traces";
    private static final String REF_PREFIX = "#/components/";

    /** The last segment of a catch-all route of the gateway's own. */
    private static final String CATCH_ALL = "/{path}";

    public static ObjectNode merge(ObjectNode gateway, Map<Upstream, ObjectNode> services, List<String> unavailable) {
        ObjectNode merged = gateway.deepCopy();
        ObjectNode paths = merged.with("paths");
        List<String> catchAlls = new ArrayList<>();
        paths.fieldNames().forEachRemaining(p -> {
            if (p.endsWith(CATCH_ALL)) {
                catchAlls.add(p);
            }
        });
        paths.remove(catchAlls);
        if (services.containsKey(Upstream.TRACE_SERVICE)) {
            paths.remove(OTLP_PATH);
        }
        ObjectNode components = merged.with("components");
        for (Map.Entry<Upstream, ObjectNode> service : services.entrySet()) {
            ObjectNode document = service.getValue().deepCopy();
            Map<String, String> renamed = mergeComponents(components, document.path("components"),
                    service.getKey().serviceName());
            for (Iterator<Map.Entry<String, JsonNode>> it = document.path("paths").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> path = it.next();
                if (isPublic(path.getKey(), service.getKey())) {
                    JsonNode item = rewriteRefs(path.getValue(), renamed);
                    tagWithService(item, service.getKey());
                    paths.set(path.getKey(), item);
                }
            }
            mergeTags(merged, document.path("tags"));
        }
        sortFields(paths);
        ObjectNode info = merged.with("info");
        info.put("title", "evalplane public API");
        info.put("description", "Everything the gateway serves: the /api/v1 routes of trace-service, scorer-service and"
                + " cost-service as the gateway routes them, OTLP/HTTP ingestion at /v1/traces, and the gateway's own"
                + " MLflow-compatible routes. Every path off the gateway's public list needs"
                + " `Authorization: Bearer <token>`; errors are application/problem+json (MLflow's error JSON on the"
                + " MLflow paths)." + (unavailable.isEmpty() ? ""
                        : " Not included, unreachable when this document was built: " + String.join(", ", unavailable)
                                + "."));
        addBearerAuth(merged, components);
        return merged;
    }

    /** True when the gateway sends {@code path} to {@code service}. */
    static boolean isPublic(String path, Upstream service) {
        if (path.equals(OTLP_PATH)) {
            return service == Upstream.TRACE_SERVICE;
        }
        return path.startsWith(API_PREFIX)
                && UpstreamRoutes.ownerOf(path.substring(API_PREFIX.length())).filter(service::equals).isPresent();
    }

    /** Adds a service's components; returns the names it had to rename because another document defines them. */
    private static Map<String, String> mergeComponents(ObjectNode into, JsonNode from, String serviceName) {
        Map<String, String> renamed = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> kinds = from.fields(); kinds.hasNext();) {
            Map.Entry<String, JsonNode> kind = kinds.next();
            ObjectNode target = into.with(kind.getKey());
            for (Iterator<Map.Entry<String, JsonNode>> it = kind.getValue().fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> component = it.next();
                JsonNode existing = target.get(component.getKey());
                if (existing != null && !existing.equals(component.getValue())) {
                    renamed.put(REF_PREFIX + kind.getKey() + "/" + component.getKey(),
                            REF_PREFIX + kind.getKey() + "/" + serviceName + "." + component.getKey());
                }
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> kinds = from.fields(); kinds.hasNext();) {
            Map.Entry<String, JsonNode> kind = kinds.next();
            ObjectNode target = into.with(kind.getKey());
            for (Iterator<Map.Entry<String, JsonNode>> it = kind.getValue().fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> component = it.next();
                String ref = REF_PREFIX + kind.getKey() + "/" + component.getKey();
                String name = renamed.containsKey(ref) ? renamed.get(ref).substring(ref.lastIndexOf('/') + 1)
                        : component.getKey();
                target.set(name, rewriteRefs(component.getValue(), renamed));
            }
        }
        return renamed;
    }

    private static JsonNode rewriteRefs(JsonNode node, Map<String, String> renamed) {
        if (renamed.isEmpty()) {
            return node;
        }
        if (node.isObject()) {
            ObjectNode object = (ObjectNode) node;
            List<String> names = new ArrayList<>();
            object.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                JsonNode value = object.get(name);
                if ("$ref".equals(name) && value.isTextual() && renamed.containsKey(value.textValue())) {
                    object.set(name, TextNode.valueOf(renamed.get(value.textValue())));
                } else {
                    rewriteRefs(value, renamed);
                }
            }
        } else if (node.isArray()) {
            node.forEach(child -> rewriteRefs(child, renamed));
        }
        return node;
    }

    /** Each operation says which service serves it ({@code x-evalplane-service}). */
    private static void tagWithService(JsonNode pathItem, Upstream service) {
        pathItem.fields().forEachRemaining(op -> {
            if (op.getValue().isObject() && op.getValue().has("responses")) {
                ((ObjectNode) op.getValue()).put("x-evalplane-service", service.serviceName());
            }
        });
    }

    private static void mergeTags(ObjectNode merged, JsonNode tags) {
        if (!tags.isArray()) {
            return;
        }
        ArrayNode into = merged.withArray("tags");
        Map<String, Boolean> known = new LinkedHashMap<>();
        into.forEach(t -> known.put(t.path("name").asText(), true));
        tags.forEach(t -> {
            if (!known.containsKey(t.path("name").asText())) {
                into.add(t);
            }
        });
    }

    private static void addBearerAuth(ObjectNode merged, ObjectNode components) {
        components.with("securitySchemes").set("bearer", NODES.objectNode().put("type", "http").put("scheme", "bearer")
                .put("description", "an evalplane API token (evalplane.auth.tokens)"));
        if (!merged.has("security")) {
            merged.putArray("security").addObject().putArray("bearer");
        }
    }

    private static void sortFields(ObjectNode object) {
        Map<String, JsonNode> sorted = new java.util.TreeMap<>();
        object.fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue()));
        object.removeAll();
        sorted.forEach(object::set);
    }

    private OpenApiMerge() {
    }
}
