package dev.evalplane.cost.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.evalplane.cost.TraceCosts;
import dev.evalplane.events.CostStatus;
import dev.evalplane.events.Ids;
import dev.evalplane.events.TraceCostEvent;
import dev.evalplane.testsupport.KafkaBrokerResource;
import dev.evalplane.testsupport.PostgresResource;
import dev.evalplane.testsupport.TopicClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The outbox: an aggregate committed but not published (a crash in between) is published once, after a restart; and
 * publications queued behind each other put a trace's versions on the topic in increasing order.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, parallel = true)
@WithTestResource(value = PostgresResource.class, parallel = true)
class TraceCostPublisherTests {

    @Inject
    TraceCostPublisher publisher;

    @Inject
    Pool pool;

    @Inject
    ObjectMapper json;

    @Test
    void committedButUnpublishedAggregateIsPublishedAtRestartAndMarked() throws Exception {
        String trace = Ids.newTraceId();
        TraceCostEvent stored = new TraceCostEvent(1, trace, 3, 10, 5, 15, 0, 0, 0, null, null, null,
                CostStatus.UNPRICED, List.of("mystery"), List.of(), "evalplane-2026-11-24", Instant.parse(
                        "2026-11-26T20:00:00Z"));
        pool.preparedQuery("INSERT INTO costs.trace_cost_versions (trace_id, version, content_hash, event,"
                + " published_version) VALUES ($1, 3, 'h', $2, 2)")
                .execute(Tuple.of(trace, json.writeValueAsString(stored))).await().atMost(Duration.ofSeconds(10));

        int published = publisher.publishAllPending().await().atMost(Duration.ofSeconds(30));
        assertThat(published).isGreaterThanOrEqualTo(1);

        TraceCostEvent onTopic = TraceCosts.latest(new TraceCosts(TopicClient.onTestBroker()).awaitEach(List.of(trace),
                e -> true, Duration.ofSeconds(30))).get(trace);
        assertThat(onTopic).isEqualTo(stored);
        Long mark = pool.preparedQuery("SELECT published_version FROM costs.trace_cost_versions WHERE trace_id = $1")
                .execute(Tuple.of(trace)).await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0);
        assertThat(mark).isEqualTo(3L);
        assertThat(publisher.publishPending(List.of(trace)).await().atMost(Duration.ofSeconds(10))).isZero();
    }

    /**
     * Thirty versions of five traces, each stored and queued for publication right after the last (the span consumer's
     * way: {@code publishBehind}, waiting only for room): every publication is one burst of the five traces' latest
     * versions, sent while the next versions are stored. On the topic each trace's versions must strictly increase
     * (a version may be skipped, when a later one was stored before its publication ran) up to the last one, and every
     * row ends marked with its last version.
     */
    @Test
    void versionsQueuedBehindEachOtherReachTheTopicInIncreasingOrder() throws Exception {
        List<String> traces = new ArrayList<>();
        for (int t = 0; t < 5; t++) {
            traces.add(Ids.newTraceId());
        }
        int last = 30;
        for (int version = 1; version <= last; version++) {
            for (String trace : traces) {
                pool.preparedQuery("INSERT INTO costs.trace_cost_versions (trace_id, version, content_hash, event)"
                        + " VALUES ($1, $2, 'h', $3) ON CONFLICT (trace_id) DO UPDATE"
                        + " SET version = excluded.version, event = excluded.event")
                        .execute(Tuple.of(trace, (long) version, json.writeValueAsString(event(trace, version))))
                        .await().atMost(Duration.ofSeconds(10));
            }
            publisher.publishBehind(traces).await().atMost(Duration.ofSeconds(30));
        }

        Map<String, List<TraceCostEvent>> onTopic = new TraceCosts(TopicClient.onTestBroker()).awaitEach(traces,
                e -> e.version() == last, Duration.ofSeconds(60));
        for (String trace : traces) {
            List<Long> versions = onTopic.get(trace).stream().map(TraceCostEvent::version).toList();
            assertThat(versions).as("versions of %s in topic order", trace).isSortedAccordingTo(Long::compare)
                    .doesNotHaveDuplicates().endsWith((long) last);
        }
        for (String trace : traces) {
            await().atMost(Duration.ofSeconds(30)).until(() -> pool.preparedQuery(
                    "SELECT published_version FROM costs.trace_cost_versions WHERE trace_id = $1")
                    .execute(Tuple.of(trace)).await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0)
                    == last);
        }
    }

    private static TraceCostEvent event(String trace, long version) {
        return new TraceCostEvent(1, trace, version, 10 * version, 5, 15, 0, 0, 0, null, null, null,
                CostStatus.UNPRICED, List.of("mystery"), List.of(), "evalplane-2026-11-24",
                Instant.parse("2026-11-26T20:00:00Z"));
    }
}
