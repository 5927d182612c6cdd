package dev.evalplane.bench.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.evalplane.bench.Http;
import dev.evalplane.bench.support.TestStack;
import dev.evalplane.testsupport.RealStack;
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
            awaitCalls(a, cancelled, 4);
            Http.post(b.url("/api/v1/evaluations/" + cancelled + "/cancel"), "application/json", "").expect(202);
            JsonNode run = awaitFinished(b, cancelled, Duration.ofSeconds(20));
            System.out.printf("cancel sent to replica b: %s after %d of 30 rows%n", run.path("status").asText(),
                    run.path("rows_done").asInt());
            assertThat(run.path("status").asText()).isEqualTo("CANCELLED");
            assertThat(run.path("rows_done").asInt()).isLessThan(30);

            String orphaned = start(a, "replicas-kill");
            awaitCalls(a, orphaned, 4);
            long killedAt = System.nanoTime();
            a.kill();
            run = awaitFinished(b, orphaned, ORPHAN_AFTER.plusSeconds(25));
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
        Map<String, String> config = new HashMap<>(stack.scorerConfig());
        config.put("evalplane.judge.heartbeat-every", "500ms");
        config.put("evalplane.judge.orphan-after", ORPHAN_AFTER.toSeconds() + "s");
        Path log = Path.of("target", "real-stack", podName + ".log").toAbsolutePath();
        Map<String, String> environment = new HashMap<>(stack.llm.providerEnvironment());
        environment.put("HOSTNAME", podName);
        return new ServiceProcess(RealStack.packagedJar("scorer-service"), config, log).withEnvironment(environment);
    }

    private static String start(ServiceProcess replica, String name) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            rows.add(Map.of("inputs", Map.of("question", "q" + i), "outputs", "a" + i));
        }
        return Http.postJson(replica.url("/api/v1/evaluations"), Map.of("experiment_id", "bench", "name", name,
                "data", rows, "scorers", List.of(Map.of("builtin", "Safety")), "max_concurrency", 2))
                .expect(202).json().path("run_id").asText();
    }

    private static void awaitCalls(ServiceProcess replica, String runId, int calls) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> Http.get(
                replica.url("/api/v1/evaluations/" + runId)).json().path("judge_calls").asInt() >= calls);
    }

    private static JsonNode awaitFinished(ServiceProcess replica, String runId, Duration atMost) {
        return await().atMost(atMost).pollInterval(Duration.ofMillis(250))
                .until(() -> Http.get(replica.url("/api/v1/evaluations/" + runId)).expect(200).json(),
                        r -> !"RUNNING".equals(r.path("status").asText()));
    }
}
