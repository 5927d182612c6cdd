package dev.evalplane.cost.rest;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.evalplane.testsupport.HostileRequests;
import dev.evalplane.testsupport.KafkaBrokerResource;
import dev.evalplane.testsupport.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** The hostile request table against every route of cost-service's own OpenAPI document (issue 12 item 7). */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, parallel = true)
@WithTestResource(value = PostgresResource.class, parallel = true)
class HostileRequestsTests {

    @TestHTTPResource("/")
    URL base;

    @Test
    void noHostileRequestGetsA5xxOrAnAnswerWithoutAProblem() throws Exception {
        assertThat(HostileRequests.routes(base.toURI())).extracting(HostileRequests.Route::key)
                .contains("PUT /api/v1/prices/overrides/{model}", "POST /api/v1/prices/reprice", "GET /api/v1/prices");
        assertThat(HostileRequests.violations(base.toURI(), Map.of("model", "hostile-model"), Map.of(
                "POST /api/v1/prices/reprice", "{\"trace_ids\": [\"tr-0123456789abcdef0123456789abcdef\"]}",
                "PUT /api/v1/prices/overrides/{model}", """
                        {"input_cost_per_token": "0.000001", "output_cost_per_token": "0.000002",
                         "litellm_provider": "openai", "base_model": "gpt-4.1-mini"}"""))).isEmpty();
    }
}
