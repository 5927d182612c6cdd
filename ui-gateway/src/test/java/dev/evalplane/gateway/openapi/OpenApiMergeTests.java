package dev.evalplane.gateway.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.evalplane.gateway.client.Upstream;

/** The merge of the gateway's and the services' OpenAPI documents, on small documents (no services needed). */
class OpenApiMergeTests {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ObjectNode doc(String json) throws Exception {
        return (ObjectNode) JSON.readTree(json.replace('\'', '"'));
    }

    @Test
    void servicePathsJoinOnlyWhenTheGatewayRoutesThemToThatService() throws Exception {
        ObjectNode gateway = doc("""
                {'openapi': '3.1.0', 'info': {'title': 'gw'}, 'paths': {
                  '/api/v1/{path}': {'get': {'responses': {}}}, '/api/2.0/mlflow/{path}': {'get': {'responses': {}}},
                  '/v1/traces': {'post': {'responses': {}}},
                  '/api/2.0/mlflow/experiments/get-by-name': {'get': {'responses': {'200': {'description': 'ok'}}}}}}""");
        ObjectNode trace = doc("""
                {'openapi': '3.1.0', 'paths': {
                  '/api/v1/traces/search': {'post': {'responses': {'200': {'description': 'page'}}}},
                  '/api/v1/evaluations/{run_id}/summary': {'get': {'responses': {}}},
                  '/api/v1/evaluations/summaries': {'post': {'responses': {}}},
                  '/api/v1/evaluations/{run_id}/links': {'post': {'responses': {}}},
                  '/v1/traces': {'post': {'summary': 'OTLP', 'responses': {}}}}}""");
        ObjectNode scorer = doc("""
                {'openapi': '3.1.0', 'paths': {'/api/v1/evaluations': {'post': {'responses': {}}},
                  '/api/v1/client-runs': {'post': {'responses': {}}},
                  '/api/v1/traces/search': {'post': {'summary': 'not the owner', 'responses': {}}}}}""");
        Map<Upstream, ObjectNode> services = new EnumMap<>(Upstream.class);
        services.put(Upstream.TRACE_SERVICE, trace);
        services.put(Upstream.SCORER_SERVICE, scorer);

        ObjectNode merged = OpenApiMerge.merge(gateway, services, List.of("cost-service"));

        assertThat(merged.path("paths").fieldNames()).toIterable().containsExactly(
                "/api/2.0/mlflow/experiments/get-by-name", "/api/v1/evaluations", "/api/v1/evaluations/{run_id}/summary",
                "/api/v1/traces/search", "/v1/traces");
        assertThat(merged.at("/paths/~1v1~1traces/post/summary").asText()).isEqualTo("OTLP");
        assertThat(merged.at("/paths/~1api~1v1~1traces~1search/post/x-evalplane-service").asText())
                .isEqualTo("trace-service");
        assertThat(merged.at("/info/description").asText()).contains("unreachable", "cost-service");
        assertThat(merged.at("/components/securitySchemes/bearer/scheme").asText()).isEqualTo("bearer");
        assertThat(gateway.path("paths").has("/api/v1/{path}")).as("the input is not modified").isTrue();
    }

    @Test
    void aComponentTwoServicesDefineDifferentlyIsKeptPerServiceWithItsReferences() throws Exception {
        ObjectNode gateway = doc("{'openapi': '3.1.0', 'info': {}, 'paths': {}}");
        ObjectNode trace = doc("""
                {'paths': {'/api/v1/traces/search': {'post': {'responses': {'400': {'$ref': '#/components/responses/BadRequest'},
                  '200': {'content': {'application/json': {'schema': {'$ref': '#/components/schemas/Problem'}}}}}}}},
                 'components': {'schemas': {'Problem': {'type': 'object', 'properties': {'position': {'type': 'integer'}}},
                                            'Same': {'type': 'string'}},
                                'responses': {'BadRequest': {'description': 'bad'}}}}""");
        ObjectNode cost = doc("""
                {'paths': {'/api/v1/prices': {'get': {'responses': {
                  '404': {'content': {'application/json': {'schema': {'$ref': '#/components/schemas/Problem'}}}}}}}},
                 'components': {'schemas': {'Problem': {'type': 'object'}, 'Same': {'type': 'string'}},
                                'responses': {'BadRequest': {'description': 'bad'}}}}""");
        Map<Upstream, ObjectNode> services = new EnumMap<>(Upstream.class);
        services.put(Upstream.TRACE_SERVICE, trace);
        services.put(Upstream.COST_SERVICE, cost);

        ObjectNode merged = OpenApiMerge.merge(gateway, services, List.of());

        assertThat(merged.at("/components/schemas").fieldNames()).toIterable()
                .containsExactlyInAnyOrder("Problem", "Same", "cost-service.Problem");
        assertThat(merged.at("/components/schemas/Problem/properties/position/type").asText()).isEqualTo("integer");
        assertThat(merged.at("/paths/~1api~1v1~1prices/get/responses/404/content/application~1json/schema/$ref")
                .asText()).isEqualTo("#/components/schemas/cost-service.Problem");
        assertThat(merged.at("/paths/~1api~1v1~1traces~1search/post/responses/200/content/application~1json/schema/$ref")
                .asText()).isEqualTo("#/components/schemas/Problem");
        assertThat(merged.at("/components/responses").size()).isEqualTo(1);
        assertThat(merged.at("/info/description").asText()).doesNotContain("unreachable");
    }
}
