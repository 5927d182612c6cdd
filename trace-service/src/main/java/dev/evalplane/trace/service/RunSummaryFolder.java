package dev.evalplane.trace.service;

import dev.evalplane.trace.repository.Db;
import dev.evalplane.trace.repository.RunSummaryRepository;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Keeps what a summary request has to fold small: folds the run summary marks that writes left since the last pass
 * (RunSummaryRepository). Each replica runs it; a pass finding another fold running (a request's, or another
 * replica's) gives up until the next one.
 */
@ApplicationScoped
public class RunSummaryFolder {

    private final Db db;
    private final RunSummaryRepository summaries;

    public RunSummaryFolder(Db db, RunSummaryRepository summaries) {
        this.db = db;
        this.summaries = summaries;
    }

    @Scheduled(identity = "run-summary-fold", every = "${evalplane.run-summaries.fold-every}",
            delayed = "${evalplane.run-summaries.fold-every}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> fold() {
        return summaries.fold(db.pool(), false).invoke(folded -> {
            if (folded > 0) {
                Log.debugf("folded %d run summary marks", folded);
            }
        }).onFailure().invoke(e -> Log.warnf("run summary marks not folded this time: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
