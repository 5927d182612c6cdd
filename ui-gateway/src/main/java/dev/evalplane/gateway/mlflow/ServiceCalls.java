package dev.evalplane.gateway.mlflow;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.evalplane.gateway.client.ServiceUrls;
import dev.evalplane.gateway.client.Upstream;
import dev.evalplane.gateway.client.UpstreamClient;
import dev.evalplane.gateway.client.UpstreamGuards;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpMethod;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * JSON calls from the MLflow translation layer to the services' own API (docs/SERVICE_API.md). A service's error
 * becomes an {@link MlflowException}: 404 RESOURCE_DOES_NOT_EXIST, 409 RESOURCE_ALREADY_EXISTS, other 4xx
 * INVALID_PARAMETER_VALUE (with the service's problem detail as message), 5xx INTERNAL_ERROR, no answer
 * TEMPORARILY_UNAVAILABLE. Callers may recover a specific one (e.g. a 404 that means "create it").
 */
@ApplicationScoped
public class ServiceCalls {

    private final UpstreamClient client;
    private final ServiceUrls urls;
    private final ObjectMapper json;
    private final UpstreamGuards guards;

    public ServiceCalls(UpstreamClient client, ServiceUrls urls, ObjectMapper json, UpstreamGuards guards) {
        this.client = client;
        this.guards = guards;
        this.urls = urls;
        this.json = json;
    }

    public <T> Uni<T> get(Upstream upstream, String pathAndQuery, Class<T> type) {
        return send(upstream, HttpMethod.GET, pathAndQuery, null).map(body -> read(body, type));
    }

    public <T> Uni<T> post(Upstream upstream, String path, Object body, Class<T> type) {
        return send(upstream, HttpMethod.POST, path, body).map(answer -> read(answer, type));
    }

    public <T> Uni<T> put(Upstream upstream, String path, Object body, Class<T> type) {
        return send(upstream, HttpMethod.PUT, path, body).map(answer -> read(answer, type));
    }

    public <T> Uni<T> patch(Upstream upstream, String path, Object body, Class<T> type) {
        return send(upstream, HttpMethod.PATCH, path, body).map(answer -> read(answer, type));
    }

    public Uni<Void> delete(Upstream upstream, String path) {
        return send(upstream, HttpMethod.DELETE, path, null).replaceWithVoid();
    }

    /** The raw call: the answer's body on 2xx, an {@link MlflowException} otherwise. */
    public Uni<Buffer> send(Upstream upstream, HttpMethod method, String pathAndQuery, Object body) {
        HttpRequest<Buffer> request = client.request(method, urls.url(upstream, pathAndQuery));
        Uni<HttpResponse<Buffer>> sent;
        if (body == null) {
            sent = guards.call(upstream, method, request::send);
        } else {
            request.putHeader("Content-Type", "application/json");
            Buffer written = Buffer.buffer(write(body));
            sent = guards.call(upstream, method, () -> request.sendBuffer(written));
        }
        return sent.onFailure().transform(failure -> {
            Log.warnf("%s unreachable: %s", upstream.serviceName(), failure.toString());
            return new MlflowException(MlflowErrorCode.TEMPORARILY_UNAVAILABLE,
                    upstream.serviceName() + " did not answer: " + failure.getMessage());
        }).map(answer -> {
            if (answer.statusCode() / 100 == 2) {
                return answer.body() == null ? Buffer.buffer() : answer.body();
            }
            throw failed(upstream, answer);
        });
    }

    private MlflowException failed(Upstream upstream, HttpResponse<Buffer> answer) {
        String detail = detail(answer);
        int status = answer.statusCode();
        if (status == 404) {
            return MlflowException.notFound(detail);
        }
        if (status == 409) {
            return MlflowException.alreadyExists(detail);
        }
        if (status == 429) {
            return new MlflowException(MlflowErrorCode.REQUEST_LIMIT_EXCEEDED, detail);
        }
        if (status >= 400 && status < 500) {
            return MlflowException.invalidParameter(detail);
        }
        Log.warnf("%s answered %d: %s", upstream.serviceName(), status, detail);
        return new MlflowException(MlflowErrorCode.INTERNAL_ERROR, upstream.serviceName() + " failed: " + detail);
    }

    /** The problem's detail (or title), else the status line. */
    private String detail(HttpResponse<Buffer> answer) {
        try {
            JsonNode problem = json.readTree(answer.body() == null ? new byte[0] : answer.body().getBytes());
            if (problem != null && problem.hasNonNull("detail")) {
                return problem.get("detail").asText();
            }
            if (problem != null && problem.hasNonNull("title")) {
                return problem.get("title").asText();
            }
        } catch (IOException e) {
            // not JSON: fall through
        }
        return "HTTP " + answer.statusCode();
    }

    private <T> T read(Buffer body, Class<T> type) {
        if (type == Void.class) {
            return null;
        }
        try {
            return json.readValue(body.getBytes(), type);
        } catch (IOException e) {
            throw new MlflowException(MlflowErrorCode.INTERNAL_ERROR, "unreadable answer from a service: " + e.getMessage());
        }
    }

    private byte[] write(Object body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
