package dev.evalplane.bench.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import dev.evalplane.bench.Http;
import dev.evalplane.bench.Kafka;
import dev.evalplane.bench.Sql;
import dev.evalplane.bench.support.TestStack;
import dev.evalplane.events.Topics;
import dev.evalplane.testsupport.ServiceProcess;

/** The end state a fault must not change: everything stored and priced exactly once, nothing dead-lettered. */
public final class FlowChecks {

    static void assertExactlyOnceEffect(SpanFlow flow, TestStack stack, Duration within) {
        var expected = flow.expectedCosts(stack.rate("gpt-4.1-mini", "input_cost_per_token"),
                stack.rate("gpt-4.1-mini", "output_cost_per_token"));
        try (Sql sql = Sql.open()) {
            long start = System.nanoTime();
            await().atMost(within).pollInterval(Duration.ofMillis(500)).ignoreExceptions().untilAsserted(() -> {
                assertThat(flow.storedSpans(sql)).as("spans stored by trace-service").isEqualTo(flow.spanCount());
                assertThat(flow.pricedSpans(sql)).as("LLM spans priced by cost-service").isEqualTo(flow.llmCount());
                assertThat(SpanFlow.normalised(flow.storedCosts(sql))).as("trace costs stored by trace-service")
                        .isEqualTo(expected);
            });
            System.out.printf("%s: all %d spans stored, %d priced, %d trace costs exact %.1f s after the last send%n",
                    flow, flow.spanCount(), flow.llmCount(), expected.size(), (System.nanoTime() - start) / 1e9);
        }
        Set<String> ours = new HashSet<>(flow.traceIds());
        List<ConsumerRecord<String, String>> dead = Kafka.readToEnd(Topics.deadLetter(Topics.SPANS))
                .stream().filter(r -> ours.contains(r.key())).toList();
        assertThat(dead).as("spans of this flow in the dead-letter topic").isEmpty();
    }

    static void assertReady(ServiceProcess... services) {
        for (ServiceProcess service : services) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                    .until(() -> Http.get(service.url("/q/health/ready")).status() == 200);
        }
    }

    /**
     * Waits (at most 60 s) until every service reports itself not ready: the outage has reached them (a dropped
     * PostgreSQL pool, Kafka clients with no connection), so restarting the dependency after this tests recovery,
     * not a blip nobody saw.
     */
    public static void awaitOutageSeen(ServiceProcess... services) {
        for (ServiceProcess service : services) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .until(() -> Http.get(service.url("/q/health/ready")).status() == 503);
        }
    }

    private FlowChecks() {
    }
}
