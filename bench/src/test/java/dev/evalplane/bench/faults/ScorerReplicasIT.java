package dev.evalplane.bench.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.evalplane.bench.Http;
import dev.evalplane.bench.support.TestStack;
import dev.evalplane.testsupport.ServiceProcess;

/**
 * Two scorer-service replicas on one database, as the Helm chart deploys them (each pod its own host name): a cancel
 * sent to the replica that does not execute the run stops it, and when the executing replica is killed and never
 * comes back under its name, the other one fails its run once it has been silent for orphan-after.
 */
class ScorerReplicasIT {

    private static final Duration ORPHAN_AFTER = Duration.ofSeconds(5);

    @Test
    void cancelReachesTheOwnerAndAKilledReplicasRunIsFailedByTheOther() {
        TestStack stack = TestStack.get();
        stack.llm.reset().latency(Duration.ofMillis(300));
        try (ServiceProcess a = replica(stack, "scorer-replica-a").launch();
                ServiceProcess b = replica(stack, "scorer-replica-b").launch()) {
            a.awaitReady();
            b.awaitReady();

            String cancelled = start(a, "replicas-cancel");
            ScorerInstances.awaitJudgeCalls(a, cancelled, 4);
            Http.post(b.url("/api/v1/evaluations/" + cancelled + "/cancel"), "application/json", "").expect(202);
            JsonNode run = ScorerInstances.awaitFinished(b, cancelled, Duration.ofSeconds(20));
            System.out.printf("cancel sent to replica b: %s after %d of 30 rows%n", run.path("status").asText(),
                    run.path("rows_done").asInt());
            assertThat(run.path("status").asText()).isEqualTo("CANCELLED");
            assertThat(run.path("rows_done").asInt()).isLessThan(30);

            String orphaned = start(a, "replicas-kill");
            ScorerInstances.awaitJudgeCalls(a, orphaned, 4);
            long killedAt = System.nanoTime();
            a.kill();
            run = ScorerInstances.awaitFinished(b, orphaned, ORPHAN_AFTER.plusSeconds(25));
            System.out.printf("replica a killed: replica b marked its run %s after %.1f s: %s%n",
                    run.path("status").asText(), (System.nanoTime() - killedAt) / 1e9,
                    run.path("status_message").asText());
            assertThat(run.path("status").asText()).isEqualTo("FAILED");
            assertThat(run.path("error").asText()).isEqualTo("scorer-service stopped before the run finished");
            assertThat(Duration.ofNanos(System.nanoTime() - killedAt)).isGreaterThanOrEqualTo(ORPHAN_AFTER.minusSeconds(1));
        } finally {
            stack.llm.reset();
        }
    }

    private static ServiceProcess replica(TestStack stack, String podName) {
        return ScorerInstances.scorer(stack, podName, Map.of("evalplane.judge.heartbeat-every", "500ms",
                "evalplane.judge.orphan-after", ORPHAN_AFTER.toSeconds() + "s"));
    }

    private static String start(ServiceProcess replica, String name) {
        return ScorerInstances.startRun(replica, name, 30, List.of(Map.of("builtin", "Safety")), 2);
    }
}
