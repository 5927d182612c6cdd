package dev.evalplane.trace.service;

import dev.evalplane.trace.repository.Db;
import dev.evalplane.trace.repository.RunListCountRepository;
import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Keeps reading a run's evaluation-list total cheap: folds the delta rows that writes appended since the last pass
 * into one row per run. Each replica runs it; passes of different replicas may overlap safely. A row committed after
 * a pass that saw higher ids is folded with its run's next change; until then the total just reads one more row.
 */
@ApplicationScoped
public class RunListCountCompactor {

    private final Db db;
    private final RunListCountRepository counts;
    private volatile long watermark;

    public RunListCountCompactor(Db db, RunListCountRepository counts) {
        this.db = db;
        this.counts = counts;
    }

    @Scheduled(identity = "run-list-count-compaction", every = "${evalplane.run-list-counts.compact-every}",
            delayed = "${evalplane.run-list-counts.compact-every}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> compact() {
        return counts.compact(db.pool(), watermark).invoke(done -> {
            watermark = done.watermark();
            if (done.runs() > 0) {
                Log.debugf("folded the list counts of %d runs", done.runs());
            }
        }).onFailure().invoke(e -> Log.warnf("run list counts not compacted this time: %s", e.getMessage()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
