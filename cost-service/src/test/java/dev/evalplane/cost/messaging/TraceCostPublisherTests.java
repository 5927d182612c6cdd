package dev.evalplane.cost.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

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

/** The outbox: an aggregate committed but not published (a crash in between) is published once, after a restart. */
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
}
