package dev.evalplane.judge.outbound;

/** A checked remote scorer URL: host (lower case, no brackets), port, scheme and the request path with its query. */
public record RemoteTarget(String host, int port, boolean https, String pathAndQuery) {
}
