package dev.evalplane.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * The operations settings the chart relies on, read from each service's application.properties the way Quarkus
 * resolves them (profile, env vars at ordinal 300, expressions).
 */
class ServiceOpsConfigTests {

    static Path properties(String service) {
        return Path.of("..", service, "src/main/resources/application.properties");
    }

    static SmallRyeConfig config(String service, String profile, Map<String, String> env) throws IOException {
        return new SmallRyeConfigBuilder().addDefaultInterceptors().withProfile(profile)
                .withSources(new PropertiesConfigSource(properties(service).toUri().toURL(), 250))
                .withSources(new EnvConfigSource(env, 300))
                .build();
    }

    static boolean sdkDisabled(String service, String profile, Map<String, String> env) throws IOException {
        return config(service, profile, env).getValue("quarkus.otel.sdk.disabled", Boolean.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ui-gateway", "scorer-service", "cost-service", "trace-service"})
    void otelSdkIsOffUntilAnOtlpEndpointIsGiven(String service) throws IOException {
        assertThat(sdkDisabled(service, "prod", Map.of())).isTrue();
        assertThat(sdkDisabled(service, "prod", Map.of("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", "http://otel:4317"))).isFalse();
        assertThat(sdkDisabled(service, "prod", Map.of("QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", "http://otel:4318/v1/traces")))
                .isFalse();
        assertThat(sdkDisabled(service, "prod", Map.of("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", "http://otel:4317",
                "QUARKUS_OTEL_SDK_DISABLED", "true"))).as("an explicit switch wins").isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"ui-gateway", "scorer-service", "cost-service", "trace-service"})
    void imagesAreNeverBuiltByANormalBuildAndAreNamedAsTheChartExpects(String service) throws IOException {
        SmallRyeConfig config = config(service, "prod", Map.of());

        assertThat(config.getValue("quarkus.container-image.build", Boolean.class)).isFalse();
        assertThat(config.getValue("quarkus.container-image.group", String.class)).isEqualTo("evalplane");
        assertThat(config.getValue("quarkus.container-image.name", String.class)).isEqualTo(service);
        assertThat(config.getValue("quarkus.jib.base-jvm-image", String.class))
                .startsWith("registry.access.redhat.com/ubi9/openjdk-17-runtime:");
        assertThat(config.getValue("quarkus.jib.ports", String.class))
                .isEqualTo(String.valueOf(DefaultValuesTests.PORTS.get(service)));
        assertThat(config.getValue("quarkus.jib.user", String.class)).as("numeric, for runAsNonRoot").isEqualTo("185");
        assertThat(Files.readString(Path.of("..", service, "pom.xml"))).contains("quarkus-container-image-jib");
    }

    @ParameterizedTest
    @ValueSource(strings = {"ui-gateway", "scorer-service", "cost-service", "trace-service"})
    void openApiIsTitledAndKafkaTracingIsOnWheneverSpansAreExported(String service) throws IOException {
        SmallRyeConfig config = config(service, "prod", Map.of());
        SmallRyeConfig exporting = config(service, "prod", Map.of("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", "http://otel:4317"));
        String tracing = "mp.messaging.connector.smallrye-kafka.tracing-enabled";
        assertThat(exporting.getOptionalValue(tracing, Boolean.class).orElse(true))
                .as("records carry the trace context when there is a collector").isTrue();
        if (!service.equals("ui-gateway")) {
            assertThat(config.getValue(tracing, Boolean.class)).as("no per-record tracing of spans nobody exports").isFalse();
        }
        if (service.equals("scorer-service")) {
            String online = "mp.messaging.incoming.online-traces-stored.tracing-enabled";
            assertThat(config.getValue(online, Boolean.class)).as("the online consumer skips tracing without a collector")
                    .isFalse();
            assertThat(exporting.getValue(online, Boolean.class)).as("and traces its records with one").isTrue();
        }

        assertThat(config.getValue("quarkus.smallrye-openapi.info-title", String.class)).isEqualTo("evalplane " + service);
        assertThat(config.getValue("quarkus.http.port", Integer.class)).isEqualTo(DefaultValuesTests.PORTS.get(service));
        assertThat(Files.readAllLines(properties(service)))
                .noneMatch(line -> line.matches("\\s*[^#]*tracing-enabled\\s*=\\s*false.*"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"scorer-service", "cost-service", "trace-service"})
    void kafkaServicesExportConsumerMetrics(String service) throws IOException {
        assertThat(config(service, "prod", Map.of()).getValue("quarkus.micrometer.binder.kafka.enabled", Boolean.class))
                .isTrue();
    }

    @Test
    void gatewayEnvVarsFromTheChartReachTheSecurityConfig() throws IOException {
        SmallRyeConfig defaults = config("ui-gateway", "prod", Map.of());
        SmallRyeConfig fromChart = config("ui-gateway", "prod", Map.of(
                "EVALPLANE_AUTH_ENABLED", "true", "EVALPLANE_AUTH_TOKENS", "a,b",
                "QUARKUS_HTTP_CORS_ENABLED", "true", "QUARKUS_HTTP_CORS_ORIGINS", "https://x.example"));

        assertThat(defaults.getValue("evalplane.auth.enabled", Boolean.class)).isFalse();
        assertThat(defaults.getValue("quarkus.http.limits.max-body-size", String.class)).isEqualTo("10M");
        assertThat(defaults.getValue("quarkus.http.header.\"X-Frame-Options\".value", String.class)).isEqualTo("DENY");
        assertThat(defaults.getValue("quarkus.http.header.\"Content-Security-Policy\".value", String.class))
                .startsWith("default-src 'self'");
        assertThat(fromChart.getValue("evalplane.auth.enabled", Boolean.class)).isTrue();
        assertThat(fromChart.getValue("evalplane.auth.tokens", String[].class)).containsExactly("a", "b");
        assertThat(fromChart.getValue("quarkus.http.cors.origins", String.class)).isEqualTo("https://x.example");
    }
}
