package dev.evalplane.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import dev.evalplane.deploy.RenderedChart.Manifest;
import org.junit.jupiter.api.Test;

/** An external Kafka over SASL_SSL (SCRAM) with a private CA, the topics created by the hook Job. */
class ExternalKafkaTests {

    static final List<String> KAFKA_SERVICES = List.of("scorer-service", "cost-service", "trace-service");

    final RenderedChart chart = RenderedChart.render("external-kafka-sasl-tls.yaml");

    @Test
    void servicesGetSaslAndTlsSettingsInTheConfigMapAndCredentialsFromSecrets() {
        for (String service : KAFKA_SERVICES) {
            Map<String, String> config = chart.configMapData(service);
            Workload deployment = chart.deployment(service);

            assertThat(config)
                    .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "b-1.kafka.example.net:9096,b-2.kafka.example.net:9096")
                    .containsEntry("KAFKA_SECURITY_PROTOCOL", "SASL_SSL")
                    .containsEntry("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512")
                    .containsEntry("KAFKA_SSL_TRUSTSTORE_LOCATION", "/etc/evalplane/kafka-truststore/ca.p12")
                    .containsEntry("KAFKA_SSL_TRUSTSTORE_TYPE", "PKCS12")
                    .containsEntry("KAFKA_CLIENT_DNS_LOOKUP", "use_all_dns_ips")
                    .doesNotContainKeys("KAFKA_SASL_JAAS_CONFIG", "KAFKA_SSL_TRUSTSTORE_PASSWORD");
            assertThat(deployment.secretKeyRef("KAFKA_SASL_JAAS_CONFIG"))
                    .hasValue(Map.of("name", "kafka-client-credentials", "key", "jaas"));
            assertThat(deployment.secretKeyRef("KAFKA_SSL_TRUSTSTORE_PASSWORD"))
                    .hasValue(Map.of("name", "kafka-ca", "key", "ca.password"));
            assertThat(deployment.volumes()).anySatisfy(v -> assertThat(v.toString())
                    .contains("name=kafka-truststore", "secretName=kafka-ca", "key=ca.p12"));
            assertThat(deployment.volumeMounts()).anySatisfy(m -> assertThat(m)
                    .containsEntry("mountPath", "/etc/evalplane/kafka-truststore")
                    .containsEntry("readOnly", true));
        }
    }

    @Test
    void gatewayGetsNoKafkaSettings() {
        Workload gateway = chart.deployment("ui-gateway");

        assertThat(chart.configMapData("ui-gateway")).doesNotContainKeys("KAFKA_BOOTSTRAP_SERVERS", "KAFKA_SASL_MECHANISM");
        assertThat(gateway.envVar("KAFKA_SASL_JAAS_CONFIG")).isEmpty();
        assertThat(gateway.volumes()).noneMatch(v -> "kafka-truststore".equals(v.get("name")));
    }

    @Test
    void topicJobIsAHelmHookSoItIsNotPartOfTheReleaseManifest() {
        assertThat(chart.ofKind("Job")).as("hooks are kept apart from the manifest by Helm").isEmpty();
    }

    @Test
    void topicJobCreatesTheSixTopicsWithTheConfiguredPartitionsUsingTheKafkaSecrets() {
        RenderedChart plain = RenderedChart.render(List.of("external-kafka-sasl-tls.yaml"),
                Map.of("kafka.topics.create.helmHook", false));
        Manifest job = plain.get("Job", "ep-evalplane-kafka-topics-1");

        assertThat(job.map("metadata.annotations")).doesNotContainKey("helm.sh/hook");
        Workload pod = new Workload(job);
        assertThat(pod.image()).isEqualTo("registry.example.net/tools/kafka:4.1.1");
        String script = String.valueOf(((List<?>) pod.container().get("args")).get(0));
        assertThat(script)
                .contains("ensure_topic spans 12", "ensure_topic assessments 12", "ensure_topic trace-costs 12",
                        "ensure_topic traces-stored 12")
                .contains("ensure_topic spans-dlq 2", "ensure_topic assessments-dlq 2", "ensure_topic trace-costs-dlq 2",
                        "ensure_topic traces-stored-dlq 2")
                .contains("--command-config", "--if-not-exists", "--alter");
        assertThat(pod.envVar("KAFKA_TOPICS")).hasValue(Map.of("name", "KAFKA_TOPICS", "value", "/opt/kafka/bin/kafka-topics.sh"));
        assertThat(pod.envVar("REPLICATION_FACTOR")).hasValue(Map.of("name", "REPLICATION_FACTOR", "value", "3"));
        assertThat(pod.envVar("KAFKA_BOOTSTRAP_SERVERS")).hasValue(Map.of("name", "KAFKA_BOOTSTRAP_SERVERS",
                "value", "b-1.kafka.example.net:9096,b-2.kafka.example.net:9096"));
        assertThat(pod.envVar("KAFKA_SASL_MECHANISM")).hasValue(Map.of("name", "KAFKA_SASL_MECHANISM", "value", "SCRAM-SHA-512"));
        assertThat(pod.secretKeyRef("KAFKA_SASL_JAAS_CONFIG"))
                .hasValue(Map.of("name", "kafka-client-credentials", "key", "jaas"));
        assertThat(pod.secretKeyRef("KAFKA_SSL_TRUSTSTORE_PASSWORD")).hasValue(Map.of("name", "kafka-ca", "key", "ca.password"));
        assertThat(pod.volumes()).anySatisfy(v -> assertThat(v.toString()).contains("secretName=kafka-ca"));
        assertThat(pod.podSpec()).containsEntry("restartPolicy", "Never");
        assertThat(pod.podSpec().get("securityContext").toString()).contains("runAsUser=1000", "runAsNonRoot=true");
        assertThat(pod.volumeMounts()).anySatisfy(m -> assertThat(m).containsEntry("mountPath", "/tmp"));
    }

    @Test
    void scorerReadsProviderKeysFromSecretsAndTheBaseUrlFromTheConfigMap() {
        Workload scorer = chart.deployment("scorer-service");

        assertThat(scorer.secretKeyRef("OPENAI_API_KEY"))
                .hasValue(Map.of("name", "llm-keys", "key", "openai", "optional", true));
        assertThat(scorer.secretKeyRef("ANTHROPIC_API_KEY"))
                .hasValue(Map.of("name", "llm-keys", "key", "anthropic", "optional", true));
        assertThat(chart.configMapData("scorer-service"))
                .containsEntry("OPENAI_BASE_URL", "https://llm-proxy.example.net/v1")
                .doesNotContainKeys("ANTHROPIC_BASE_URL", "OPENAI_API_KEY", "ANTHROPIC_API_KEY");
        assertThat(chart.deployment("cost-service").envVar("OPENAI_API_KEY")).isEmpty();
    }
}
