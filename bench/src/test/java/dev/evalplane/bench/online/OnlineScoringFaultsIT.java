package dev.evalplane.bench.online;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.evalplane.bench.Kafka;
import dev.evalplane.bench.Sql;
import dev.evalplane.bench.faults.FlowChecks;
import dev.evalplane.bench.faults.ScorerInstances;
import dev.evalplane.bench.support.TestStack;
import dev.evalplane.testsupport.KafkaBrokerResource;
import dev.evalplane.testsupport.LocalKafka;
import dev.evalplane.testsupport.ServiceProcess;

/**
 * Online scoring under faults, on the real broker and database: kill -9 of a replica mid-scoring, three replicas at
 * once, a broker restart mid-stream. Each sampled trace ends with exactly one stored feedback, none is missed.
 */
class OnlineScoringFaultsIT {

    private final TestStack stack = TestStack.get();

    @AfterEach
    void resetProvider() {
        stack.llm.reset();
    }

    @Test
    void aReplicaKilledMidScoringLeavesNoTraceUnscoredOrScoredTwice() throws Exception {
        stack.llm.reset().latency(Duration.ofMillis(1000));
        OnlineFlow flow = new OnlineFlow("online-kill", 80, 1.0);
        flow.start(stack, Map.of("sample_rate", 1.0));
        try (Kafka kafka = new Kafka(); Sql sql = Sql.open()) {
            long heldAtKill;
            try (ServiceProcess pod = pod("online-kill-pod").start()) {
                flow.send(kafka);
                heldAtKill = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                        .until(() -> sql.number("SELECT count(*) FROM scoring.online_claims WHERE config_id = '"
                                + flow.configId() + "' AND status = 'SCORING' AND lease_owner = 'online-kill-pod'"),
                                n -> n > 0);
                // its provider calls (1 s each) are in flight: the fake has received them
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                        .until(() -> !stack.llm.requests().isEmpty());
                pod.kill();
            }
            try (ServiceProcess again = pod("online-kill-pod").start()) {
                flow.awaitScored(sql, Duration.ofSeconds(90));
                flow.assertFeedbackOncePerSampledTrace(sql, Duration.ofSeconds(30));
            }
            System.out.printf("killed a replica holding %d claims: %d traces, %d provider calls, one feedback each%n",
                    heldAtKill, flow.traces, flow.providerCalls(stack));
            assertThat(flow.providerCalls(stack)).isGreaterThanOrEqualTo(flow.traces);
        } finally {
            flow.stop(stack);
        }
    }

    @Test
    void threeReplicasJudgeEachTraceOnceBetweenThem() {
        stack.llm.reset().latency(Duration.ofMillis(200));
        OnlineFlow flow = new OnlineFlow("online-replicas", 80, 1.0);
        flow.start(stack, Map.of("sample_rate", 1.0));
        try (Kafka kafka = new Kafka(); Sql sql = Sql.open();
                ServiceProcess a = pod("online-replica-a").launch();
                ServiceProcess b = pod("online-replica-b").launch()) {
            a.awaitReady();
            b.awaitReady();
            flow.sendSlowly(kafka, 200);
            flow.awaitScored(sql, Duration.ofSeconds(90));
            flow.assertFeedbackOncePerSampledTrace(sql, Duration.ofSeconds(30));
            var owners = sql.strings("SELECT done_by || ':' || count(*) FROM scoring.online_claims WHERE config_id = '"
                    + flow.configId() + "' GROUP BY done_by");
            System.out.printf("three replicas scored %d traces: %s%n", flow.traces, owners);
            assertThat(flow.providerCalls(stack)).as("no trace judged twice").isEqualTo(flow.traces);
            assertThat(owners).hasSizeGreaterThanOrEqualTo(2);
        } finally {
            flow.stop(stack);
        }
    }

    @Test
    void aBrokerRestartMidStreamMissesNoTraceAndDuplicatesNoFeedback() throws Exception {
        OnlineFlow flow = new OnlineFlow("online-broker", 60, 1.0);
        flow.start(stack, Map.of("sample_rate", 1.0));
        LocalKafka broker = KafkaBrokerResource.broker();
        try (Kafka kafka = new Kafka(); Sql sql = Sql.open()) {
            Thread sender = flow.sendSlowly(kafka, 60);
            // mid-stream: the first traces are claimed while the sender is still sending
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).until(() -> sql.number(
                    "SELECT count(*) FROM scoring.online_claims WHERE config_id = '" + flow.configId() + "'") > 0);
            broker.stop();
            FlowChecks.awaitOutageSeen(stack.services.scorerService());
            broker.start();
            sender.join(120_000);
            flow.awaitScored(sql, Duration.ofSeconds(120));
            flow.assertFeedbackOncePerSampledTrace(sql, Duration.ofSeconds(60));
            System.out.printf("broker restarted mid-stream: %d traces, %d provider calls, one feedback each%n",
                    flow.traces, flow.providerCalls(stack));
        } finally {
            flow.stop(stack);
        }
    }

    private ServiceProcess pod(String name) {
        return ScorerInstances.scorer(stack, name, Map.of("evalplane.online.lease", "5s"));
    }
}
