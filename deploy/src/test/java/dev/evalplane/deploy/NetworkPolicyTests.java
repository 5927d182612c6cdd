package dev.evalplane.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import dev.evalplane.deploy.RenderedChart.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Only the gateway (and evalplane's own services) reach the internal services' HTTP ports, by default. */
class NetworkPolicyTests {

    static final String COMPONENT = "app.kubernetes.io/component";

    final RenderedChart chart = RenderedChart.render();

    @ParameterizedTest
    @ValueSource(strings = {"scorer-service", "cost-service", "trace-service"})
    void internalServicesTakeTrafficOnlyFromTheGatewayAndEachOther(String service) {
        Manifest policy = chart.get("NetworkPolicy", RenderedChart.objectName(service));

        assertThat(RenderedChart.castMap(policy.at("spec.podSelector.matchLabels"))).containsEntry(COMPONENT, service);
        assertThat(policy.list("spec.policyTypes")).containsExactly("Ingress");
        List<Object> rules = policy.list("spec.ingress");
        assertThat(rules).hasSize(1);
        Map<String, Object> rule = RenderedChart.castMap(rules.get(0));
        assertThat(rule.get("ports").toString()).contains("port=http");
        List<String> callers = RenderedChart.castList(rule.get("from")).stream()
                .map(peer -> RenderedChart.castMap(RenderedChart.castMap(RenderedChart.castMap(peer).get("podSelector"))
                        .get("matchLabels")).get(COMPONENT).toString())
                .toList();
        assertThat(callers).contains("ui-gateway").doesNotContain(service).hasSize(3);
        assertThat(rule.get("from").toString()).doesNotContain("namespaceSelector", "ipBlock");
    }

    @Test
    void theGatewayIsTheOpenEdgeUnlessPeersAreNamed() {
        Manifest open = chart.get("NetworkPolicy", RenderedChart.objectName("ui-gateway"));
        assertThat(RenderedChart.castMap(open.list("spec.ingress").get(0))).doesNotContainKey("from");

        RenderedChart restricted = RenderedChart.renderWith(Map.of(
                "networkPolicy.gatewayFrom[0].namespaceSelector.matchLabels.name", "ingress-nginx"));
        Manifest policy = restricted.get("NetworkPolicy", RenderedChart.objectName("ui-gateway"));
        assertThat(policy.list("spec.ingress").toString()).contains("name=ingress-nginx");
    }

    @Test
    void metricsScrapersCanBeLetIn() {
        RenderedChart withMonitoring = RenderedChart.renderWith(Map.of(
                "networkPolicy.metricsFrom[0].namespaceSelector.matchLabels.name", "monitoring"));
        assertThat(withMonitoring.get("NetworkPolicy", RenderedChart.objectName("trace-service")).list("spec.ingress")
                .toString()).contains("name=monitoring", "ui-gateway");
    }

    @Test
    void policiesCanBeTurnedOffAndFollowDisabledServices() {
        assertThat(RenderedChart.renderWith(Map.of("networkPolicy.enabled", false)).ofKind("NetworkPolicy")).isEmpty();
        RenderedChart withoutCost = RenderedChart.renderWith(Map.of("cost.enabled", false));
        assertThat(withoutCost.find("NetworkPolicy", RenderedChart.objectName("cost-service"))).isEmpty();
        assertThat(withoutCost.get("NetworkPolicy", RenderedChart.objectName("trace-service")).list("spec.ingress")
                .toString()).doesNotContain("cost-service");
    }

    @Test
    void theSharedInternalTokenReachesEveryServiceFromASecret() {
        assertThat(chart.deployment("trace-service").envVar("EVALPLANE_INTERNAL_TOKEN")).isEmpty();
        RenderedChart withToken = RenderedChart.renderWith(Map.of("internalAuth.existingSecret", "evalplane-internal"));
        for (String service : List.of("ui-gateway", "scorer-service", "cost-service", "trace-service")) {
            assertThat(withToken.deployment(service).secretKeyRef("EVALPLANE_INTERNAL_TOKEN"))
                    .hasValue(Map.of("name", "evalplane-internal", "key", "token"));
        }
    }

    @Test
    void adminTokensComeFromTheGatewaySecret() {
        assertThat(chart.deployment("ui-gateway").secretKeyRef("EVALPLANE_AUTH_ADMIN_TOKENS"))
                .hasValue(Map.of("name", "evalplane-gateway-auth", "key", "admin-tokens", "optional", true));
    }
}
