package dev.evalplane.judge.service;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import dev.evalplane.judge.EvaluationRequest;
import dev.evalplane.judge.EvaluationRun;
import dev.evalplane.judge.RowSource;
import dev.evalplane.judge.repository.RunRepository;
import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Starts, finds, lists and cancels evaluation runs. A run executes in the background in this process. */
@ApplicationScoped
public class EvaluationService {

    static final int LIST_LIMIT = 200;

    private final RunRepository repository;
    private final RunExecutor executor;
    private final Map<String, RunContext> running = new ConcurrentHashMap<>();
    private final String owner = hostname();

    public EvaluationService(RunRepository repository, RunExecutor executor) {
        this.repository = repository;
        this.executor = executor;
    }

    void failOrphansOnStart(@Observes StartupEvent event) {
        Integer failed = repository.failOrphans(owner, "scorer-service stopped before the run finished")
                .await().atMost(Duration.ofSeconds(30));
        if (failed > 0) {
            Log.warnf("marked %d runs left RUNNING by a previous start as FAILED", failed);
        }
    }

    public Uni<EvaluationRun> start(EvaluationRequest request) {
        String runId = UUID.randomUUID().toString().replace("-", "");
        RunContext ctx = new RunContext(runId, request);
        return repository.insert(runId, request, knownRowCount(request.source()), Instant.now(), owner)
                .invoke(run -> {
                    running.put(runId, ctx);
                    executor.execute(ctx).eventually(() -> running.remove(runId)).subscribe().with(
                            done -> { },
                            e -> Log.errorf(e, "evaluation run %s could not be finished", runId));
                });
    }

    public Uni<EvaluationRun> find(String runId) {
        return repository.find(runId);
    }

    public Uni<List<EvaluationRun>> list(String experimentId) {
        return repository.list(experimentId, LIST_LIMIT);
    }

    /** Stops starting new rows of a run executing here; false when it is not running here. */
    public boolean cancel(String runId) {
        RunContext ctx = running.get(runId);
        if (ctx == null) {
            return false;
        }
        ctx.cancel();
        return true;
    }

    private static Integer knownRowCount(RowSource source) {
        if (source instanceof RowSource.DataRows data) {
            return data.rows().size();
        }
        return source instanceof RowSource.TraceIds ids ? ids.ids().size() : null;
    }

    private static String hostname() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "local";
        }
    }
}
