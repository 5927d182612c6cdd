package dev.evalplane.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import dev.evalplane.deploy.RenderedChart.Manifest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Whatever the values, credentials reach the pods only through secretKeyRef, never through a ConfigMap or literal. */
class NoPlaintextSecretsTests {

    static final Pattern SECRET_NAME = Pattern.compile("(?i).*(PASSWORD|PASSWD|SECRET|TOKEN|API_KEY|JAAS|CREDENTIAL).*");
    static final List<String> SECRET_ENV = List.of("QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD",
            "KAFKA_SASL_JAAS_CONFIG", "KAFKA_SSL_TRUSTSTORE_PASSWORD", "EVALPLANE_AUTH_TOKENS", "OPENAI_API_KEY",
            "ANTHROPIC_API_KEY");

    @ParameterizedTest
    @ValueSource(strings = {"", "external-kafka-sasl-tls.yaml", "separate-databases.yaml", "auth-disabled.yaml", "scaled.yaml"})
    void configMapsHoldNoCredentialsAndSecretEnvComesFromSecrets(String valuesFile) {
        // helmHook=false puts the topic Job (when enabled) into the manifest, so it is checked too
        RenderedChart chart = RenderedChart.render(valuesFile.isEmpty() ? List.of() : List.of(valuesFile),
                Map.of("kafka.topics.create.helmHook", false));

        for (Manifest configMap : chart.ofKind("ConfigMap")) {
            Map<String, String> data = configMap.stringMap("data");
            assertThat(data.keySet()).as(configMap.id()).noneMatch(k -> SECRET_NAME.matcher(k).matches());
            assertThat(data.values()).as(configMap.id())
                    .noneMatch(v -> v.contains("LoginModule") || v.contains("password="));
        }
        for (Manifest workload : chart.manifests) {
            if (!List.of("Deployment", "Job").contains(workload.kind())) {
                continue;
            }
            Workload pod = new Workload(workload);
            for (Map<String, Object> env : pod.env()) {
                String name = (String) env.get("name");
                if (SECRET_ENV.contains(name)) {
                    assertThat(env).as(workload.id() + " " + name).doesNotContainKey("value");
                    assertThat(pod.secretKeyRef(name)).as(workload.id() + " " + name).isPresent();
                }
            }
        }
        assertThat(chart.yaml).doesNotContain("kind: Secret");
    }
}
