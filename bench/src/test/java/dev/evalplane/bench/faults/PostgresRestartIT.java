package dev.evalplane.bench.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.evalplane.bench.Kafka;
import dev.evalplane.bench.support.TestStack;
import dev.evalplane.testsupport.LocalPostgres;
import dev.evalplane.testsupport.PostgresResource;

/**
 * PostgreSQL stops (fast shutdown: open connections are cut) while spans flow and starts again on the same port and
 * data once the services report it gone (not ready: their pools have no connection). The services keep running:
 * their consumers must retry, not dead-letter, and every span must end up stored and priced exactly once, with exact
 * trace costs.
 */
class PostgresRestartIT {

    @Test
    void databaseRestartMidStreamLosesNothingAndCountsNothingTwice() throws Exception {
        TestStack stack = TestStack.get();
        SpanFlow flow = new SpanFlow("postgres-restart", 300);
        LocalPostgres postgres = PostgresResource.server();
        try (Kafka kafka = new Kafka()) {
            Thread sender = flow.start(kafka, 200);
            await().atMost(Duration.ofSeconds(30)).until(() -> flow.sent() >= 1000);
            postgres.stop();
            int sentAtStop = flow.sent();
            FlowChecks.awaitOutageSeen(stack.services.traceService(), stack.services.costService());
            postgres.start();
            System.out.printf("PostgreSQL stopped after %d of %d spans were sent, back once the services reported the"
                    + " outage%n", sentAtStop, flow.spanCount());
            sender.join(120_000);
            assertThat(sentAtStop).as("stopped mid-stream").isLessThan(flow.spanCount());
        }
        FlowChecks.assertExactlyOnceEffect(flow, stack, Duration.ofSeconds(90));
        FlowChecks.assertReady(stack.services.traceService(), stack.services.costService(),
                stack.services.scorerService());
    }
}
