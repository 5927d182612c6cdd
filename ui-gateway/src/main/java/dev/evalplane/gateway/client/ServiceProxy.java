package dev.evalplane.gateway.client;

import java.util.Set;

import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * Forwards a request to the service that owns it and passes its answer back unchanged (status, body, content
 * type): a service's problem+json reaches the caller as it was. An unreachable service is a 502 problem.
 */
@ApplicationScoped
public class ServiceProxy {

    /** Request headers worth carrying to a service; hop-by-hop and credential headers stay at the gateway. */
    private static final Set<String> FORWARDED_REQUEST_HEADERS = Set.of("content-type", "accept", "content-encoding",
            "x-mlflow-experiment-id", "x-mlflow-run-id", "traceparent", "tracestate");
    /** Response headers passed back; {@code Location} is rewritten ({@link PublicLocations}). */
    private static final Set<String> FORWARDED_RESPONSE_HEADERS = Set.of("content-type", "content-encoding",
            "retry-after");

    private final UpstreamClient client;
    private final ServiceUrls urls;
    private final PublicLocations locations;
    private final UpstreamGuards guards;

    public ServiceProxy(UpstreamClient client, ServiceUrls urls, PublicLocations locations, UpstreamGuards guards) {
        this.client = client;
        this.guards = guards;
        this.urls = urls;
        this.locations = locations;
    }

    public Uni<Response> forward(Upstream upstream, String method, String pathAndQuery, HttpHeaders headers, byte[] body) {
        String url = urls.url(upstream, pathAndQuery);
        HttpRequest<Buffer> request = client.request(HttpMethod.valueOf(method), url);
        headers.getRequestHeaders().forEach((name, values) -> {
            if (FORWARDED_REQUEST_HEADERS.contains(name.toLowerCase())) {
                values.forEach(v -> request.putHeader(name, v));
            }
        });
        Uni<io.vertx.mutiny.ext.web.client.HttpResponse<Buffer>> sent = guards.call(upstream,
                HttpMethod.valueOf(method), () -> body == null || body.length == 0 ? request.send()
                        : request.sendBuffer(Buffer.buffer(body)));
        return sent.map(answer -> toResponse(answer, urls.url(upstream, "/")))
                .onFailure().recoverWithItem(failure -> unavailable(upstream, failure));
    }

    private Response toResponse(io.vertx.mutiny.ext.web.client.HttpResponse<Buffer> answer, String upstreamBaseUrl) {
        Response.ResponseBuilder builder = Response.status(answer.statusCode());
        answer.headers().forEach(h -> {
            if (FORWARDED_RESPONSE_HEADERS.contains(h.getKey().toLowerCase())) {
                builder.header(h.getKey(), h.getValue());
            }
        });
        String location = answer.getHeader("Location");
        if (location != null) {
            locations.toPublic(location, upstreamBaseUrl).ifPresent(l -> builder.header("Location", l));
        }
        Buffer body = answer.body();
        return builder.entity(body == null ? new byte[0] : body.getBytes()).build();
    }

    private static Response unavailable(Upstream upstream, Throwable failure) {
        Log.warnf("%s unreachable: %s", upstream.serviceName(), failure.toString());
        return Problems.response(Response.Status.BAD_GATEWAY, "service-unavailable",
                upstream.serviceName() + " is unavailable",
                upstream.serviceName() + " did not answer: " + failure.getMessage());
    }
}
