package dev.evalplane.trace.service;

import java.util.List;
import java.util.Map;

import dev.evalplane.events.SpanEvent;
import dev.evalplane.trace.repository.Db;
import dev.evalplane.trace.repository.RunLinkRepository;
import dev.evalplane.trace.repository.SpanRepository;
import dev.evalplane.trace.repository.TraceWriteRepository;
import dev.evalplane.trace.domain.TraceContribution;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Stores a batch of spans in one transaction: the spans themselves, their traces' rows, and run membership
 * (metadata {@code mlflow.sourceRun} links the trace to that run). Every step is an idempotent upsert.
 */
@ApplicationScoped
public class SpanIngestService {

    private final Db db;
    private final SpanRepository spans;
    private final TraceWriteRepository traces;
    private final RunLinkRepository links;

    public SpanIngestService(Db db, SpanRepository spans, TraceWriteRepository traces, RunLinkRepository links) {
        this.db = db;
        this.spans = spans;
        this.traces = traces;
        this.links = links;
    }

    public Uni<Void> ingest(List<SpanEvent> batch) {
        if (batch.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Map<String, TraceContribution> byTrace = TraceContribution.of(batch);
        return db.withTraceLocks(byTrace.keySet(), conn -> spans.upsert(conn, batch)
                .chain(() -> traces.upsert(conn, byTrace.values()))
                .chain(() -> links.linkFromMetadata(conn, byTrace.keySet()))
                .chain(() -> links.refresh(conn, byTrace.keySet())))
                .invoke(() -> Log.debugf("stored %d spans of %d traces", batch.size(), byTrace.size()));
    }
}
