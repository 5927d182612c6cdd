package dev.evalplane.judge;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.evalplane.judge.support.FakeLlm;
import dev.evalplane.testsupport.HostileRequests;
import dev.evalplane.testsupport.KafkaBrokerResource;
import dev.evalplane.testsupport.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** The hostile request table against every route of scorer-service's own OpenAPI document (issue 12 item 7). */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, parallel = true)
@WithTestResource(value = PostgresResource.class, parallel = true)
class HostileRequestsTests {

    @TestHTTPResource("/")
    URL base;

    @Test
    void noHostileRequestGetsA5xxOrAnAnswerWithoutAProblem() throws Exception {
        FakeLlm.get();
        assertThat(HostileRequests.routes(base.toURI())).extracting(HostileRequests.Route::key)
                .contains("POST /api/v1/evaluations", "GET /api/v1/evaluations/{run_id}");
        assertThat(HostileRequests.violations(base.toURI(), Map.of("run_id", "run-missing", "experiment_id", "exp-hostile",
                "name", "hostile_judge"), Map.of(
                "POST /api/v1/evaluations", """
                        {"experiment_id": "exp-hostile", "name": "hostile",
                         "data": [{"inputs": {"question": "2+2?"}, "outputs": "4", "expectations": {"expected_response": "4"}}],
                         "scorers": [{"code": {"type": "exact_match"}}], "max_concurrency": 2}""",
                "POST /api/v1/experiments/{experiment_id}/scorers", """
                        {"name": "hostile_judge", "description": "a judge",
                         "scorer": {"judge": {"name": "hostile_judge", "instructions": "Is {{ outputs }} polite?"}}}"""
                ))).isEmpty();
    }
}
