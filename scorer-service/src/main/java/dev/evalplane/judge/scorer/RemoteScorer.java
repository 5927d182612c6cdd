package dev.evalplane.judge.scorer;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import dev.evalplane.events.http.ScorerSpec;

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
    static final int MAX_HEADERS = 20;
    static final int MAX_HEADER_VALUE = 8192;
    private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x08\\x0a-\\x1f\\x7f]");
    private static final Set<String> RESERVED_HEADERS = Set.of("host", "content-length",
            "content-type", "transfer-encoding", "connection", "upgrade", "te", "trailer", "keep-alive", "expect",
            "proxy-authorization", "proxy-connection");

    /** Builds and checks the {@code remote} object; IllegalArgumentException (a 400) when it is not usable. */
    public static RemoteScorer from(ScorerSpec.Endpoint remote, String name, List<String> aggregations,
            RemoteScorerPolicy policy) {
        return new RemoteScorer(name, url(remote.url(), name, policy), timeout(remote.timeoutMs()),
                headers(remote.headers()), aggregations);
    }

    /** The URL as the operator's policy allows it (scheme, user info, host; no DNS lookup here). */
    private static URI url(String url, String name, RemoteScorerPolicy policy) {
        if (url == null || url.isBlank() || url.length() > MAX_URL) {
            throw new IllegalArgumentException("remote scorer needs \"url\": an absolute http(s) URL of at most "
                    + MAX_URL + " characters");
        }
        String text = url.trim();
        try {
            policy.target(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("remote scorer '" + name + "': " + e.getMessage());
        }
        return URI.create(text);
    }

    private static Duration timeout(Integer ms) {
        if (ms == null) {
            return DEFAULT_TIMEOUT;
        }
        if (ms < 1 || ms > MAX_TIMEOUT_MS) {
            throw new IllegalArgumentException("remote scorer \"timeout_ms\" must be a whole number from 1 to " + MAX_TIMEOUT_MS);
        }
        return Duration.ofMillis(ms);
    }

    private static Map<String, String> headers(Map<String, String> headers) {
        Map<String, String> out = new LinkedHashMap<>();
        if (headers == null) {
            return out;
        }
        if (headers.size() > MAX_HEADERS) {
            throw new IllegalArgumentException("remote scorer \"headers\" must be an object of at most " + MAX_HEADERS
                    + " header names to string values");
        }
        headers.forEach((key, value) -> {
            if (value == null || !key.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}")
                    || value.length() > MAX_HEADER_VALUE || CONTROL.matcher(value).find()) {
                throw new IllegalArgumentException("remote scorer header \"" + key + "\" must be a valid header"
                        + " name (at most 100 characters) with a string value of at most " + MAX_HEADER_VALUE
                        + " characters without control characters");
            }
            if (RESERVED_HEADERS.contains(key.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("remote scorer header \"" + key + "\" is set by evalplane itself");
            }
            if (HeaderSecrets.MASK.equals(value)) {
                throw new IllegalArgumentException("remote scorer header \"" + key + "\" is \"" + HeaderSecrets.MASK
                        + "\", the mask shown for stored values; send the value itself (a registered scorer keeps its"
                        + " stored value when registered again with the same URL host)");
            }
            out.put(key, value);
        });
        return Map.copyOf(out);
    }

    /** Never prints header values (they are often credentials). */
    @Override
    public String toString() {
        return "RemoteScorer[name=" + name + ", url=" + url + ", timeout=" + timeout + ", headers=" + headers.keySet() + "]";
    }
}
