package dev.evalplane.trace;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.evalplane.events.Ids;
import dev.evalplane.testsupport.KafkaBrokerResource;
import dev.evalplane.testsupport.PostgresResource;
import dev.evalplane.trace.support.Spans;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;

/**
 * Trace writes that do not come from spans: a client's trace info before and after its root span (the root span
 * stays authoritative, tags and metadata merge, pipeline-derived metadata is dropped), tag edits, batch reads and
 * deletion.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, parallel = true)
@WithTestResource(value = PostgresResource.class, parallel = true)
class TraceEditTests {

    @Test
    void traceInfoBeforeTheRootSpanFillsTheTraceAndTheRootSpanWinsAfterwards() {
        String trace = Ids.newTraceId();
        long start = Spans.BASE_NS / 1_000_000L;
        given().contentType(ContentType.JSON).body(info("exp-info", start, Map.of("team", "a"),
                Map.of("mlflow.traceInputs", "{\"q\": 1}", "mlflow.trace.tokenUsage", "{\"input_tokens\": 999}")))
                .put("/api/v1/traces/" + trace + "/info").then().statusCode(200)
                .body("trace_id", equalTo(trace)).body("experiment_id", equalTo("exp-info")).body("state", equalTo("OK"))
                .body("tags.team", equalTo("a")).body("tags.'mlflow.trace.spansLocation'", equalTo("TRACKING_STORE"))
                .body("trace_metadata.'mlflow.traceInputs'", equalTo("{\"q\": 1}"))
                .body("trace_metadata.'mlflow.trace.tokenUsage'", nullValue())
                .body("request_preview", equalTo("client preview"));

        Spans.sendTrace(trace, "exp-info", 0, Map.of("from", "root"), null);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/v1/traces/" + trace).then()
                .statusCode(200).body("spans", hasSize(1)).body("info.tags.from", equalTo("root"))
                .body("info.tags.team", equalTo("a"))
                .body("info.request_preview", equalTo("{\"question\":\"what is " + trace + "?\"}")));
    }

    @Test
    void tagsAreSetAndDeletedWhereverTheyCameFrom() {
        String trace = Ids.newTraceId();
        Spans.sendTrace(trace, "exp-tags", 0, Map.of("env", "prod", "keep", "yes"), null);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> given().get("/api/v1/traces/" + trace).then()
                .statusCode(200));
        given().contentType(ContentType.JSON).body(Map.of("set", Map.of("reviewed", "true"), "delete", List.of("env")))
                .patch("/api/v1/traces/" + trace + "/tags").then().statusCode(200)
                .body("tags.reviewed", equalTo("true")).body("tags.env", nullValue()).body("tags.keep", equalTo("yes"));
        given().contentType(ContentType.JSON).body(Map.of("set", Map.of("a", "b")))
                .patch("/api/v1/traces/" + Ids.newTraceId() + "/tags").then().statusCode(404);
    }

    @Test
    void batchGetReturnsTheTracesThatExistAndDeleteRemovesThem() {
        String experiment = "exp-delete-" + Ids.newSpanId();
        List<String> traces = List.of(Ids.newTraceId(), Ids.newTraceId(), Ids.newTraceId());
        for (int i = 0; i < traces.size(); i++) {
            Spans.sendTrace(traces.get(i), experiment, i * 1000L, null, null);
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> traces.forEach(t -> given()
                .get("/api/v1/traces/" + t).then().statusCode(200)));
        String missing = Ids.newTraceId();
        given().contentType(ContentType.JSON).body(Map.of("trace_ids", List.of(traces.get(0), missing, traces.get(2))))
                .post("/api/v1/traces/batch-get").then().statusCode(200)
                .body("traces.info.trace_id", equalTo(List.of(traces.get(0), traces.get(2))))
                .body("traces[0].spans", hasSize(1));

        given().contentType(ContentType.JSON).body(Map.of("trace_ids", List.of(traces.get(0), missing)))
                .post("/api/v1/traces/delete").then().statusCode(200).body("deleted", equalTo(1));
        given().get("/api/v1/traces/" + traces.get(0)).then().statusCode(404);
        Map<String, Object> byTime = new HashMap<>(Map.of("experiment_id", experiment,
                "max_timestamp_ms", Spans.BASE_NS / 1_000_000L + 1500, "max_traces", 10));
        given().contentType(ContentType.JSON).body(byTime).post("/api/v1/traces/delete").then().statusCode(200)
                .body("deleted", equalTo(1));
        given().get("/api/v1/traces/" + traces.get(1)).then().statusCode(404);
        given().get("/api/v1/traces/" + traces.get(2)).then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("experiment_id", experiment))
                .post("/api/v1/traces/delete").then().statusCode(400);
    }

    /**
     * One batch read answers each trace exactly as reading it alone does (its own spans in start order, its own
     * assessments, cost metadata), in the order asked, once per id asked, whatever else the batch holds.
     */
    @Test
    void batchGetAnswersEachTraceAsReadingItAloneDoes() {
        String experiment = "exp-batch-" + Ids.newSpanId();
        List<String> traces = List.of(Ids.newTraceId(), Ids.newTraceId(), Ids.newTraceId());
        for (int t = 0; t < traces.size(); t++) {
            String trace = traces.get(t);
            String root = Ids.newSpanId();
            Spans.send(Spans.root(trace, root, experiment, t * 1000L, 100, Map.of("n", "" + t), null));
            for (int c = 0; c < t * 2; c++) {
                Spans.send(Spans.child(trace, Ids.newSpanId(), root, experiment, t * 1000L + 50 - c, null, null));
            }
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (int t = 0; t < traces.size(); t++) {
                given().get("/api/v1/traces/" + traces.get(t)).then().statusCode(200).body("spans", hasSize(1 + t * 2));
            }
        });
        given().contentType(ContentType.JSON).body(Map.of("name", "quality", "assessment_type", "FEEDBACK", "value", 1))
                .post("/api/v1/traces/" + traces.get(1) + "/assessments").then().statusCode(201);

        List<String> asked = List.of(traces.get(2), Ids.newTraceId(), traces.get(1), traces.get(0), traces.get(2));
        List<Map<String, Object>> batch = given().contentType(ContentType.JSON).body(Map.of("trace_ids", asked))
                .post("/api/v1/traces/batch-get").then().statusCode(200).extract().jsonPath().getList("traces");
        List<String> found = List.of(traces.get(2), traces.get(1), traces.get(0), traces.get(2));
        assertThat(batch).hasSize(found.size());
        for (int i = 0; i < found.size(); i++) {
            Map<String, Object> alone = given().get("/api/v1/traces/" + found.get(i)).then().statusCode(200).extract()
                    .jsonPath().getMap("");
            assertThat(batch.get(i)).as("trace %d of the batch", i).isEqualTo(alone);
        }
        assertThat(given().get("/api/v1/traces/" + traces.get(1)).then().extract().jsonPath()
                .getList("info.assessments")).hasSize(1);
    }

    private static Map<String, Object> info(String experiment, long requestTimeMs, Map<String, String> tags,
            Map<String, String> metadata) {
        Map<String, String> allTags = new HashMap<>(tags);
        allTags.put("mlflow.trace.spansLocation", "TRACKING_STORE");
        Map<String, Object> body = new HashMap<>();
        body.put("experiment_id", experiment);
        body.put("request_time_ms", requestTimeMs);
        body.put("execution_duration_ms", 100);
        body.put("state", "OK");
        body.put("request_preview", "client preview");
        body.put("tags", allTags);
        body.put("trace_metadata", metadata);
        return body;
    }
}
