package dev.evalplane.judge;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import org.junit.jupiter.api.Test;

import dev.evalplane.testsupport.KafkaBrokerResource;
import dev.evalplane.testsupport.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** scorer-service's {@code /q/openapi} describes the real request and response bodies, in their JSON names. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, parallel = true)
@WithTestResource(value = PostgresResource.class, parallel = true)
class OpenApiDocumentTests {

    @Test
    void theEvaluationRoutesNameTheirBodies() {
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body("paths.'/api/v1/evaluations'.post.requestBody.content.'application/json'.schema.'$ref'",
                        endsWith("/EvaluationRequest"))
                .body("paths.'/api/v1/evaluations'.get.responses.'200'.content.'application/json'.schema.'$ref'",
                        endsWith("/EvaluationRunList"))
                .body("paths.'/api/v1/evaluations/{run_id}'.get.responses.'200'.content.'application/json'.schema.'$ref'",
                        endsWith("/EvaluationRun"))
                .body("components.schemas.EvaluationRequest.properties.keySet()",
                        hasItems("experiment_id", "data", "trace_ids", "filter_string", "scorers", "max_concurrency",
                                "budget_usd"))
                .body("components.schemas.EvaluationRequest.properties", not(hasKey("traceIds")))
                .body("components.schemas.EvaluationRun.properties.keySet()",
                        hasItems("run_id", "status", "status_message", "judge_cost", "metrics", "rows_done", "origin"))
                .body("components.schemas.ScorerSpec.properties.keySet()",
                        hasItems("builtin", "judge", "code", "remote", "registered", "aggregations"))
                .body("components.schemas.RegisteredScorer.properties.keySet()",
                        hasItems("name", "version", "scorer", "scorer_id", "created_at"));
    }

    @Test
    void theOnlineScoringRoutesNameTheRecordsTheyBind() {
        String scorer = "paths.'/api/v1/experiments/{experiment_id}/scorers/{name}";
        given().get("/q/openapi?format=json").then().statusCode(200)
                .body(scorer + "/start'.post.requestBody.content.'application/json'.schema.'$ref'",
                        endsWith("/OnlineScoringStart"))
                .body(scorer + "/update'.post.requestBody.content.'application/json'.schema.'$ref'",
                        endsWith("/OnlineScoringUpdate"))
                .body("components.schemas.OnlineScoringStart.properties.keySet()",
                        hasItems("sample_rate", "filter_string", "daily_budget_usd", "scorer_version", "backfill_hours"))
                .body("components.schemas.OnlineScoringUpdate.properties.keySet()",
                        hasItems("sample_rate", "filter_string", "daily_budget_usd", "scorer_version"))
                .body("components.schemas.OnlineScoringUpdate.properties", not(hasKey("backfill_hours")))
                .body("components.schemas.OnlineScoringUpdate.properties.filter_string.maxLength", equalTo(2000))
                .body("components.schemas.OnlineScoringUpdate.properties.filter_string.toString()",
                        not(containsString("present")));
    }
}
