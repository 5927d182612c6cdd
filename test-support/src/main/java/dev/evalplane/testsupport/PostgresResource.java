package dev.evalplane.testsupport;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real PostgreSQL for {@code @QuarkusTest}s (reactive and JDBC URLs, the latter for Flyway).
 * {@code -Dpg.port=N} reuses a running server on localhost. Shared by every test class of the JVM.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    private static LocalPostgres postgres;

    public static synchronized int port() {
        String external = System.getProperty("pg.port");
        if (external != null) {
            return Integer.parseInt(external);
        }
        if (postgres == null) {
            postgres = LocalPostgres.startTemporary();
            Runtime.getRuntime().addShutdownHook(new Thread(postgres::close, "postgres-test-server-stop"));
        }
        return postgres.port();
    }

    /** The server itself, for restart tests (null when an external server is used). */
    public static synchronized LocalPostgres server() {
        port();
        return postgres;
    }

    public static Map<String, String> datasourceConfig() {
        int port = port();
        return Map.of("quarkus.datasource.reactive.url", "postgresql://localhost:" + port + "/postgres",
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://localhost:" + port + "/postgres",
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "postgres");
    }

    @Override
    public Map<String, String> start() {
        return datasourceConfig();
    }

    @Override
    public void stop() {
        // shared across test classes; stopped by the shutdown hook
    }
}
