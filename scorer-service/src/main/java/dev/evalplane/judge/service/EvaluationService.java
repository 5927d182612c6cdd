package dev.evalplane.judge.service;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import dev.evalplane.judge.EvaluationRequest;
import dev.evalplane.judge.EvaluationRun;
import dev.evalplane.judge.RowSource;
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
            if (requested) {
                cancelHere(List.of(runId));
            }
        });
    }

    /** The owner of the runs this instance executes (its host name: one scorer-service process per host or pod). */
    String owner() {
        return owner;
    }

    void cancelHere(List<String> runIds) {
        runIds.stream().map(running::get).filter(Objects::nonNull).forEach(RunContext::cancel);
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
