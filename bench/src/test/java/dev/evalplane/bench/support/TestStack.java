package dev.evalplane.bench.support;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.evalplane.bench.Http;
import dev.evalplane.testsupport.FakeLlmProvider;
import dev.evalplane.testsupport.RealStack;
import dev.evalplane.testsupport.ServiceProcess;

/**
 * The whole system once per test JVM: the three services as packaged jars on the shared test Kafka broker and
 * PostgreSQL, the gateway in front of them, and the fake LLM provider (the one allowed fake). Fault tests stop and
 * start the broker and the database under it; the services must cope by themselves.
 */
public final class TestStack {

    private static TestStack instance;

    public final FakeLlmProvider llm;
    public final RealStack services;
    public final ServiceProcess gateway;

    private TestStack() {
        llm = FakeLlmProvider.start();
        Map<String, String> scorerEnvironment = new HashMap<>(llm.providerEnvironment());
        // fewer online slots than the 80 traces of the online fault tests, so that a second replica gets some of them
        scorerEnvironment.put("EVALPLANE_ONLINE_MAX_IN_FLIGHT", "32");
        services = RealStack.start(scorerEnvironment);
        gateway = services.startGateway();
    }

    public static synchronized TestStack get() {
        if (instance == null) {
            instance = new TestStack();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                instance.gateway.close();
                instance.services.close();
                instance.llm.close();
            }, "test-stack-stop"));
        }
        return instance;
    }

    /** scorer-service's configuration as RealStack gives it, for a second instance of our own. */
    public Map<String, String> scorerConfig() {
        return services.scorerConfig();
    }

    public String gateway(String path) {
        return gateway.url(path);
    }

    /** cost-service's current rate (USD per token) for a model, e.g. input_cost_per_token. */
    public BigDecimal rate(String model, String field) {
        JsonNode price = Http.get(services.costService().url("/api/v1/prices?model=" + model)).expect(200).json();
        return new BigDecimal(price.path("rates").path(field).asText());
    }

}
