package dev.evalplane.judge.support;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;

import dev.evalplane.events.EventJson;
import dev.evalplane.events.MlflowKeys;
import dev.evalplane.events.Topics;
import dev.evalplane.testsupport.TopicClient;
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

    /** A record read back from a topic, its value parsed as JSON. */
    public record Record(String key, JsonNode value) {
    }

    /** Spans on {@code spans} whose trace id is one of these. */
    public static List<Record> spans(List<String> traceIds) {
        return read(Topics.SPANS, r -> traceIds.contains(r.value().path("trace_id").asText()));
    }

    /** Assessments on {@code assessments} written by this run. */
    public static List<Record> assessments(String runId) {
        return read(Topics.ASSESSMENTS,
                r -> runId.equals(r.value().path("metadata").path(MlflowKeys.SOURCE_RUN_ID).asText()));
    }

    public static List<JsonNode> values(List<Record> records) {
        return records.stream().map(Record::value).collect(Collectors.toList());
    }

    /** The topic's records up to its end now: the run has finished and its sends were acked, so all it wrote is there. */
    private static List<Record> read(String topic, Predicate<Record> filter) {
        return TopicClient.onTestBroker().readToEnd(topic).stream().map(r -> new Record(r.key(), parse(r.value())))
                .filter(filter).toList();
    }

    private static JsonNode parse(String value) {
        try {
            return EventJson.mapper().readTree(value);
        } catch (IOException e) {
            throw new AssertionError("not JSON on the topic: " + value, e);
        }
    }

    private Runs() {
    }
}
