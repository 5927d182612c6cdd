package dev.evalplane.gateway.http;

import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.impl.HttpServerRequestInternal;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Keeps the {@code uri} label of the HTTP server metrics bounded. Quarkus' Micrometer binder labels a request with
 * its route template (Quarkus REST puts it in the request context's {@code UrlPathTemplate} local) and falls back to
 * the raw path when there is none: one new series per distinct URL for every error answered outside a matched
 * resource method (a rejected path, a missing token, an oversize request, a wrong method on a proxied path). So every
 * error the gateway writes itself ({@code ErrorShape#end}) and every other error response without a template is
 * labelled {@value #UNROUTED}; 404s are already labelled {@code NOT_FOUND}.
 */
@ApplicationScoped
public class RouteLabels {

    /** The label of an error response no route template describes. */
    public static final String UNROUTED = "/{unrouted}";

    private static final String URL_PATH_TEMPLATE = "UrlPathTemplate";

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            ctx.addHeadersEndHandler(ignored -> labelUntemplatedErrors(ctx));
            ctx.next();
        });
    }

    /** Labels a response the gateway answers itself, before or outside any route, {@value #UNROUTED}. */
    public static void markUnrouted(RoutingContext ctx) {
        Context context = requestContext(ctx);
        if (context != null) {
            context.putLocal(URL_PATH_TEMPLATE, UNROUTED);
        }
    }

    static void labelUntemplatedErrors(RoutingContext ctx) {
        Context context = requestContext(ctx);
        if (ctx.response().getStatusCode() >= 400 && context != null && context.getLocal(URL_PATH_TEMPLATE) == null) {
            context.putLocal(URL_PATH_TEMPLATE, UNROUTED);
        }
    }

    private static Context requestContext(RoutingContext ctx) {
        return ctx.request() instanceof HttpServerRequestInternal internal ? internal.context() : Vertx.currentContext();
    }
}
