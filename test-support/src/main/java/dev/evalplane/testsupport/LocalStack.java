package dev.evalplane.testsupport;

import java.nio.file.Path;

/**
 * Kafka and PostgreSQL for a local run ({@code scripts/run}): persistent data under the given dir, fixed ports.
 * Prints {@code STACK_READY kafka=host:port postgres=port} and runs until SIGTERM (or SIGKILL: the servers watch
 * this JVM's pipes and stop with it).
 */
public final class LocalStack {

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "run/data");
        int kafkaPort = Integer.parseInt(System.getProperty("kafka.port", "9092"));
        int pgPort = Integer.parseInt(System.getProperty("pg.port", "55432"));
        LocalKafka kafka = LocalKafka.startPersistent(kafkaPort, dir.resolve("kafka").toAbsolutePath());
        LocalPostgres postgres = LocalPostgres.startPersistent(pgPort, dir.resolve("postgres").toAbsolutePath());
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            kafka.close();
            postgres.close();
        }, "local-stack-stop"));
        System.out.println("STACK_READY kafka=" + kafka.bootstrapServers() + " postgres=" + postgres.port());
        System.out.flush();
        Thread.currentThread().join();
    }

    private LocalStack() {
    }
}
