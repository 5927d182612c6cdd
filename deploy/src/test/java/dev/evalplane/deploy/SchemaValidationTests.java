package dev.evalplane.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** values.schema.json rejects bad value sets before anything is rendered. */
class SchemaValidationTests {

    static Stream<Arguments> invalidValues() {
        return Stream.of(
                Arguments.of(Map.of("gateway.replicas", "three"), "replicas"),
                Arguments.of(Map.of("scorer.replicas", -1), "replicas"),
                Arguments.of(Map.of("kafka.securityProtocol", "SASL"), "securityProtocol"),
                Arguments.of(Map.of("kafka.topics.partitions", 0), "partitions"),
                Arguments.of(Map.of("kafka.bootstrapServers", "kafka"), "bootstrapServers"),
                Arguments.of(Map.of("kafka.tls.truststoreType", "P12"), "truststoreType"),
                Arguments.of(Map.of("kafka.extraConfig.sasl\\.jaas\\.config", "secret"), "extraConfig"),
                Arguments.of(Map.of("postgresql.auth.existingSecret", ""), "existingSecret"),
                Arguments.of(Map.of("postgresql.sslMode", "on"), "sslMode"),
                Arguments.of(Map.of("postgresql.port", 70000), "port"),
                Arguments.of(Map.of("trace.database.jdbcUrl", "postgresql://x/y"), "jdbcUrl"),
                Arguments.of(Map.of("gateway.auth.existingSecret", ""), "existingSecret"),
                Arguments.of(Map.of("gateway.auth.enabled", "yes"), "enabled"),
                Arguments.of(Map.of("gateway.http.maxBodySize", "10 megabytes"), "maxBodySize"),
                Arguments.of(Map.of("otel.protocol", "udp"), "protocol"),
                Arguments.of(Map.of("replicas", 3), "replicas"));
    }

    @ParameterizedTest
    @MethodSource("invalidValues")
    void invalidValueFailsSchemaValidationNamingTheField(Map<String, Object> sets, String field) {
        assertThatThrownBy(() -> RenderedChart.renderWith(sets))
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining(field);
    }

    @Test
    void saslWithoutMechanismAndJaasSecretFails() {
        assertThatThrownBy(() -> RenderedChart.renderWith(Map.of("kafka.securityProtocol", "SASL_SSL")))
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining("mechanism");
        assertThatThrownBy(() -> RenderedChart.renderWith(Map.of(
                "kafka.securityProtocol", "SASL_PLAINTEXT", "kafka.sasl.mechanism", "PLAIN")))
                .hasMessageContaining("jaasConfigSecret");
    }

    @Test
    void theSameValuesWithTheMissingPiecesRender() {
        RenderedChart chart = RenderedChart.render(List.of(), Map.of(
                "kafka.securityProtocol", "SASL_PLAINTEXT", "kafka.sasl.mechanism", "PLAIN",
                "kafka.sasl.jaasConfigSecret.name", "jaas"));

        assertThat(chart.configMapData("trace-service")).containsEntry("KAFKA_SASL_MECHANISM", "PLAIN");
    }
}
