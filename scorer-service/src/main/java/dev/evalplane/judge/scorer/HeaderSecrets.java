package dev.evalplane.judge.scorer;

import java.net.URI;
import java.net.URISyntaxException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Remote scorer header values are secrets (Authorization, API keys; every header counts): a spec that is stored for
 * reading back, returned or logged has each value replaced by {@value #MASK}; the values themselves are kept apart
 * ({@code scoring.scorers.secret_headers}) and put back only to run the scorer.
 */
public final class HeaderSecrets {

    public static final String MASK = "***";

    /** The {@code remote.headers} object of a scorer spec, or null when it has none. */
    public static ObjectNode headers(JsonNode spec) {
        return spec != null && spec.path("remote").path("headers") instanceof ObjectNode h ? h : null;
    }

    /** A copy of a spec, or of a list of specs, with every remote header value masked. */
    public static JsonNode masked(JsonNode specs) {
        if (specs == null) {
            return null;
        }
        JsonNode copy = specs.deepCopy();
        if (copy instanceof ArrayNode list) {
            list.forEach(HeaderSecrets::maskInPlace);
        } else {
            maskInPlace(copy);
        }
        return copy;
    }

    /** A copy of {@code spec} whose remote headers are {@code values} (no headers when null). */
    public static ObjectNode withHeaders(JsonNode spec, ObjectNode values) {
        ObjectNode copy = ((ObjectNode) spec).deepCopy();
        if (copy.get("remote") instanceof ObjectNode remote) {
            if (values == null) {
                remote.remove("headers");
            } else {
                remote.set("headers", values.deepCopy());
            }
        }
        return copy;
    }

    /** Whether two URLs have the same scheme, host and port: stored header values go only where they went before. */
    public static boolean sameOrigin(String a, String b) {
        try {
            URI x = new URI(a);
            URI y = new URI(b);
            return x.getScheme() != null && x.getHost() != null && x.getScheme().equalsIgnoreCase(y.getScheme())
                    && x.getHost().equalsIgnoreCase(y.getHost()) && port(x) == port(y);
        } catch (URISyntaxException | NullPointerException e) {
            return false;
        }
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static void maskInPlace(JsonNode spec) {
        ObjectNode headers = headers(spec);
        if (headers != null) {
            headers.properties().forEach(e -> e.setValue(headers.textNode(MASK)));
        }
    }

    private HeaderSecrets() {
    }
}
