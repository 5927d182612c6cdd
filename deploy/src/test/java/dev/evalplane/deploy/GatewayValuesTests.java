package dev.evalplane.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import dev.evalplane.deploy.RenderedChart.Manifest;
import org.junit.jupiter.api.Test;

class GatewayValuesTests {

    @Test
    void authDisabledDropsTheTokenSecretReference() {
        RenderedChart chart = RenderedChart.render("auth-disabled.yaml");
        Workload gateway = chart.deployment("ui-gateway");

        assertThat(chart.configMapData("ui-gateway")).containsEntry("EVALPLANE_AUTH_ENABLED", "false");
        assertThat(gateway.envVar("EVALPLANE_AUTH_TOKENS")).isEmpty();
        assertThat(gateway.container()).doesNotContainKey("env");
    }

    @Test
    void tokensComeFromTheNamedSecretAndKey() {
        RenderedChart chart = RenderedChart.renderWith(Map.of(
                "gateway.auth.existingSecret", "api-tokens", "gateway.auth.tokensKey", "bearer"));

        assertThat(chart.deployment("ui-gateway").secretKeyRef("EVALPLANE_AUTH_TOKENS"))
                .hasValue(Map.of("name", "api-tokens", "key", "bearer"));
    }

    @Test
    void corsOriginsBodyLimitAndIngressComeFromValues() {
        RenderedChart chart = RenderedChart.render("scaled.yaml");

        assertThat(chart.configMapData("ui-gateway"))
                .containsEntry("QUARKUS_HTTP_CORS_ENABLED", "true")
                .containsEntry("QUARKUS_HTTP_CORS_ORIGINS", "https://app.example.net,https://admin.example.net")
                .containsEntry("QUARKUS_HTTP_LIMITS_MAX_BODY_SIZE", "50M");
        Manifest ingress = chart.get("Ingress", "ep-evalplane");
        assertThat(ingress.at("spec.ingressClassName")).isEqualTo("nginx");
        Map<String, Object> rule = RenderedChart.castMap(ingress.list("spec.rules").get(0));
        assertThat(rule).containsEntry("host", "evalplane.example.net");
        assertThat(rule.toString()).contains("name=ep-evalplane-ui-gateway", "name=http", "pathType=Prefix");
        assertThat(ingress.list("spec.tls").toString()).contains("secretName=evalplane-tls");
    }

    @Test
    void disabledServiceRendersNothing() {
        RenderedChart chart = RenderedChart.renderWith(Map.of("cost.enabled", false));

        assertThat(chart.find("Deployment", RenderedChart.objectName("cost-service"))).isEmpty();
        assertThat(chart.find("ConfigMap", RenderedChart.objectName("cost-service"))).isEmpty();
        assertThat(chart.find("Service", RenderedChart.objectName("cost-service"))).isEmpty();
        assertThat(chart.ofKind("Deployment")).extracting(Manifest::name).hasSize(3)
                .containsAll(List.of("ep-evalplane-ui-gateway", "ep-evalplane-scorer-service", "ep-evalplane-trace-service"));
    }
}
