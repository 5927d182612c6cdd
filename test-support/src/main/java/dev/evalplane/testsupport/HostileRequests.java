package dev.evalplane.testsupport;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One fixed table of hostile requests, sent to every route a service lists in its own OpenAPI document
 * ({@code /q/openapi}, read at test time: a new route joins the day it is added). Every answer must be below 500, an
 * error must be {@code application/problem+json} with a detail, and no answer may carry database or exception text.
 * Each service's test gives plausible path values and, per route, one valid example body; every field of that example
 * is then replaced in turn by each hostile value (wrong JSON types, NUL, a lone surrogate, a huge string, deep
 * nesting) and removed. Reusable by any service (and the gateway): {@link #violations(URI, Map, Map)}.
 */
public final class HostileRequests {

    /** A route as the OpenAPI document lists it, e.g. {@code POST /api/v1/traces/{trace_id}/assessments}. */
    public record Route(String method, String path, List<String> queryParameters) {
        public String key() {
            return method + " " + path;
        }
    }

    /** One request of the table. */
    public record Probe(String description, String method, String pathAndQuery, String contentType, byte[] body) {
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern PATH_PARAMETER = Pattern.compile("\\{([^}/]+)}");
    private static final String NUL = "nul\u0000value";
    private static final String HUGE = "h".repeat(1_000_000);
    /**
     * Text PostgreSQL cannot compress (a fixed pseudo-random sequence), longer than an index entry holds (about 2.7 KB):
     * a key of that length fails where a repeated letter of the same length would be compressed to fit.
     */
    private static final String INCOMPRESSIBLE = incompressible(3000);
    /** Text that only a database driver or a stack trace would put in an answer. */
    private static final List<String> LEAKS = List.of("PgException", "SQLSTATE", "ERROR: ", "pgsql", "postgres",
            "invalid byte sequence", "violates", "relation \"", "Exception:", "NullPointerException", "\tat ",
            "java.lang.", "io.vertx.", "org.hibernate", "syntax error at");

    /** Routes of the service at {@code base}, from its {@code /q/openapi}. */
    public static List<Route> routes(URI base) {
        JsonNode document;
        try {
            HttpResponse<String> answer = client().send(HttpRequest.newBuilder(base.resolve("/q/openapi?format=json"))
                    .header("Accept", "application/json").build(), HttpResponse.BodyHandlers.ofString());
            document = JSON.readTree(answer.body());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read /q/openapi of " + base, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        List<Route> routes = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = document.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext();) {
                Map.Entry<String, JsonNode> op = ops.next();
                String method = op.getKey().toUpperCase(Locale.ROOT);
                if (!List.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
                    continue;
                }
                List<String> query = new ArrayList<>();
                for (JsonNode parameter : op.getValue().path("parameters")) {
                    if ("query".equals(parameter.path("in").asText())) {
                        query.add(parameter.path("name").asText());
                    }
                }
                routes.add(new Route(method, path.getKey(), query));
            }
        }
        return routes;
    }

    /**
     * The probes for these routes. {@code pathValues}: a plausible value per path parameter name (default "x");
     * {@code examples}: a valid JSON body per route key ({@code "POST /api/v1/..."}); a route with a body and no
     * example gets {@code {}} as its example.
     */
    public static List<Probe> probes(List<Route> routes, Map<String, String> pathValues, Map<String, String> examples) {
        List<Probe> probes = new ArrayList<>();
        for (Route route : routes) {
            String path = fill(route.path(), pathValues, null, null);
            for (Matcher m = PATH_PARAMETER.matcher(route.path()); m.find();) {
                for (String bad : List.of(NUL, "x".repeat(2000), INCOMPRESSIBLE, "..%2F..", "%", "\ud800")) {
                    probes.add(new Probe("path parameter " + m.group(1) + " = " + describe(bad), route.method(),
                            fill(route.path(), pathValues, m.group(1), bad), null, null));
                }
            }
            for (String parameter : route.queryParameters()) {
                for (String bad : List.of(NUL, "-1", "abc", "9".repeat(40), "x".repeat(2000), "")) {
                    probes.add(new Probe("query parameter " + parameter + " = " + describe(bad), route.method(),
                            path + "?" + parameter + "=" + encode(bad), null, null));
                }
            }
            if (!List.of("POST", "PUT", "PATCH").contains(route.method())) {
                continue;
            }
            String example = examples.getOrDefault(route.key(), "{}");
            probes.addAll(bodies(route, path, example));
        }
        return probes;
    }

    /** Every answer that breaks the rules, as "probe → what was wrong"; empty when all is well. */
    public static List<String> violations(URI base, Map<String, String> pathValues, Map<String, String> examples) {
        List<Route> routes = routes(base);
        if (routes.isEmpty()) {
            return List.of("the OpenAPI document of " + base + " lists no routes");
        }
        List<String> violations = new ArrayList<>();
        for (Probe probe : probes(routes, pathValues, examples)) {
            String problem = check(send(base, probe));
            if (problem != null) {
                violations.add(probe.method() + " " + abbreviate(probe.pathAndQuery()) + " [" + probe.description()
                        + "] → " + problem);
            }
        }
        return violations;
    }

    private static List<Probe> bodies(Route route, String path, String example) {
        List<Probe> probes = new ArrayList<>();
        String json = "application/json";
        probes.add(body(route, path, "empty body", json, ""));
        probes.add(body(route, path, "not JSON", json, "this is not json"));
        probes.add(body(route, path, "truncated JSON", json, "{\"a\": "));
        probes.add(body(route, path, "JSON null", json, "null"));
        probes.add(body(route, path, "JSON array", json, "[1, 2]"));
        probes.add(body(route, path, "JSON string", json, "\"text\""));
        probes.add(body(route, path, "JSON number", json, "42"));
        probes.add(body(route, path, "empty object", json, "{}"));
        probes.add(body(route, path, "nested 3000 deep", json, "[".repeat(3000) + "]".repeat(3000)));
        probes.add(body(route, path, "huge string", json, "\"" + HUGE + "\""));
        probes.add(body(route, path, "example as text/plain", "text/plain", example));
        probes.add(body(route, path, "example as application/xml", "application/xml", "<a/>"));
        probes.add(body(route, path, "example without content type", null, example));
        JsonNode parsed;
        try {
            parsed = JSON.readTree(example);
        } catch (IOException e) {
            throw new IllegalArgumentException("example body of " + route.key() + " is not JSON", e);
        }
        if (!(parsed instanceof ObjectNode object)) {
            return probes;
        }
        ObjectNode unknown = object.deepCopy();
        unknown.put("zz_unknown_field", 1);
        probes.add(body(route, path, "unknown field", json, unknown.toString()));
        for (Iterator<String> fields = object.fieldNames(); fields.hasNext();) {
            String field = fields.next();
            ObjectNode without = object.deepCopy();
            without.remove(field);
            probes.add(body(route, path, "without " + field, json, without.toString()));
            for (Map.Entry<String, JsonNode> hostile : hostileValues().entrySet()) {
                ObjectNode changed = object.deepCopy();
                changed.set(field, hostile.getValue());
                probes.add(body(route, path, field + " = " + hostile.getKey(), json, changed.toString()));
            }
            JsonNode value = object.get(field);
            if (value.isObject() && value.size() > 0) {
                String inner = value.fieldNames().next();
                ObjectNode changed = object.deepCopy();
                ((ObjectNode) changed.get(field)).put(inner, NUL);
                probes.add(body(route, path, field + "." + inner + " = NUL", json, changed.toString()));
                changed = object.deepCopy();
                ((ObjectNode) changed.get(field)).set(inner, NODES.objectNode().put("o", 1));
                probes.add(body(route, path, field + "." + inner + " = object", json, changed.toString()));
                changed = object.deepCopy();
                ((ObjectNode) changed.get(field)).put("key\u0000nul", "v");
                probes.add(body(route, path, field + " key with NUL", json, changed.toString()));
            }
        }
        return probes;
    }

    private static Map<String, JsonNode> hostileValues() {
        Map<String, JsonNode> values = new LinkedHashMap<>();
        values.put("null", NODES.nullNode());
        values.put("object", NODES.objectNode().put("nested", "object"));
        values.put("array", NODES.arrayNode().add(1).add("two"));
        values.put("number", NODES.numberNode(12345));
        values.put("negative number", NODES.numberNode(-1));
        values.put("huge number", NODES.numberNode(new java.math.BigDecimal("1e400")));
        values.put("boolean", NODES.booleanNode(true));
        values.put("empty string", NODES.textNode(""));
        values.put("NUL string", NODES.textNode(NUL));
        values.put("lone surrogate", NODES.textNode("a\ud800b"));
        values.put("huge string", NODES.textNode(HUGE));
        values.put("3000 incompressible characters", NODES.textNode(INCOMPRESSIBLE));
        return values;
    }

    /** Text of this length PostgreSQL cannot compress (a fixed pseudo-random sequence of letters and digits). */
    public static String incompressible(int length) {
        String alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        java.util.Random random = new java.util.Random(12);
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    private static Probe body(Route route, String path, String description, String contentType, String body) {
        // a lone surrogate has no UTF-8 form: it is sent as the JSON escape a client would write
        return new Probe("body: " + description, route.method(), path, contentType,
                body.replace("\ud800", "\\ud800").getBytes(StandardCharsets.UTF_8));
    }

    private record Answer(int status, String contentType, String body) {
    }

    private static Answer send(URI base, Probe probe) {
        HttpRequest.BodyPublisher publisher = probe.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(probe.body());
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "")
                + probe.pathAndQuery())).method(probe.method(), publisher).timeout(Duration.ofSeconds(60));
        if (probe.contentType() != null) {
            request.header("Content-Type", probe.contentType());
        }
        try {
            HttpResponse<String> answer = client().send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(answer.statusCode(), answer.headers().firstValue("Content-Type").orElse(""),
                    answer.body());
        } catch (IOException e) {
            return new Answer(-1, "", "no answer: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String check(Answer answer) {
        if (answer.status() < 0 || answer.status() >= 500) {
            return "status " + answer.status() + ": " + abbreviate(answer.body());
        }
        for (String leak : LEAKS) {
            if (answer.body().contains(leak)) {
                return "status " + answer.status() + " answer carries \"" + leak + "\": " + abbreviate(answer.body());
            }
        }
        if (answer.status() >= 400) {
            if (!answer.contentType().startsWith("application/problem+json")) {
                return "status " + answer.status() + " with Content-Type \"" + answer.contentType()
                        + "\" instead of application/problem+json: " + abbreviate(answer.body());
            }
            try {
                JsonNode problem = JSON.readTree(answer.body());
                if (problem.path("status").asInt() != answer.status() || !problem.path("title").isTextual()
                        || problem.path("detail").asText("").isBlank()) {
                    return "status " + answer.status() + " problem without matching status, title and detail: "
                            + abbreviate(answer.body());
                }
            } catch (IOException e) {
                return "status " + answer.status() + " problem body is not JSON: " + abbreviate(answer.body());
            }
        }
        return null;
    }

    private static String fill(String template, Map<String, String> values, String hostileName, String hostile) {
        Matcher m = PATH_PARAMETER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String value = name.equals(hostileName) ? hostile : values.getOrDefault(name, "x");
            m.appendReplacement(out, Matcher.quoteReplacement(value.startsWith("..%2F") || value.equals("%")
                    ? value.replace("%", "%25").replace("%252F", "%2F") : encode(value).replace("+", "%20")));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String describe(String value) {
        if (value.length() > 40) {
            return value.length() + " characters";
        }
        return value.replace("\u0000", "\\u0000").replace("\ud800", "\\ud800");
    }

    private static String abbreviate(String text) {
        String oneLine = text.replace('\n', ' ');
        return oneLine.length() > 300 ? oneLine.substring(0, 300) + "…" : oneLine;
    }

    private static HttpClient client() {
        return Holder.CLIENT;
    }

    private static final class Holder {
        static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    private HostileRequests() {
    }
}
