package dev.evalplane.judge.scorer;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.evalplane.judge.outbound.RemoteScorerPolicy;

/**
 * A remote scorer ({@code {"remote": {name, url, timeout_ms?, headers?}}}): the user's own HTTP service, in any
 * language, that gets {@code {inputs, outputs, expectations, trace}} and answers a feedback {@code {value, rationale?,
 * name?}} or a list of them. Header values are sent as given and never logged.
 */
public record RemoteScorer(String name, URI url, Duration timeout, Map<String, String> headers,
        List<String> aggregations) implements Scorer {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    static final long MAX_TIMEOUT_MS = 300_000;
    static final int MAX_URL = 2048;

    /** Builds and checks the {@code remote} object; IllegalArgumentException (a 400) when it is not usable. */
    public static RemoteScorer from(JsonNode remote, String name, List<String> aggregations, RemoteScorerPolicy policy) {
        if (remote == null || !remote.isObject()) {
            throw new IllegalArgumentException("\"remote\" must be an object {name, url, timeout_ms?, headers?}");
        }
        for (var it = remote.fieldNames(); it.hasNext();) {
            String field = it.next();
            if (!List.of("name", "url", "timeout_ms", "headers", "aggregations").contains(field)) {
                throw new IllegalArgumentException("remote scorer: unknown field \"" + field + "\"");
            }
        }
        return new RemoteScorer(name, url(remote.get("url"), name, policy), timeout(remote.get("timeout_ms")),
                headers(remote.get("headers")), aggregations);
    }

    /** The URL as the operator's policy allows it (scheme, user info, host; no DNS lookup here). */
    private static URI url(JsonNode url, String name, RemoteScorerPolicy policy) {
        if (url == null || !url.isTextual() || url.asText().isBlank() || url.asText().length() > MAX_URL) {
            throw new IllegalArgumentException("remote scorer needs \"url\": an absolute http(s) URL of at most "
                    + MAX_URL + " characters");
        }
        String text = url.asText().trim();
        try {
            policy.target(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("remote scorer '" + name + "': " + e.getMessage());
        }
        return URI.create(text);
    }

    private static Duration timeout(JsonNode ms) {
        if (ms == null || ms.isNull()) {
            return DEFAULT_TIMEOUT;
        }
        if (!ms.isIntegralNumber() || ms.asLong() < 1 || ms.asLong() > MAX_TIMEOUT_MS) {
            throw new IllegalArgumentException("remote scorer \"timeout_ms\" must be a whole number from 1 to " + MAX_TIMEOUT_MS);
        }
        return Duration.ofMillis(ms.asLong());
    }

    private static Map<String, String> headers(JsonNode headers) {
        Map<String, String> out = new LinkedHashMap<>();
        if (headers == null || headers.isNull()) {
            return out;
        }
        if (!headers.isObject()) {
            throw new IllegalArgumentException("remote scorer \"headers\" must be an object of header name to string value");
        }
        headers.properties().forEach(e -> {
            if (!e.getValue().isTextual() || !e.getKey().matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+")) {
                throw new IllegalArgumentException("remote scorer header \"" + e.getKey() + "\" must be a valid header"
                        + " name with a string value");
            }
            out.put(e.getKey(), e.getValue().asText());
        });
        return Map.copyOf(out);
    }

    /** Never prints header values (they are often credentials). */
    @Override
    public String toString() {
        return "RemoteScorer[name=" + name + ", url=" + url + ", timeout=" + timeout + ", headers=" + headers.keySet() + "]";
    }
}
