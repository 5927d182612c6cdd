package dev.evalplane.judge.service;

import java.time.Duration;

import dev.evalplane.judge.config.JudgeConfig;
import dev.evalplane.judge.repository.RunRepository;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * At start, fails the runs a previous process under this host name left RUNNING (nobody executes them any more).
 * Then on every instance, every {@code evalplane.judge.heartbeat-every}: stamps the runs this instance executes as alive,
 * cancels those another instance was asked to cancel or failed meanwhile, and fails RUNNING runs whose owner has
 * been silent for
 * {@code evalplane.judge.orphan-after} (an instance that was killed and did not come back under its name).
 */
@ApplicationScoped
public class RunLiveness {

    static final String SILENT_OWNER = "scorer-service stopped before the run finished";

    private final RunRepository repository;
    private final EvaluationService runs;
    private final JudgeConfig config;

    public RunLiveness(RunRepository repository, EvaluationService runs, JudgeConfig config) {
        this.repository = repository;
        this.runs = runs;
        this.config = config;
    }

    void failOrphansOnStart(@Observes StartupEvent event) {
        Integer failed = repository.failOrphans(runs.owner(), SILENT_OWNER).await().atMost(Duration.ofSeconds(30));
        if (failed > 0) {
            Log.warnf("marked %d runs left RUNNING by a previous start as FAILED", failed);
        }
    }

    @Scheduled(identity = "run-liveness", every = "${evalplane.judge.heartbeat-every:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> beat() {
        long start = System.nanoTime();
        return repository.heartbeat(runs.owner()).invoke(stillRunning -> runs.reconcile(start, stillRunning))
                .chain(() -> repository.failSilent(config.orphanAfter(), SILENT_OWNER))
                .invoke(failed -> {
                    if (!failed.isEmpty()) {
                        Log.warnf("failed %d runs whose instance stopped: %s", failed.size(), failed);
                    }
                })
                .onFailure().invoke(e -> Log.warnf("run heartbeat not written this time: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
