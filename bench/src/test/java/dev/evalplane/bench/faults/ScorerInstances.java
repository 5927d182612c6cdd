package dev.evalplane.bench.faults;

import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.evalplane.bench.Http;
import dev.evalplane.bench.support.TestStack;
import dev.evalplane.testsupport.RealStack;
import dev.evalplane.testsupport.ServiceProcess;

/** scorer-service instances of the fault tests' own, beside the stack's, and the runs they are given. */
public final class ScorerInstances {

    /**
     * A scorer-service on the stack's broker, database and fake provider, under host name {@code podName} (the owner
     * of the runs it executes, as a Kubernetes pod's name), with {@code config} on top of the stack's; its log is
     * target/real-stack/{@code podName}.log.
     */
    public static ServiceProcess scorer(TestStack stack, String podName, Map<String, String> config) {
        Map<String, String> all = new HashMap<>(stack.scorerConfig());
        all.putAll(config);
        Path log = Path.of("target", "real-stack", podName + ".log").toAbsolutePath();
        return new ServiceProcess(RealStack.packagedJar("scorer-service"), all, log)
                .withEnvironment(stack.llm.providerEnvironment())
                .withEnvironment(Map.of("HOSTNAME", podName));
    }

    /** Starts a run of {@code rows} arithmetic questions on {@code scorer}; answers its id. */
    static String startRun(ServiceProcess scorer, String name, int rows, List<Map<String, Object>> scorers,
            int concurrency) {
        List<Map<String, Object>> data = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            data.add(Map.of("inputs", Map.of("question", "What is " + i + " + " + i + "?"),
                    "outputs", "It is " + (2 * i) + "."));
        }
        return Http.postJson(scorer.url("/api/v1/evaluations"), Map.of("experiment_id", "bench", "name", name,
                "data", data, "scorers", scorers, "max_concurrency", concurrency))
                .expect(202).json().path("run_id").asText();
    }

    static void awaitJudgeCalls(ServiceProcess scorer, String runId, int calls) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> Http.get(
                scorer.url("/api/v1/evaluations/" + runId)).json().path("judge_calls").asInt() >= calls);
    }

    /** The run as {@code scorer} reports it once it is no longer RUNNING. */
    static JsonNode awaitFinished(ServiceProcess scorer, String runId, Duration atMost) {
        return await().atMost(atMost).pollInterval(Duration.ofMillis(250))
                .until(() -> Http.get(scorer.url("/api/v1/evaluations/" + runId)).expect(200).json(),
                        r -> !"RUNNING".equals(r.path("status").asText()));
    }

    private ScorerInstances() {
    }
}
