package dev.evalplane.gateway.e2e;

import java.util.HashMap;
import java.util.Map;

import dev.evalplane.testsupport.FakeLlmProvider;
import dev.evalplane.testsupport.RealStack;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** The real stack with the shared internal token on every service and on the gateway in front of them. */
public class InternalTokenStackResource implements QuarkusTestResourceLifecycleManager {

    static final String TOKEN = "internal-e2e-6c1d";

    static FakeLlmProvider provider;
    static RealStack stack;

    @Override
    public Map<String, String> start() {
        provider = FakeLlmProvider.start();
        stack = RealStack.start(provider.providerEnvironment(), Map.of("evalplane.internal.token", TOKEN));
        return new HashMap<>(stack.gatewayConfig());
    }

    @Override
    public void stop() {
        if (stack != null) {
            stack.close();
        }
        if (provider != null) {
            provider.close();
        }
    }
}
