package dev.evalplane.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * trace-service, cost-service and scorer-service as packaged jars in their own JVMs, on the shared test Kafka broker
 * and PostgreSQL: the real stack behind the gateway, for end-to-end and browser tests and benchmarks. The services'
 * jars must be built ({@code package}) before; the reactor builds them before the gateway.
 */
public final class RealStack implements AutoCloseable {

    private final ServiceProcess traceService;
    private final ServiceProcess costService;
    private final ServiceProcess scorerService;
    private final Map<String, String> scorerConfig;
    private final Map<String, String> sharedConfig;

    private RealStack(ServiceProcess traceService, ServiceProcess costService, ServiceProcess scorerService,
            Map<String, String> scorerConfig, Map<String, String> sharedConfig) {
        this.traceService = traceService;
        this.costService = costService;
        this.scorerService = scorerService;
        this.scorerConfig = Map.copyOf(scorerConfig);
        this.sharedConfig = Map.copyOf(sharedConfig);
    }

    /**
     * Starts the three services at once and waits until all are ready.
     *
     * @param scorerEnvironment provider settings for scorer-service, e.g. {@code OPENAI_BASE_URL} of a fake provider
     */
    public static RealStack start(Map<String, String> scorerEnvironment) {
        return start(scorerEnvironment, Map.of());
    }

    /**
     * Starts the three services with extra configuration for all of them and for the gateway, e.g.
     * {@code evalplane.internal.token} (the shared token between the gateway and the services).
     */
    public static RealStack start(Map<String, String> scorerEnvironment, Map<String, String> sharedConfig) {
        Map<String, String> common = new HashMap<>(PostgresResource.datasourceConfig());
        common.putAll(sharedConfig);
        common.put("kafka.bootstrap.servers", KafkaBrokerResource.bootstrapServers());
        common.put("quarkus.log.console.json.enabled", "false");
        Path logs = Path.of("target", "real-stack").toAbsolutePath();
        List<ServiceProcess> started = new ArrayList<>();
        try {
            ServiceProcess trace = launched(new ServiceProcess(packagedJar("trace-service"), common, logs.resolve("trace-service.log")), started);
            ServiceProcess cost = launched(new ServiceProcess(packagedJar("cost-service"), common, logs.resolve("cost-service.log")), started);
            trace.awaitReady();
            cost.awaitReady();
            Map<String, String> scorerConfig = new HashMap<>(common);
            scorerConfig.put("evalplane.trace-service.url", trace.url(""));
            scorerConfig.put("evalplane.cost-service.url", cost.url(""));
            ServiceProcess scorer = launched(new ServiceProcess(packagedJar("scorer-service"), scorerConfig,
                    logs.resolve("scorer-service.log")).withEnvironment(scorerEnvironment), started).awaitReady();
            return new RealStack(trace, cost, scorer, scorerConfig, sharedConfig);
        } catch (RuntimeException e) {
            // a service that missed its readiness limit must not leave the others running, orphaned, under the next test
            started.forEach(ServiceProcess::close);
            throw e;
        }
    }

    private static ServiceProcess launched(ServiceProcess service, List<ServiceProcess> started) {
        started.add(service);
        return service.launch();
    }

    /** Starts the stack with scorer-service talking to this fake provider. */
    public static RealStack start(FakeLlmProvider provider) {
        return start(provider.providerEnvironment());
    }

    /** Starts the packaged ui-gateway in front of these services (log under target/real-stack). */
    public ServiceProcess startGateway() {
        return startGateway(Map.of());
    }

    /** Starts the packaged ui-gateway with extra configuration, e.g. {@code evalplane.auth.enabled=true} and tokens. */
    public ServiceProcess startGateway(Map<String, String> extraConfig) {
        Map<String, String> config = new HashMap<>(gatewayConfig());
        config.put("quarkus.log.console.json.enabled", "false");
        config.putAll(extraConfig);
        return new ServiceProcess(packagedJar("ui-gateway"), config,
                Path.of("target", "real-stack", "ui-gateway.log").toAbsolutePath()).start();
    }

    /** scorer-service's configuration in this stack, to start another instance of it (fault tests). */
    public Map<String, String> scorerConfig() {
        return scorerConfig;
    }

    /** The gateway's configuration pointing at these services. */
    public Map<String, String> gatewayConfig() {
        Map<String, String> config = new HashMap<>(sharedConfig);
        config.put("evalplane.trace-service.url", traceService.url(""));
        config.put("evalplane.scorer-service.url", scorerService.url(""));
        config.put("evalplane.cost-service.url", costService.url(""));
        return Map.copyOf(config);
    }

    public ServiceProcess traceService() {
        return traceService;
    }

    public ServiceProcess costService() {
        return costService;
    }

    public ServiceProcess scorerService() {
        return scorerService;
    }

    /** A module's packaged jar, {@code <module>/target/quarkus-app/quarkus-run.jar} in this repository. */
    public static Path packagedJar(String module) {
        Path jar = repositoryRoot().resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: package " + module + " first (./mvnw install)");
        }
        return jar;
    }

    static Path repositoryRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("kafka-launcher")) && Files.isDirectory(p.resolve("trace-service"))) {
                return p;
            }
        }
        throw new IllegalStateException("not inside the evalplane repository");
    }

    @Override
    public void close() {
        for (ServiceProcess service : List.of(scorerService, costService, traceService)) {
            service.close();
        }
    }
}
