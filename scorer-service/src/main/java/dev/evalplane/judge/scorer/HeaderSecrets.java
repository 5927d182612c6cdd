package dev.evalplane.judge.scorer;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.evalplane.events.http.ScorerSpec;

/**
 * Remote scorer header values are secrets (Authorization, API keys; every header counts): a spec that is stored for
 * reading back, returned or logged has each value replaced by {@value #MASK}; the values themselves are kept apart
 * ({@code scoring.scorers.secret_headers}) and put back only to run the scorer.
 */
public final class HeaderSecrets {

    public static final String MASK = "***";

    /** The {@code remote.headers} of a scorer spec, or null when it has none. */
    public static Map<String, String> headers(ScorerSpec spec) {
        return spec instanceof ScorerSpec.Remote remote ? remote.remote().headers() : null;
    }

    /** The spec with every remote header value masked. */
    public static ScorerSpec masked(ScorerSpec spec) {
        Map<String, String> headers = headers(spec);
        if (headers == null) {
            return spec;
        }
        Map<String, String> masked = new LinkedHashMap<>();
        headers.keySet().forEach(name -> masked.put(name, MASK));
        return ((ScorerSpec.Remote) spec).withHeaders(masked);
    }

    /** The spec with its remote headers replaced by {@code values} (no headers when null). */
    public static ScorerSpec withHeaders(ScorerSpec spec, Map<String, String> values) {
        return spec instanceof ScorerSpec.Remote remote ? remote.withHeaders(values) : spec;
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

    private HeaderSecrets() {
    }
}
