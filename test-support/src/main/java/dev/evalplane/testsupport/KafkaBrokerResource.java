package dev.evalplane.testsupport;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real Kafka broker for {@code @QuarkusTest}s. {@code -Dkafka.bootstrap=host:port} reuses a running broker.
 * The broker is shared by every test class of the JVM and lives until the JVM ends.
 */
public class KafkaBrokerResource implements QuarkusTestResourceLifecycleManager {

    private static LocalKafka kafka;

    public static synchronized String bootstrapServers() {
        String external = System.getProperty("kafka.bootstrap");
        if (external != null) {
            return external;
        }
        if (kafka == null) {
            kafka = LocalKafka.startTemporary();
            Runtime.getRuntime().addShutdownHook(new Thread(kafka::close, "kafka-test-broker-stop"));
        }
        return kafka.bootstrapServers();
    }

    /** The broker itself, for restart tests (null when an external broker is used). */
    public static synchronized LocalKafka broker() {
        bootstrapServers();
        return kafka;
    }

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", bootstrapServers());
    }

    @Override
    public void stop() {
        // shared across test classes; stopped by the shutdown hook
    }
}
