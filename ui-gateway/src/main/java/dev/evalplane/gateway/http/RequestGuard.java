package dev.evalplane.gateway.http;

import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import dev.evalplane.gateway.client.ErrorShape;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The first application route of every request: refuses a non-canonical path ({@link CanonicalPath}) with 400, a
 * request line or header block over the gateway's limits with 414 or 431 and a declared body over
 * {@code quarkus.http.limits.max-body-size} with 413, each with an error body (the HTTP layer's own answers have
 * none). Runs after Quarkus' CORS and security-header handlers and before the body limit, the token check and routing,
 * so every later decision sees one canonical path. Netty's own limits are set higher
 * ({@code quarkus.http.limits.max-initial-line-length}, {@code max-header-size}) so these answers come from here.
 */
@ApplicationScoped
public class RequestGuard {

    /** Before Quarkus' body-limit handler (ROUTE_ORDER_UPLOAD_LIMIT), after CORS and the security headers. */
    public static final int ORDER = RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1;
    /** Longest request target (path and query) in characters. */
    public static final int MAX_URI_LENGTH = 8192;
    /** Largest header block (names, values, separators) in bytes. */
    public static final int MAX_HEADER_BYTES = 16384;

    private final long maxBodyBytes;

    public RequestGuard(@ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> maxBodySize) {
        this.maxBodyBytes = maxBodySize.map(MemorySize::asLongValue).orElse(Long.MAX_VALUE);
    }

    void register(@Observes Router router) {
        router.route().order(ORDER).handler(this::check);
    }

    void check(RoutingContext ctx) {
        String path = ctx.request().path();
        ErrorShape shape = ErrorShape.forPath(path);
        String uri = ctx.request().uri();
        if (uri != null && uri.length() > MAX_URI_LENGTH) {
            reject(ctx, shape, 414, "uri-too-long", "URI too long",
                    "The request target is " + uri.length() + " characters; the limit is " + MAX_URI_LENGTH + ".");
            return;
        }
        long headerBytes = headerBytes(ctx);
        if (headerBytes > MAX_HEADER_BYTES) {
            reject(ctx, shape, 431, "request-headers-too-large", "Request headers too large",
                    "The request headers take " + headerBytes + " bytes; the limit is " + MAX_HEADER_BYTES + ".");
            return;
        }
        Optional<String> ambiguity = CanonicalPath.ambiguity(path).or(() -> CanonicalPath.queryProblem(ctx.request().query()));
        if (ambiguity.isPresent()) {
            reject(ctx, shape, 400, "malformed-request-target", "Malformed request target", "The request target is refused: " + ambiguity.get() + ".");
            return;
        }
        String contentLength = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (contentLength != null) {
            long length;
            try {
                length = Long.parseLong(contentLength.trim());
            } catch (NumberFormatException e) {
                length = -1;
            }
            if (length < 0) {
                reject(ctx, shape, 400, "invalid-content-length", "Invalid Content-Length", "The Content-Length header is not a byte count.");
                return;
            }
            if (length > maxBodyBytes) {
                ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
                reject(ctx, shape, 413, "request-body-too-large", "Request body too large",
                        "The request body is " + length + " bytes; the limit is " + maxBodyBytes + " bytes.");
                return;
            }
        }
        ctx.next();
    }

    private static long headerBytes(RoutingContext ctx) {
        long bytes = 0;
        for (Map.Entry<String, String> header : ctx.request().headers()) {
            bytes += header.getKey().length() + header.getValue().length() + 4;
        }
        return bytes;
    }

    private static void reject(RoutingContext ctx, ErrorShape shape, int status, String slug, String title,
            String detail) {
        shape.end(ctx, status, slug, title, detail);
    }
}
