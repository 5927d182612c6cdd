package dev.evalplane.gateway;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/**
 * Starts the gateway. Turns off Quarkus' own request-target check (a target {@link java.net.URI} cannot parse is
 * answered 400 with an empty body before any route), so that {@code http.RequestGuard} judges every target and
 * answers problem+json naming what was wrong. Tests set the same property in the surefire configuration.
 */
@QuarkusMain
public class GatewayMain {

    static final String DISABLE_URI_VALIDATION = "vertx.disableURIValidation";

    public static void main(String... args) {
        System.setProperty(DISABLE_URI_VALIDATION, "true");
        Quarkus.run(args);
    }
}
