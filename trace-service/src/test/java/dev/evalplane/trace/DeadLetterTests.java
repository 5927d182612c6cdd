package dev.evalplane.trace;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.hasSize;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.TextNode;

import dev.evalplane.events.CostStatus;
import dev.evalplane.events.Ids;
import dev.evalplane.events.SpanEvent;
import dev.evalplane.events.Topics;
import dev.evalplane.testsupport.KafkaBrokerResource;
import dev.evalplane.testsupport.PostgresResource;
import dev.evalplane.testsupport.TopicClient;
import dev.evalplane.trace.support.Events;
import dev.evalplane.trace.support.Spans;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Poison records land on the topic's -dlq as they were, with the reason, and the records after them are stored; a NUL
 * in a span is no poison (stored as U+FFFD).
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, parallel = true)
@WithTestResource(value = PostgresResource.class, parallel = true)
class DeadLetterTests {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void badSpanRecordsGoToTheDlqAndConsumptionContinues() {
        String traceId = Ids.newTraceId();
        String notJson = "{\"trace_id\": \"" + traceId + "\", broken";
        SpanEvent good = Spans.root(traceId, Ids.newSpanId(), "exp-dlq", 0, 10, null, null);
        String missingSpanId = Events.json(good).replace("\"span_id\":\"" + good.spanId() + "\"", "\"span_id\":null");
        String nulInName = Events.json(Spans.child(traceId, Ids.newSpanId(), good.spanId(), "exp-dlq", 1, null, null))
                .replace("\"name\":\"step-", "\"name\":\"nul\\u0000-");
        TopicClient.onTestBroker().send(Topics.SPANS, traceId, notJson);
        TopicClient.onTestBroker().send(Topics.SPANS, traceId, missingSpanId);
        TopicClient.onTestBroker().send(Topics.SPANS, traceId, nulInName);
        Spans.send(good);

        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/traces/" + traceId).then().statusCode(200)
                .body("spans", hasSize(2)).body("spans.name", org.hamcrest.Matchers.hasItem(
                        org.hamcrest.Matchers.startsWith("nul\uFFFD-"))));
        await().atMost(WAIT).untilAsserted(() -> {
            List<ConsumerRecord<String, String>> dead = deadLetters(Topics.SPANS, traceId);
            assertThat(dead).extracting(ConsumerRecord::value).containsExactly(notJson, missingSpanId);
            assertThat(header(dead.get(0), "dead-letter-reason")).get().asString().contains("not a valid SpanEvent JSON document");
            assertThat(header(dead.get(1), "dead-letter-reason")).get().asString().contains("span_id must be 16 hex characters");
            assertThat(header(dead.get(0), "dead-letter-topic")).contains(Topics.SPANS);
        });
    }

    /**
     * The spans channel takes keys as bytes: a poison record is on spans-dlq with its own key bytes (here not UTF-8,
     * which a String key would have turned into U+FFFD) and value bytes, a record without key stays without one, and a
     * good span without key is stored.
     */
    @Test
    void poisonSpanRecordsKeepTheirKeyBytesOnTheDlqAndSpansWithoutKeyAreStored() {
        String traceId = Ids.newTraceId();
        byte[] notUtf8Key = ("tr-\u00ff" + traceId).getBytes(StandardCharsets.ISO_8859_1);
        byte[] notJson = ("{\"trace_id\": \"" + traceId + "\", broken").getBytes(StandardCharsets.UTF_8);
        byte[] notJsonWithoutKey = ("{\"trace_id\": \"" + traceId + "\", also broken").getBytes(StandardCharsets.UTF_8);
        SpanEvent withoutKey = Spans.root(traceId, Ids.newSpanId(), "exp-dlq", 0, 10, null, null);
        TopicClient kafka = TopicClient.onTestBroker();
        kafka.sendBytes(Topics.SPANS, notUtf8Key, notJson);
        kafka.sendBytes(Topics.SPANS, null, notJsonWithoutKey);
        kafka.sendBytes(Topics.SPANS, null, Events.json(withoutKey).getBytes(StandardCharsets.UTF_8));

        await().atMost(WAIT).untilAsserted(() -> {
            List<ConsumerRecord<byte[], byte[]>> dead = kafka.readBytesToEnd(Topics.deadLetter(Topics.SPANS));
            assertThat(dead).filteredOn(r -> Arrays.equals(r.value(), notJson)).singleElement()
                    .satisfies(r -> assertThat(r.key()).isEqualTo(notUtf8Key));
            assertThat(dead).filteredOn(r -> Arrays.equals(r.value(), notJsonWithoutKey)).singleElement()
                    .satisfies(r -> assertThat(r.key()).isNull());
        });
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/traces/" + traceId).then().statusCode(200)
                .body("spans", hasSize(1)).body("spans[0].span_id", org.hamcrest.Matchers.equalTo(withoutKey.spanId())));
    }

    @Test
    void badAssessmentAndCostRecordsGoToTheirDlqs() {
        String traceId = Ids.newTraceId();
        Spans.sendTrace(traceId, "exp-dlq", 0, null, null);
        String noName = Events.json(Events.humanFeedback(traceId, "rating", TextNode.valueOf("good")))
                .replace("\"name\":\"rating\",", "");
        TopicClient.onTestBroker().send(Topics.ASSESSMENTS, traceId, noName);
        TopicClient.onTestBroker().send(Topics.ASSESSMENTS, traceId, "[]");
        Events.send(Events.humanFeedback(traceId, "rating", TextNode.valueOf("good")));

        String badTrace = Events.json(Events.cost(traceId, 1, 1, 1, "0.1", CostStatus.PRICED))
                .replace(traceId, "tr-not-hex");
        TopicClient.onTestBroker().send(Topics.TRACE_COSTS, traceId, badTrace);
        Events.send(Events.cost(traceId, 1, 3, 4, "0.25", CostStatus.PRICED));

        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/traces/" + traceId).then().statusCode(200)
                .body("info.assessments", hasSize(1))
                .body("info.trace_metadata.'mlflow.trace.cost'", org.hamcrest.Matchers.containsString("0.25")));
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(deadLetters(Topics.ASSESSMENTS, traceId)).extracting(ConsumerRecord::value)
                    .containsExactly(noName, "[]");
            List<ConsumerRecord<String, String>> costs = deadLetters(Topics.TRACE_COSTS, traceId);
            assertThat(costs).extracting(ConsumerRecord::value).containsExactly(badTrace);
            assertThat(header(costs.get(0), "dead-letter-reason")).get().asString().contains("trace_id must be");
        });
    }

    private static List<ConsumerRecord<String, String>> deadLetters(String topic, String key) {
        return TopicClient.onTestBroker().readToEnd(Topics.deadLetter(topic)).stream()
                .filter(r -> key.equals(r.key())).toList();
    }

    private static Optional<String> header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return Optional.ofNullable(header).map(h -> new String(h.value(), StandardCharsets.UTF_8));
    }
}
