package dev.evalplane.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Replicas, partitions, images and OTel changed from the defaults. */
class ScalingValuesTests {

    final RenderedChart chart = RenderedChart.render("scaled.yaml");

    @Test
    void replicasFollowTheValues() {
        assertThat(chart.deployment("ui-gateway").replicas()).isEqualTo(3);
        assertThat(chart.deployment("scorer-service").replicas()).isEqualTo(8);
        assertThat(chart.deployment("trace-service").replicas()).isEqualTo(4);
        assertThat(chart.deployment("cost-service").replicas()).isEqualTo(1);
    }

    @Test
    void topicJobUsesTheNewPartitionCountsAndReplicationFactor() {
        RenderedChart plain = RenderedChart.render(List.of("scaled.yaml"), Map.of("kafka.topics.create.helmHook", false));
        Workload job = new Workload(plain.get("Job", "ep-evalplane-kafka-topics-1"));
        String script = String.valueOf(((List<?>) job.container().get("args")).get(0));

        assertThat(job.image()).isEqualTo("apache/kafka:4.1.1");
        assertThat(script).contains("ensure_topic spans 24", "ensure_topic trace-costs 24", "ensure_topic assessments-dlq 3");
        assertThat(script).doesNotContain("ensure_topic spans 6");
        assertThat(job.envVar("REPLICATION_FACTOR")).hasValue(Map.of("name", "REPLICATION_FACTOR", "value", "2"));
        assertThat(job.envVar("KAFKA_SASL_JAAS_CONFIG")).isEmpty();
    }

    @Test
    void imagesUseTheRegistryPrefixAndTag() {
        assertThat(chart.deployment("trace-service").image()).isEqualTo("ghcr.io/acme/evalplane/trace-service:1.2.3");
        assertThat(chart.deployment("ui-gateway").image()).isEqualTo("ghcr.io/acme/evalplane/ui-gateway:1.2.3");
    }

    @Test
    void serviceImageRepositoryAndTagOverrideTheDerivedName() {
        RenderedChart custom = RenderedChart.renderWith(Map.of(
                "scorer.image.repository", "quay.io/me/scorer", "scorer.image.tag", "dev-1"));

        assertThat(custom.deployment("scorer-service").image()).isEqualTo("quay.io/me/scorer:dev-1");
        assertThat(custom.deployment("cost-service").image()).isEqualTo("evalplane/cost-service:0.1.0-SNAPSHOT");
    }

    @Test
    void otelEndpointTurnsTheSdkOnForEveryService() {
        for (String service : DefaultValuesTests.SERVICES) {
            assertThat(chart.configMapData(service))
                    .containsEntry("QUARKUS_OTEL_SDK_DISABLED", "false")
                    .containsEntry("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", "http://otel-collector.observability:4317")
                    .containsEntry("QUARKUS_OTEL_EXPORTER_OTLP_PROTOCOL", "grpc");
        }
    }

    @Test
    void aConfigChangeChangesOnlyThatServicesChecksum() {
        RenderedChart changed = RenderedChart.render(List.of("scaled.yaml"), Map.of("trace.config.EVALPLANE_X", "1"));

        assertThat(checksum(changed, "trace-service")).isNotEqualTo(checksum(chart, "trace-service"));
        assertThat(checksum(changed, "scorer-service")).isEqualTo(checksum(chart, "scorer-service"));
        assertThat(changed.configMapData("trace-service")).containsEntry("EVALPLANE_X", "1");
    }

    private static String checksum(RenderedChart chart, String service) {
        return chart.deployment(service).podAnnotations().get("checksum/config");
    }
}
