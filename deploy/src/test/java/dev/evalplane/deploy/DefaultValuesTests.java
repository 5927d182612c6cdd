package dev.evalplane.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The chart with its default values: four services on an external PLAINTEXT Kafka and one shared PostgreSQL. */
class DefaultValuesTests {

    static final List<String> SERVICES = List.of("ui-gateway", "scorer-service", "cost-service", "trace-service");
    static final Map<String, Integer> PORTS = Map.of("ui-gateway", 8080, "scorer-service", 8081, "cost-service", 8082,
            "trace-service", 8083);

    final RenderedChart chart = RenderedChart.render();

    @Test
    void rendersOneDeploymentServiceAndConfigMapPerServiceAndNoHookJob() {
        assertThat(chart.ofKind("Deployment")).hasSize(4);
        assertThat(chart.ofKind("Service")).hasSize(4);
        assertThat(chart.ofKind("ConfigMap")).hasSize(4);
        assertThat(chart.ofKind("ServiceAccount")).hasSize(1);
        assertThat(chart.ofKind("Job")).isEmpty();
        assertThat(chart.ofKind("Ingress")).isEmpty();
        assertThat(chart.ofKind("Secret")).as("no credentials are written by the chart").isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ui-gateway", "scorer-service", "cost-service", "trace-service"})
    void everyServiceHasItsPortProbesConfigMapAndHardenedPod(String service) {
        Workload deployment = chart.deployment(service);
        int port = PORTS.get(service);

        assertThat(deployment.containerPort()).isEqualTo(port);
        assertThat(deployment.probePath("readinessProbe")).isEqualTo("/q/health/ready");
        assertThat(deployment.probePath("livenessProbe")).isEqualTo("/q/health/live");
        assertThat(deployment.probePath("startupProbe")).isEqualTo("/q/health/started");
        assertThat(deployment.configMapRef()).isEqualTo(RenderedChart.objectName(service));
        assertThat(deployment.image()).isEqualTo("evalplane/" + service + ":0.1.0-SNAPSHOT");
        assertThat(deployment.replicas()).isEqualTo(2);
        assertThat(deployment.podAnnotations())
                .containsEntry("prometheus.io/path", "/q/metrics")
                .containsEntry("prometheus.io/port", String.valueOf(port))
                .containsKey("checksum/config");
        assertThat(deployment.podSpec()).containsEntry("serviceAccountName", "ep-evalplane");
        assertThat(deployment.container().get("securityContext").toString())
                .contains("readOnlyRootFilesystem=true", "allowPrivilegeEscalation=false");

        Map<String, Object> serviceObject = chart.get("Service", RenderedChart.objectName(service)).body();
        assertThat(serviceObject.toString()).contains("port=" + port, "app.kubernetes.io/component=" + service);
        assertThat(chart.configMapData(service)).containsEntry("QUARKUS_HTTP_PORT", String.valueOf(port));
    }

    @ParameterizedTest
    @ValueSource(strings = {"scorer-service", "cost-service", "trace-service"})
    void kafkaAndDatabaseServicesGetBootstrapUrlsAndCredentialsFromTheSecret(String service) {
        Map<String, String> config = chart.configMapData(service);
        Workload deployment = chart.deployment(service);

        assertThat(config)
                .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092")
                .containsEntry("KAFKA_SECURITY_PROTOCOL", "PLAINTEXT")
                .containsEntry("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://postgresql:5432/evalplane")
                .containsEntry("QUARKUS_DATASOURCE_REACTIVE_URL", "postgresql://postgresql:5432/evalplane")
                .doesNotContainKeys("KAFKA_SASL_MECHANISM", "KAFKA_SSL_TRUSTSTORE_LOCATION");
        assertThat(deployment.secretKeyRef("QUARKUS_DATASOURCE_USERNAME")).hasValue(
                Map.of("name", "evalplane-postgresql", "key", "username"));
        assertThat(deployment.secretKeyRef("QUARKUS_DATASOURCE_PASSWORD")).hasValue(
                Map.of("name", "evalplane-postgresql", "key", "password"));
        assertThat(deployment.envVar("KAFKA_SASL_JAAS_CONFIG")).isEmpty();
    }

    @Test
    void gatewayKnowsTheOtherServicesAndHasAuthOnWithTokensFromASecret() {
        Map<String, String> config = chart.configMapData("ui-gateway");
        Workload gateway = chart.deployment("ui-gateway");

        assertThat(config)
                .containsEntry("EVALPLANE_TRACE_SERVICE_URL", "http://ep-evalplane-trace-service:8083")
                .containsEntry("EVALPLANE_SCORER_SERVICE_URL", "http://ep-evalplane-scorer-service:8081")
                .containsEntry("EVALPLANE_COST_SERVICE_URL", "http://ep-evalplane-cost-service:8082")
                .containsEntry("EVALPLANE_AUTH_ENABLED", "true")
                .containsEntry("QUARKUS_HTTP_LIMITS_MAX_BODY_SIZE", "10M")
                .containsEntry("QUARKUS_HTTP_CORS_ENABLED", "false")
                .doesNotContainKeys("KAFKA_BOOTSTRAP_SERVERS", "QUARKUS_DATASOURCE_JDBC_URL");
        assertThat(gateway.secretKeyRef("EVALPLANE_AUTH_TOKENS")).hasValue(
                Map.of("name", "evalplane-gateway-auth", "key", "tokens"));
        assertThat(gateway.envVar("QUARKUS_DATASOURCE_PASSWORD")).isEmpty();
    }

    @Test
    void topicJobIsRenderedOnlyWhenEnabled() {
        assertThat(RenderedChart.renderWith(Map.of("kafka.topics.create.helmHook", false)).ofKind("Job")).isEmpty();
        assertThat(RenderedChart.renderWith(Map.of("kafka.topics.create.helmHook", false,
                "kafka.topics.create.enabled", true)).ofKind("Job")).hasSize(1);
    }

    @Test
    void otelExportIsOffWithoutAnEndpoint() {
        for (String service : SERVICES) {
            assertThat(chart.configMapData(service))
                    .containsEntry("QUARKUS_OTEL_SDK_DISABLED", "true")
                    .doesNotContainKey("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT");
        }
    }

    @Test
    void scorerHasNoProviderKeysUntilSecretsAreNamed() {
        Workload scorer = chart.deployment("scorer-service");

        assertThat(scorer.envVar("OPENAI_API_KEY")).isEmpty();
        assertThat(scorer.envVar("ANTHROPIC_API_KEY")).isEmpty();
    }
}
