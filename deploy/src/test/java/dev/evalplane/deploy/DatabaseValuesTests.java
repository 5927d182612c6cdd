package dev.evalplane.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

class DatabaseValuesTests {

    @Test
    void separateDatabasesGiveEachServiceItsOwnDatabaseOnTheSharedServer() {
        RenderedChart chart = RenderedChart.render("separate-databases.yaml");

        assertThat(chart.configMapData("scorer-service"))
                .containsEntry("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://pg.db.example.net:5433/ep_scoring?sslmode=verify-full")
                .containsEntry("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://pg.db.example.net:5433/ep_scoring?sslmode=verify-full");
        assertThat(chart.configMapData("trace-service"))
                .containsEntry("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://pg.db.example.net:5433/ep_traces?sslmode=verify-full")
                .containsEntry("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://pg.db.example.net:5433/ep_traces?sslmode=verify-full");
        assertThat(chart.deployment("scorer-service").secretKeyRef("QUARKUS_DATASOURCE_USERNAME"))
                .hasValue(Map.of("name", "evalplane-db", "key", "user"));
        assertThat(chart.deployment("trace-service").secretKeyRef("QUARKUS_DATASOURCE_PASSWORD"))
                .hasValue(Map.of("name", "evalplane-db", "key", "pass"));
    }

    @Test
    void fullUrlsAndASecretOfItsOwnOverrideTheSharedSettingsForOneService() {
        RenderedChart chart = RenderedChart.render("separate-databases.yaml");

        assertThat(chart.configMapData("cost-service"))
                .containsEntry("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://costs-pg.example.net:5432/costs")
                .containsEntry("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://costs-pg.example.net:5432/costs");
        assertThat(chart.deployment("cost-service").secretKeyRef("QUARKUS_DATASOURCE_PASSWORD"))
                .hasValue(Map.of("name", "costs-db", "key", "pass"));
    }

    @Test
    void sharedDatabaseIgnoresPerServiceDatabaseNames() {
        RenderedChart chart = RenderedChart.renderWith(Map.of(
                "postgresql.host", "pg", "postgresql.database", "evals", "scorer.database.name", "not_used"));

        for (String service : new String[] {"scorer-service", "cost-service", "trace-service"}) {
            assertThat(chart.configMapData(service))
                    .containsEntry("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://pg:5432/evals")
                    .containsEntry("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://pg:5432/evals");
        }
    }

    @Test
    void globalFullUrlsApplyToEveryService() {
        RenderedChart chart = RenderedChart.renderWith(Map.of(
                "postgresql.jdbcUrl", "jdbc:postgresql://a:1/x?ssl=true",
                "postgresql.reactiveUrl", "postgresql://a:1/x?sslmode=require"));

        for (String service : new String[] {"scorer-service", "cost-service", "trace-service"}) {
            assertThat(chart.configMapData(service))
                    .containsEntry("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://a:1/x?ssl=true")
                    .containsEntry("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://a:1/x?sslmode=require");
        }
    }
}
