package dev.evalplane.gateway.openapi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.evalplane.gateway.client.ServiceUrls;
import dev.evalplane.gateway.client.Upstream;
import dev.evalplane.gateway.client.UpstreamClient;
import io.quarkus.logging.Log;
import io.quarkus.smallrye.openapi.runtime.OpenApiConstants;
import io.quarkus.smallrye.openapi.runtime.OpenApiDocumentService;
import io.smallrye.mutiny.Uni;
import io.smallrye.openapi.runtime.io.Format;
import io.vertx.core.http.HttpMethod;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpRequest;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The merged OpenAPI document of the public API ({@link OpenApiMerge}), built at runtime from the gateway's own
 * document and each service's {@code /q/openapi} (fetched with the internal token), so it describes the services
 * actually deployed behind this gateway. Built on first request and kept: a complete document for
 * {@value #COMPLETE_MINUTES} minutes, one missing an unreachable service for {@value #PARTIAL_SECONDS} seconds; one
 * build at a time, however many requests ask (the route is public: a flood of requests costs the services nothing).
 */
@ApplicationScoped
public class PublicApiDocument {

    static final long COMPLETE_MINUTES = 5;
    static final long PARTIAL_SECONDS = 15;
    private static final Duration FETCH_TIMEOUT = Duration.ofSeconds(5);

    private final UpstreamClient client;
    private final ServiceUrls urls;
    private final OpenApiDocumentService gatewayDocument;
    private final ObjectMapper json;

    private final AtomicReference<Built> cached = new AtomicReference<>();
    private Uni<Built> building;

    private record Built(ObjectNode document, long expiresAtNanos) {
    }

    public PublicApiDocument(UpstreamClient client, ServiceUrls urls, OpenApiDocumentService gatewayDocument,
            ObjectMapper json) {
        this.client = client;
        this.urls = urls;
        this.gatewayDocument = gatewayDocument;
        this.json = json;
    }

    /** The merged document (shared: do not modify it). */
    public Uni<ObjectNode> document() {
        Built built = cached.get();
        if (built != null && System.nanoTime() - built.expiresAtNanos() < 0) {
            return Uni.createFrom().item(built.document());
        }
        synchronized (this) {
            if (building == null) {
                building = build().invoke(cached::set).eventually(this::buildDone).memoize().indefinitely();
            }
            return building.map(Built::document);
        }
    }

    private synchronized void buildDone() {
        building = null;
    }

    private Uni<Built> build() {
        List<Uni<ObjectNode>> fetches = new ArrayList<>();
        for (Upstream upstream : Upstream.values()) {
            fetches.add(fetch(upstream));
        }
        return Uni.combine().all().unis(fetches).with(documents -> {
            Map<Upstream, ObjectNode> services = new EnumMap<>(Upstream.class);
            List<String> unavailable = new ArrayList<>();
            for (int i = 0; i < documents.size(); i++) {
                Upstream upstream = Upstream.values()[i];
                if (documents.get(i) == null) {
                    unavailable.add(upstream.serviceName());
                } else {
                    services.put(upstream, (ObjectNode) documents.get(i));
                }
            }
            Duration keep = unavailable.isEmpty() ? Duration.ofMinutes(COMPLETE_MINUTES)
                    : Duration.ofSeconds(PARTIAL_SECONDS);
            return new Built(OpenApiMerge.merge(gateway(), services, unavailable), System.nanoTime() + keep.toNanos());
        });
    }

    private Uni<ObjectNode> fetch(Upstream upstream) {
        HttpRequest<Buffer> request = client.request(HttpMethod.GET, urls.url(upstream, "/q/openapi?format=json"))
                .putHeader("Accept", "application/json").timeout(FETCH_TIMEOUT.toMillis());
        return request.send().map(answer -> {
            if (answer.statusCode() != 200) {
                Log.warnf("%s answered %d for its OpenAPI document", upstream.serviceName(), answer.statusCode());
                return null;
            }
            return parse(answer.body().getBytes());
        }).onFailure().recoverWithItem(e -> {
            Log.warnf("%s: no OpenAPI document (%s)", upstream.serviceName(), e.toString());
            return null;
        });
    }

    private ObjectNode gateway() {
        ObjectNode document = parse(gatewayDocument.getDocument(OpenApiConstants.DEFAULT_DOCUMENT_NAME, Format.JSON));
        if (document == null) {
            throw new IllegalStateException("the gateway's own OpenAPI document is not a JSON object");
        }
        return document;
    }

    private ObjectNode parse(byte[] body) {
        try {
            return json.readTree(body) instanceof ObjectNode object ? object : null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
