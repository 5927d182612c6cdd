package dev.evalplane.gateway.client;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Rewrites a service's {@code Location} header (a 202's status URL, built by the service from its own address, e.g.
 * {@code http://trace-service:8083/api/v1/...}) into the gateway's public URL: {@code evalplane.gateway.public-url}
 * followed by the path and query when that is set, the path and query alone (a relative reference, resolved by the
 * client against the URL it called) when it is not. A Location pointing anywhere but the service itself is dropped:
 * an internal address never reaches a client.
 */
@ApplicationScoped
public class PublicLocations {

    private final String publicUrl;

    public PublicLocations(@ConfigProperty(name = "evalplane.gateway.public-url") Optional<String> publicUrl) {
        this.publicUrl = publicUrl.map(u -> u.endsWith("/") ? u.substring(0, u.length() - 1) : u).orElse("");
    }

    /** The public form of {@code location} sent by the service at {@code upstreamBaseUrl}; empty to drop it. */
    public Optional<String> toPublic(String location, String upstreamBaseUrl) {
        try {
            URI uri = new URI(location);
            if (uri.isAbsolute() && !sameOrigin(uri, new URI(upstreamBaseUrl))) {
                return Optional.empty();
            }
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            if (!path.startsWith("/")) {
                return Optional.empty();
            }
            return Optional.of(publicUrl + path + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(String.valueOf(b.getScheme()))
                && String.valueOf(a.getHost()).equalsIgnoreCase(String.valueOf(b.getHost())) && port(a) == port(b);
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
