package dev.evalplane.judge.clientrun;

import java.time.Instant;
import java.util.UUID;

import dev.evalplane.judge.domain.EvaluationRun;
import dev.evalplane.judge.repository.RunRepository;
import dev.evalplane.judge.domain.Refusals;
import dev.evalplane.judge.domain.ClientRunCreate;
import dev.evalplane.judge.domain.ClientRunUpdate;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Runs the MLflow client creates and writes itself. They live in {@code scoring.runs} next to evalplane's own runs
 * (origin MLFLOW_CLIENT), so the run list and run view show both; nothing here executes them, and a client can only
 * write runs of this origin, never one evalplane executed.
 */
@ApplicationScoped
public class ClientRunService {

    private final RunRepository runs;

    public ClientRunService(RunRepository runs) {
        this.runs = runs;
    }

    public Uni<EvaluationRun> create(ClientRunCreate create) {
        String runId = UUID.randomUUID().toString().replace("-", "");
        Instant start = create.startTimeMs() == null ? Instant.now() : Instant.ofEpochMilli(create.startTimeMs());
        return runs.insertClient(runId, create, start);
    }

    /** 404 problem for an unknown run, 409 for a run evalplane executes, 400 for a param logged with a new value. */
    public Uni<EvaluationRun> update(String runId, ClientRunUpdate update) {
        return runs.find(runId).chain(run -> {
            if (run == null) {
                return Uni.createFrom().failure(Refusals.runNotFound("no run with id " + runId));
            }
            if (!run.clientRun()) {
                return Uni.createFrom().failure(Refusals.notAClientRun("run " + runId + " is an evaluation evalplane executes; only its"
                                + " pipeline writes its status, metrics and tags"));
            }
            update.params().forEach((key, value) -> {
                var stored = run.params().get(key);
                if (stored != null && !stored.asText().equals(value)) {
                    throw Refusals.invalidRequest("param '" + key + "' of run " + runId + " already has the value '"
                            + stored.asText() + "'; params cannot be changed once logged");
                }
            });
            Instant finishedAt = update.endTimeMs() != null ? Instant.ofEpochMilli(update.endTimeMs())
                    : update.finishes() && run.finishedAt() == null ? Instant.now() : null;
            return runs.updateClient(runId, update.status(), finishedAt, update);
        });
    }
}
