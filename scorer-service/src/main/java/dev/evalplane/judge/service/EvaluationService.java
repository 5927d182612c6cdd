package dev.evalplane.judge.service;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import dev.evalplane.judge.domain.EvaluationRequest;
import dev.evalplane.judge.domain.EvaluationRun;
import dev.evalplane.judge.domain.RowSource;
import dev.evalplane.judge.repository.RunRepository;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Starts, finds, lists and cancels evaluation runs. A run executes in the background in the process that accepted
 * it (its owner); {@link RunLiveness} keeps it stamped as alive and carries cancels other instances received.
 */
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

    public Uni<EvaluationRun> start(EvaluationRequest request) {
        String runId = UUID.randomUUID().toString().replace("-", "");
        RunContext ctx = new RunContext(runId, request);
        return repository.insert(runId, request, knownRowCount(request.source()), Instant.now(), owner)
                .invoke(run -> {
                    ctx.registered();
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

    /**
     * Stops starting new rows of a RUNNING run: at once when it executes here, else through the database, where its
     * owner picks the request up with its next heartbeat. False when the run is not RUNNING.
     */
    public Uni<Boolean> cancel(String runId) {
        return repository.requestCancel(runId).invoke(requested -> {
            RunContext here = running.get(runId);
            if (requested && here != null) {
                here.cancel();
            }
        });
    }

    /** The owner of the runs this instance executes (its host name: one scorer-service process per host or pod). */
    public String owner() {
        return owner;
    }

    /**
     * After a heartbeat that began at {@code beatStart} and found {@code stillRunning} (run id to cancel requested):
     * stops the runs another instance was asked to cancel, and the runs executing here that are no longer RUNNING in
     * the database (failed by another replica while this one was silent), so nothing is judged, and paid for, twice
     * over. Runs registered after the heartbeat began are left alone: it could not have seen them.
     */
    void reconcile(long beatStart, Map<String, Boolean> stillRunning) {
        for (RunContext ctx : running.values()) {
            Boolean cancelRequested = stillRunning.get(ctx.runId());
            if (Boolean.TRUE.equals(cancelRequested)) {
                ctx.cancel();
            } else if (cancelRequested == null && ctx.registeredBefore(beatStart) && !ctx.cancelled()) {
                Log.warnf("run %s is no longer RUNNING in the database; stopping it here", ctx.runId());
                ctx.cancel();
            }
        }
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
