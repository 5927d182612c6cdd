package dev.evalplane.gateway.http;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.impl.HttpServerRequestInternal;
import io.vertx.ext.web.RoutingContext;

/**
 * Keeps the {@code uri} label of the HTTP server metrics bounded for requests the gateway answers before any route
 * (rejected paths, missing tokens, oversize requests, unknown paths): Quarkus' Micrometer binder labels a request with
 * its route template and falls back to the raw path, one new series per distinct URL, when there is none. It reads
 * the template from the request context's {@code UrlPathTemplate} local (the key Quarkus REST sets).
 */
public final class RouteLabels {

    /** The label of every request the gateway answered without routing it. */
    public static final String UNROUTED = "/{unrouted}";

    private static final String URL_PATH_TEMPLATE = "UrlPathTemplate";

    public static void markUnrouted(RoutingContext ctx) {
        Context context = ctx.request() instanceof HttpServerRequestInternal internal ? internal.context()
                : Vertx.currentContext();
        if (context != null) {
            context.putLocal(URL_PATH_TEMPLATE, UNROUTED);
        }
    }

    private RouteLabels() {
    }
}
