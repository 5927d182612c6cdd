package dev.evalplane.trace;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.evalplane.events.Ids;
import dev.evalplane.events.SpanEvent;
import dev.evalplane.events.StorableSpan;
import dev.evalplane.events.Topics;
import dev.evalplane.testsupport.KafkaBrokerResource;
import dev.evalplane.testsupport.PostgresResource;
import dev.evalplane.testsupport.TopicClient;
import dev.evalplane.trace.service.ReceivedSpan;
import dev.evalplane.trace.service.SpanIngestService;
import dev.evalplane.trace.support.Spans;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * A batch is inserted, and written again as upserts only when it holds a span stored before (SpanRepository): a
 * redelivered span still overwrites itself, in a batch of its own or among new spans, never goes to spans-dlq, and of a
 * span sent twice in one batch the later copy wins.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, parallel = true)
@WithTestResource(value = PostgresResource.class, parallel = true)
class SpanRedeliveryTests {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    SpanIngestService ingest;

    @Test
    void aRedeliveredSpanOverwritesItselfAndIsNotDeadLettered() {
        String traceId = Ids.newTraceId();
        SpanEvent root = Spans.root(traceId, Ids.newSpanId(), "exp-redelivery", 0, 100, null, null);
        SpanEvent child = Spans.child(traceId, Ids.newSpanId(), root.spanId(), "exp-redelivery", 10, null, null);
        Spans.send(root);
        Spans.send(child);
        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/traces/" + traceId).then().statusCode(200)
                .body("spans.name", containsInAnyOrder("agent", child.name())));

        // the same child again with another name (a producer's retry), then a new span of the trace
        Spans.send(renamed(child, "retried"));
        SpanEvent last = Spans.child(traceId, Ids.newSpanId(), root.spanId(), "exp-redelivery", 20, null, null);
        Spans.send(last);

        await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/traces/" + traceId).then().statusCode(200)
                .body("spans.span_id", contains(root.spanId(), child.spanId(), last.spanId()))
                .body("spans.name", contains("agent", "retried", last.name())));
        assertThat(TopicClient.onTestBroker().readToEnd(Topics.deadLetter(Topics.SPANS)))
                .noneMatch(r -> traceId.equals(r.key()));
    }

    @Test
    void aBatchMixingStoredAndNewSpansStoresEachOnceWithItsLatestCopy() {
        String traceId = Ids.newTraceId();
        SpanEvent root = Spans.root(traceId, Ids.newSpanId(), "exp-redelivery", 0, 100, null, null);
        SpanEvent stored = Spans.child(traceId, Ids.newSpanId(), root.spanId(), "exp-redelivery", 10, null, null);
        store(root, stored);

        SpanEvent fresh = Spans.child(traceId, Ids.newSpanId(), root.spanId(), "exp-redelivery", 20, null, null);
        store(renamed(fresh, "first copy"), renamed(stored, "overwritten"), renamed(fresh, "second copy"));

        given().get("/api/v1/traces/" + traceId).then().statusCode(200)
                .body("spans.span_id", contains(root.spanId(), stored.spanId(), fresh.spanId()))
                .body("spans.name", contains("agent", "overwritten", "second copy"))
                .body("info.execution_duration_ms", equalTo(100));
    }

    @Test
    void ofASpanSentTwiceInANewBatchTheLaterCopyWins() {
        String traceId = Ids.newTraceId();
        SpanEvent root = Spans.root(traceId, Ids.newSpanId(), "exp-redelivery", 0, 100, null, null);
        store(renamed(root, "earlier"), root, renamed(root, "later"));

        given().get("/api/v1/traces/" + traceId).then().statusCode(200)
                .body("spans.span_id", contains(root.spanId()))
                .body("spans.name", contains("later"));
    }

    /** Stores the spans as one batch of the span consumer (no pipeline mark). */
    private void store(SpanEvent... spans) {
        List<ReceivedSpan> batch = List.of(spans).stream()
                .map(span -> new ReceivedSpan(StorableSpan.of(span), false)).toList();
        ingest.ingest(batch).await().atMost(WAIT);
    }

    private static SpanEvent renamed(SpanEvent s, String name) {
        return new SpanEvent(s.schemaVersion(), s.traceId(), s.spanId(), s.parentSpanId(), name, s.spanType(),
                s.startTimeNs(), s.endTimeNs(), s.status(), s.attributes(), s.inputs(), s.outputs(), s.events(),
                s.experimentId(), s.traceTags(), s.traceMetadata(), s.llm());
    }
}
