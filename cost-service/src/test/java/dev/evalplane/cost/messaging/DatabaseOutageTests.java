package dev.evalplane.cost.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.evalplane.cost.Spans;
import dev.evalplane.cost.TraceCosts;
import dev.evalplane.events.Ids;
import dev.evalplane.events.SpanEvent;
import dev.evalplane.events.Topics;
import dev.evalplane.events.TraceCostEvent;
import dev.evalplane.testsupport.KafkaBrokerResource;
import dev.evalplane.testsupport.LocalPostgres;
import dev.evalplane.testsupport.PostgresResource;
import dev.evalplane.testsupport.TopicClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The batch-with-DLQ policy (README): a transient failure is retried until it passes, never dead-lettered. The
 * consumer used to give up after six tries (about 11 s) and send the batch's records to spans-dlq one by one; an
 * outage longer than that must now cost nothing but time.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, parallel = true)
@WithTestResource(value = PostgresResource.class, parallel = true)
class DatabaseOutageTests {

    /** Longer than the old give-up (200 ms doubling to 5 s, six tries: about 11 s). */
    private static final Duration OUTAGE = Duration.ofSeconds(15);

    private final TopicClient kafka = TopicClient.onTestBroker();

    @Test
    void spansSentDuringALongDatabaseOutageArePricedAfterItAndNoneIsDeadLettered() throws InterruptedException {
        String trace = Ids.newTraceId();
        SpanEvent first = Spans.llm(trace, Ids.newSpanId(), "0000000000000001", "openai", "gpt-4.1-mini",
                Spans.usage(1200, 300, 1000, 0, 120));
        SpanEvent second = Spans.llm(trace, Ids.newSpanId(), "0000000000000001", "openai", "gpt-4.1-mini",
                Spans.usage(1200, 300, 1000, 0, 120));
        LocalPostgres postgres = PostgresResource.server();
        postgres.stop();
        try {
            kafka.send(Topics.SPANS, trace, Spans.json(first));
            kafka.send(Topics.SPANS, trace, Spans.json(second));
            Thread.sleep(OUTAGE.toMillis()); // the fault itself: the database stays down this long
        } finally {
            postgres.start();
        }

        TraceCostEvent cost = TraceCosts.latest(new TraceCosts(kafka).awaitEach(List.of(trace),
                e -> e.spans().size() == 2, Duration.ofSeconds(90))).get(trace);
        assertThat(cost.totalCost()).isEqualByComparingTo(new BigDecimal("0.00132"));
        String marker = kafka.keyOnPartitionOf(Topics.SPANS, trace, Ids::newTraceId);
        kafka.send(Topics.SPANS, marker, Spans.json(Spans.llm(marker, Ids.newSpanId(), "0000000000000001", "openai",
                "gpt-4.1-mini", Spans.usage(1200, 300, 1000, 0, 120))));
        new TraceCosts(kafka).awaitEach(List.of(marker), e -> true, Duration.ofSeconds(60));
        assertThat(kafka.readUntil(Topics.deadLetter(Topics.SPANS), read -> false, Duration.ofSeconds(3)))
                .as("nothing of the outage's trace on spans-dlq").noneMatch(r -> trace.equals(r.key()));
    }
}
