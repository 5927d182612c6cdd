package dev.evalplane.bench.support;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.evalplane.bench.Http;
import dev.evalplane.testsupport.FakeLlmProvider;
import dev.evalplane.testsupport.KafkaBrokerResource;
import dev.evalplane.testsupport.PostgresResource;
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
        services = RealStack.start(llmEnvironment(llm));
        Map<String, String> config = new HashMap<>(services.gatewayConfig());
        config.put("quarkus.log.console.json.enabled", "false");
        gateway = new ServiceProcess(jar("ui-gateway"), config, Path.of("target", "real-stack", "ui-gateway.log")
                .toAbsolutePath()).start();
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

    public static Map<String, String> llmEnvironment(FakeLlmProvider llm) {
        return Map.of("OPENAI_BASE_URL", llm.openAiBaseUrl(), "OPENAI_API_KEY", "test-key-not-a-secret",
                "ANTHROPIC_BASE_URL", llm.anthropicBaseUrl(), "ANTHROPIC_API_KEY", "test-key-not-a-secret");
    }

    /** scorer-service's configuration as RealStack gives it, for a second instance of our own. */
    public Map<String, String> scorerConfig() {
        Map<String, String> config = new HashMap<>(PostgresResource.datasourceConfig());
        config.put("kafka.bootstrap.servers", KafkaBrokerResource.bootstrapServers());
        config.put("quarkus.log.console.json.enabled", "false");
        config.put("evalplane.trace-service.url", services.traceService().url(""));
        config.put("evalplane.cost-service.url", services.costService().url(""));
        return config;
    }

    public String gateway(String path) {
        return gateway.url(path);
    }

    /** cost-service's current rate (USD per token) for a model, e.g. input_cost_per_token. */
    public BigDecimal rate(String model, String field) {
        JsonNode price = Http.get(services.costService().url("/api/v1/prices?model=" + model)).expect(200).json();
        return new BigDecimal(price.path("rates").path(field).asText());
    }

    public static Path jar(String module) {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path jar = p.resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
            if (Files.exists(jar)) {
                return jar;
            }
        }
        throw new IllegalStateException(module + " is not packaged (target/quarkus-app/quarkus-run.jar)");
    }
}
