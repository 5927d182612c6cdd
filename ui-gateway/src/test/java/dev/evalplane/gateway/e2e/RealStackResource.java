package dev.evalplane.gateway.e2e;

import java.util.HashMap;
import java.util.Map;

import dev.evalplane.testsupport.FakeLlmProvider;
import dev.evalplane.testsupport.RealStack;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The gateway in front of the real services (packaged jars on a real Kafka and PostgreSQL) and a fake LLM provider
 * speaking the OpenAI wire format: the only stand-in, at the edge we do not own. A variant gives every service (and
 * the gateway) more configuration through {@link #sharedConfig()}.
 */
public class RealStackResource implements QuarkusTestResourceLifecycleManager {

    static FakeLlmProvider provider;
    static RealStack stack;

    /** Configuration for the three services and the gateway besides the stack's own; none here. */
    protected Map<String, String> sharedConfig() {
        return Map.of();
    }

    @Override
    public Map<String, String> start() {
        provider = FakeLlmProvider.start();
        stack = RealStack.start(provider.providerEnvironment(), sharedConfig());
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
