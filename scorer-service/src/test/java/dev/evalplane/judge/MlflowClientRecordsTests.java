package dev.evalplane.judge;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.evalplane.testsupport.KafkaBrokerResource;
import dev.evalplane.testsupport.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;

/**
 * What scorer-service keeps for the MLflow client: its own runs (origin MLFLOW_CLIENT, in the same run list and view
 * as evalplane's runs, writable only through /api/v1/client-runs and only for client runs), and scorers it registered
 * (the serialized scorer kept verbatim, one scorer id per name, Python code scorers registered but refused by
 * evaluations with what to use instead).
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, parallel = true)
@WithTestResource(value = PostgresResource.class, parallel = true)
class MlflowClientRecordsTests {

    private static ValidatableResponse post(String path, String body) {
        return given().contentType(ContentType.JSON).body(body).post(path).then();
    }

    @Test
    void aClientRunIsCreatedWrittenAndShownNextToEvaluationRuns() {
        String exp = "client-" + UUID.randomUUID();
        String runId = post("/api/v1/client-runs", "{\"experiment_id\": \"" + exp + "\", \"name\": \"eval-1\","
                + " \"user_id\": \"ana\", \"start_time_ms\": 1700000000000, \"tags\": {\"mlflow.runName\": \"eval-1\"}}")
                .statusCode(201).header("Location", containsString("/api/v1/evaluations/"))
                .body("status", equalTo("RUNNING")).body("origin", equalTo("MLFLOW_CLIENT"))
                .body("created_at", equalTo("2023-11-14T22:13:20Z")).body("model", nullValue())
                .extract().path("run_id");

        post("/api/v1/client-runs/" + runId, "{\"metrics\": {\"correctness/mean\": 0.5}, \"params\": {\"k\": \"v\"},"
                + " \"tags\": {\"t\": \"1\", \"gone\": \"x\"}}").statusCode(200)
                .body("metrics.'correctness/mean'", equalTo(0.5f)).body("params.k", equalTo("v"));
        post("/api/v1/client-runs/" + runId, "{\"status\": \"COMPLETED\", \"deleted_tags\": [\"gone\"],"
                + " \"metrics\": {\"correctness/mean\": 0.75}}").statusCode(200)
                .body("status", equalTo("COMPLETED")).body("finished_at", notNullValue())
                .body("tags.gone", nullValue()).body("tags.t", equalTo("1"));

        given().get("/api/v1/evaluations/" + runId).then().statusCode(200)
                .body("origin", equalTo("MLFLOW_CLIENT")).body("name", equalTo("eval-1")).body("user_id", equalTo("ana"))
                .body("metrics.'correctness/mean'", equalTo(0.75f)).body("tags.'mlflow.runName'", equalTo("eval-1"));
        given().get("/api/v1/evaluations?experiment_id=" + exp).then().statusCode(200)
                .body("runs.run_id", hasItem(runId)).body("runs[0].origin", equalTo("MLFLOW_CLIENT"));
    }

    @Test
    void aClientCannotChangeAParamWriteAnEvaluationRunOrSendBadValues() {
        String runId = post("/api/v1/client-runs", "{\"experiment_id\": \"e\"}").statusCode(201).extract().path("run_id");
        post("/api/v1/client-runs/" + runId, "{\"params\": {\"k\": \"v\"}}").statusCode(200);
        post("/api/v1/client-runs/" + runId, "{\"params\": {\"k\": \"v\"}}").statusCode(200);
        post("/api/v1/client-runs/" + runId, "{\"params\": {\"k\": \"w\"}}").statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("detail", containsString("params cannot be changed once logged"));
        post("/api/v1/client-runs/" + runId, "{\"status\": \"DONE\"}").statusCode(400)
                .body("detail", containsString("status must be one of"));
        post("/api/v1/client-runs/" + runId, "{\"tags\": {\"" + "k".repeat(251) + "\": \"v\"}}").statusCode(400)
                .body("detail", containsString("at most 250"));
        post("/api/v1/client-runs", "{\"name\": \"no experiment\"}").statusCode(400)
                .body("detail", containsString("experiment_id is required"));
        post("/api/v1/client-runs", "[1]").statusCode(400);
        post("/api/v1/client-runs/nope", "{\"status\": \"FAILED\"}").statusCode(404);

        String evaluation = post("/api/v1/evaluations", "{\"experiment_id\": \"e\", \"scorers\": [{\"code\": {\"type\":"
                + " \"contains\", \"substring\": \"a\"}}], \"data\": [{\"inputs\": {\"q\": 1}, \"outputs\": \"a\"}]}")
                .statusCode(202).extract().path("run_id");
        post("/api/v1/client-runs/" + evaluation, "{\"metrics\": {\"x\": 1}}").statusCode(409)
                .body("detail", containsString("only its pipeline writes"));
        given().get("/api/v1/evaluations/" + evaluation).then().body("origin", equalTo("EVALPLANE"));
    }

    @Test
    void anMlflowScorerKeepsItsSerializedFormAndItsIdAcrossVersions() {
        String exp = "mlflow-scorers-" + UUID.randomUUID();
        String serialized = "{\"name\": \"polite\", \"instructions_judge_pydantic_data\": {\"instructions\": \"Is"
                + " {{ outputs }} polite?\"}, \"mlflow_version\": \"3.17.2\"}";
        String body = "{\"name\": \"polite\", \"scorer\": {\"judge\": {\"name\": \"polite\", \"instructions\": \"Is {{ outputs }}"
                + " polite?\"}}, \"mlflow_scorer\": " + quoted(serialized) + "}";
        String id = post("/api/v1/experiments/" + exp + "/scorers", body).statusCode(201)
                .body("mlflow_scorer", equalTo(serialized)).extract().path("scorer_id");
        post("/api/v1/experiments/" + exp + "/scorers", body).statusCode(201).body("version", equalTo(2))
                .body("scorer_id", equalTo(id));
        post("/api/v1/experiments/" + exp + "/scorers", "{\"name\": \"other\", \"scorer\": {\"builtin\": \"Safety\"}}")
                .statusCode(201).body("scorer_id", org.hamcrest.Matchers.not(equalTo(id)))
                .body("mlflow_scorer", nullValue());
        given().get("/api/v1/experiments/" + exp + "/scorers/polite?version=1").then().statusCode(200)
                .body("mlflow_scorer", equalTo(serialized)).body("scorer_id", equalTo(id));
    }

    @Test
    void aPythonCodeScorerRegistersButAnEvaluationSaysToUseARemoteScorer() {
        String exp = "python-" + UUID.randomUUID();
        post("/api/v1/experiments/" + exp + "/scorers", "{\"name\": \"short\", \"scorer\": {\"client_only\": {\"name\":"
                + " \"short\", \"mlflow_type\": \"python_code\"}}, \"mlflow_scorer\": \"{\\\"call_source\\\": \\\"return"
                + " len(outputs) < 100\\\"}\"}").statusCode(201).body("scorer.client_only.mlflow_type", equalTo("python_code"));
        post("/api/v1/experiments/" + exp + "/scorers", "{\"name\": \"bad\", \"scorer\": {\"client_only\": {\"name\": \"bad\"}}}")
                .statusCode(400).body("detail", containsString("mlflow_type"));

        post("/api/v1/evaluations", "{\"experiment_id\": \"" + exp + "\", \"scorers\": [{\"registered\": \"short\"}],"
                + " \"data\": [{\"inputs\": {\"q\": 1}, \"outputs\": \"a\"}]}").statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("detail", containsString("scorers[0]: scorer 'short' is a Python code scorer"))
                .body("detail", containsString("remote scorer instead: {\"remote\": {\"name\": \"short\""));
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
