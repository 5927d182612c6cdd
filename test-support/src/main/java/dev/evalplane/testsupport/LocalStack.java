package dev.evalplane.testsupport;

import java.nio.file.Path;

/**
 * Kafka and PostgreSQL for a local run ({@code scripts/run}): persistent data under the given dir, fixed ports.
 * Prints {@code STACK_READY kafka=host:port postgres=port} and stops both when stdin closes or on SIGTERM.
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
        while (System.in.read() != -1) {
            // run until stdin closes
        }
        System.exit(0);
    }

    private LocalStack() {
    }
}
