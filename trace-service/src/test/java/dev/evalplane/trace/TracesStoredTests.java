package dev.evalplane.trace;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.evalplane.events.EventJson;
import dev.evalplane.events.Ids;
import dev.evalplane.events.MlflowKeys;
import dev.evalplane.events.SpanEvent;
import dev.evalplane.events.Topics;
import dev.evalplane.events.TraceStoredEvent;
import dev.evalplane.testsupport.KafkaBrokerResource;
import dev.evalplane.testsupport.PostgresResource;
import dev.evalplane.testsupport.TopicClient;
import dev.evalplane.testsupport.TopicTail;
import dev.evalplane.trace.support.Spans;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * Each stored ended root span is announced on {@code traces-stored} once its batch is committed: the trace is readable
 * when the announcement arrives, a judge trace says so, a root span without experiment is announced in the default
 * one; child spans and root spans still running are not announced, and a root span stored again is announced again.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, parallel = true)
@WithTestResource(value = PostgresResource.class, parallel = true)
class TracesStoredTests {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void storedEndedRootSpansAreAnnouncedAfterTheyAreReadable() throws Exception {
        String app = Ids.newTraceId();
        String judge = Ids.newTraceId();
        String noExperiment = Ids.newTraceId();
        String childOnly = Ids.newTraceId();
        String running = Ids.newTraceId();
        SpanEvent root = Spans.root(app, Ids.newSpanId(), "exp-stored", 0, 100, null, null);
        SpanEvent open = Spans.root(running, Ids.newSpanId(), "exp-stored", 0, 100, null, null);
        try (TopicTail tail = TopicClient.onTestBroker().tail(Topics.TRACES_STORED)) {
            Instant before = Instant.now();
            Spans.sendUnmarked(Spans.child(app, Ids.newSpanId(), root.spanId(), "exp-stored", 1, null, null));
            Spans.sendUnmarked(root);
            Spans.send(Spans.root(judge, Ids.newSpanId(), "exp-stored", 0, 100,
                    Map.of(MlflowKeys.SOURCE_SCORER_TAG, "polite"), null));
            Spans.sendUnmarked(Spans.root(noExperiment, Ids.newSpanId(), null, 0, 100, null, null));
            Spans.sendUnmarked(Spans.child(childOnly, Ids.newSpanId(), Ids.newSpanId(), "exp-stored", 1, null, null));
            Spans.sendUnmarked(new SpanEvent(open.schemaVersion(), open.traceId(), open.spanId(), null, open.name(),
                    open.spanType(), open.startTimeNs(), 0, open.status(), open.attributes(), open.inputs(),
                    open.outputs(), open.events(), open.experimentId(), null, null, null));

            TraceStoredEvent announced = event(tail.await(app, 1, WAIT).get(0));
            given().get("/api/v1/traces/" + app).then().statusCode(200);
            assertThat(announced.experimentId()).isEqualTo("exp-stored");
            assertThat(announced.rootEndTimeNs()).isEqualTo(root.endTimeNs());
            assertThat(announced.judgeTrace()).isFalse();
            assertThat(announced.storedAt()).isAfterOrEqualTo(before.minusMillis(1)).isBeforeOrEqualTo(Instant.now());
            assertThat(event(tail.await(judge, 1, WAIT).get(0)).judgeTrace()).as("a judge trace says so").isTrue();
            assertThat(event(tail.await(noExperiment, 1, WAIT).get(0)).experimentId()).isEqualTo("0");

            // the running root and the child-only trace are stored (readable), and were not announced (each may be on
            // a partition of the other span consumer, so it is awaited, not assumed stored with the ones announced)
            org.awaitility.Awaitility.await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/traces/" + running)
                    .then().statusCode(200));
            org.awaitility.Awaitility.await().atMost(WAIT).untilAsserted(() -> given().get("/api/v1/traces/" + childOnly)
                    .then().statusCode(200));
            tail.poll();
            assertThat(tail.keyed(running)).isEmpty();
            assertThat(tail.keyed(childOnly)).isEmpty();

            Spans.sendUnmarked(root);
            List<JsonNode> again = tail.await(app, 2, WAIT);
            assertThat(again).as("a root span stored again is announced again (consumers are idempotent)").hasSize(2);
        }
    }

    private static TraceStoredEvent event(JsonNode json) throws Exception {
        return TraceStoredEvent.read(EventJson.mapper().writeValueAsBytes(json));
    }
}
