package dev.evalplane.bench.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.evalplane.bench.Kafka;
import dev.evalplane.bench.support.TestStack;
import dev.evalplane.testsupport.KafkaBrokerResource;
import dev.evalplane.testsupport.LocalKafka;

/**
 * The Kafka broker stops (clean shutdown) while spans flow and comes back on the same port and data dir once the
 * services report it gone (not ready: their Kafka clients have no connection). The services are not touched: they must reconnect by themselves, and every span must end up stored and priced
 * exactly once, with exact trace costs and nothing in the dead-letter topic.
 */
class BrokerRestartIT {

    @Test
    void brokerRestartMidStreamLosesNothingAndCountsNothingTwice() throws Exception {
        TestStack stack = TestStack.get();
        SpanFlow flow = new SpanFlow("broker-restart", 300);
        LocalKafka broker = KafkaBrokerResource.broker();
        try (Kafka kafka = new Kafka()) {
            Thread sender = flow.start(kafka, 200);
            await().atMost(Duration.ofSeconds(30)).until(() -> flow.sent() >= 1000);
            broker.stop();
            int sentAtStop = flow.sent();
            FlowChecks.awaitOutageSeen(stack.services.traceService(), stack.services.costService());
            broker.start();
            System.out.printf("broker stopped after %d of %d spans were handed to the producer, back once the"
                    + " services reported the outage%n", sentAtStop, flow.spanCount());
            sender.join(120_000);
            assertThat(sentAtStop).as("stopped mid-stream").isLessThan(flow.spanCount());
        }
        FlowChecks.assertExactlyOnceEffect(flow, stack, Duration.ofSeconds(90));
        FlowChecks.assertReady(stack.services.traceService(), stack.services.costService(),
                stack.services.scorerService());
    }
}
