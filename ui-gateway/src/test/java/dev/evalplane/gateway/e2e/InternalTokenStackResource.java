package dev.evalplane.gateway.e2e;

import java.util.Map;

/** The real stack with the shared internal token on every service and on the gateway in front of them. */
public class InternalTokenStackResource extends RealStackResource {

    static final String TOKEN = "internal-e2e-6c1d";

    @Override
    protected Map<String, String> sharedConfig() {
        return Map.of("evalplane.internal.token", TOKEN);
    }
}
