package dev.evalplane.gateway.http;

import dev.evalplane.events.http.ProblemTypes;
import dev.evalplane.gateway.client.ErrorShape;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.quarkus.logging.Log;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Every error the gateway's HTTP layer answers itself gets a body in the path's {@link ErrorShape}: a failed request
 * (a handler threw, a body limit was hit while reading) and a path or method no route serves. A 5xx says only that
 * the request failed: the exception goes to the log, never into the response.
 */
@ApplicationScoped
public class ErrorResponses {

    private static final int[] UNHANDLED_FAILURES = {400, 401, 403, 406, 413, 414, 415, 431, 500, 501, 502, 503};

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).failureHandler(this::failed);
        router.errorHandler(404, ctx -> answer(ctx, 404, "not-found", "Not found",
                "Nothing is served at " + ctx.request().method() + " " + ctx.request().path() + "."));
        router.errorHandler(405, ctx -> answer(ctx, 405, "method-not-allowed", "Method not allowed",
                ctx.request().method() + " is not allowed on " + ctx.request().path() + "."));
        // failures no failure handler took (the router fails a request whose path it cannot decode before any route)
        for (int status : UNHANDLED_FAILURES) {
            router.errorHandler(status, this::failed);
        }
    }

    void failed(RoutingContext ctx) {
        // the router fails a target it cannot decode (a bad percent-escape) before RequestGuard sees it: same answer
        String path = ctx.request().path();
        java.util.Optional<String> malformed = CanonicalPath.ambiguity(path)
                .or(() -> CanonicalPath.queryProblem(ctx.request().query()));
        if (malformed.isPresent()) {
            answer(ctx, 400, "malformed-request-target", "Malformed request target", "The request target is refused: " + malformed.get() + ".");
            return;
        }
        int status = ctx.statusCode() >= 400 ? ctx.statusCode() : 500;
        if (status >= 500) {
            Log.errorf(ctx.failure(), "%s %s failed", ctx.request().method(), ctx.request().path());
            answer(ctx, status, "internal-error", "Internal error", "The gateway could not handle this request; the failure is logged.");
        } else {
            String reason = HttpResponseStatus.valueOf(status).reasonPhrase();
            answer(ctx, status, ProblemTypes.slug(reason), reason, "The request was refused: " + reason + ".");
        }
    }

    private static void answer(RoutingContext ctx, int status, String slug, String title, String detail) {
        if (ctx.response().ended()) {
            return;
        }
        if (ctx.response().headWritten()) {
            ctx.response().reset();
            return;
        }
        ErrorShape.forPath(ctx.request().path()).end(ctx, status, slug, title, detail);
    }
}
