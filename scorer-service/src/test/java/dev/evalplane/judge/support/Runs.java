package dev.evalplane.judge.support;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

import dev.evalplane.events.MlflowKeys;
import dev.evalplane.events.Topics;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/** Starting runs over HTTP, waiting for them, and reading what they produced on Kafka. */
public final class Runs {

    public static String start(String body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/evaluations")
                .then().statusCode(202).extract().path("run_id");
    }

    /** The run's JSON once it left RUNNING (its Kafka sends were acked before that). */
    public static JsonPath awaitFinished(String runId) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(250)).until(() ->
                !"RUNNING".equals(given().get("/api/v1/evaluations/" + runId).then().statusCode(200)
                        .extract().path("status")));
        return given().get("/api/v1/evaluations/" + runId).then().statusCode(200).extract().jsonPath();
    }

    /** Spans on {@code spans} whose trace id is one of these. */
    public static List<TopicReader.Record> spans(List<String> traceIds) {
        return TopicReader.readAll(Topics.SPANS, r -> traceIds.contains(r.value().path("trace_id").asText()));
    }

    /** Assessments on {@code assessments} written by this run. */
    public static List<TopicReader.Record> assessments(String runId) {
        return TopicReader.readAll(Topics.ASSESSMENTS,
                r -> runId.equals(r.value().path("metadata").path(MlflowKeys.SOURCE_RUN_ID).asText()));
    }

    public static List<JsonNode> values(List<TopicReader.Record> records) {
        return records.stream().map(TopicReader.Record::value).collect(Collectors.toList());
    }

    private Runs() {
    }
}
