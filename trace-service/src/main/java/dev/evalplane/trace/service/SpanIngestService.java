package dev.evalplane.trace.service;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import dev.evalplane.events.SpanEvent;
import dev.evalplane.events.StorableSpan;
import dev.evalplane.trace.messaging.StoredTraceAnnouncer;
import dev.evalplane.trace.repository.Db;
import dev.evalplane.trace.repository.PipelineRunRepository;
import dev.evalplane.trace.repository.RunLinkRepository;
import dev.evalplane.trace.repository.SpanRepository;
import dev.evalplane.trace.repository.TraceWriteRepository;
import dev.evalplane.trace.domain.TraceContribution;
import dev.evalplane.trace.domain.WrittenTraces;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Stores a batch of spans in one transaction: the spans themselves, their traces' rows, and run membership
 * (metadata {@code mlflow.sourceRun} links the trace to that run). Every step is idempotent: the spans are inserted,
 * and a batch that holds a span stored before (a redelivery) is written again with every span upserted. The runs that
 * spans with scorer-service's mark name are registered as the pipeline's first, and those spans link their trace for
 * good; a link from any other span's metadata counts only in a run that is not the pipeline's (RunLinkRepository).
 * Once committed, the batch's ended root spans are announced on {@code traces-stored} (StoredTraceAnnouncer).
 */
@ApplicationScoped
public class SpanIngestService {

    private final Db db;
    private final SpanRepository spans;
    private final TraceWriteRepository traces;
    private final RunLinkRepository links;
    private final PipelineRunRepository pipelineRuns;
    private final StoredTraceAnnouncer storedTraces;

    public SpanIngestService(Db db, SpanRepository spans, TraceWriteRepository traces, RunLinkRepository links,
            PipelineRunRepository pipelineRuns, StoredTraceAnnouncer storedTraces) {
        this.db = db;
        this.spans = spans;
        this.traces = traces;
        this.links = links;
        this.pipelineRuns = pipelineRuns;
        this.storedTraces = storedTraces;
    }

    public Uni<Void> ingest(List<ReceivedSpan> received) {
        if (received.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<SpanEvent> batch = received.stream().map(ReceivedSpan::forTraceRow).toList();
        List<StorableSpan> stored = received.stream().map(ReceivedSpan::stored).toList();
        List<String> runIds = new ArrayList<>();
        List<String> runTraceIds = new ArrayList<>();
        for (ReceivedSpan span : received) {
            if (span.pipelineRun() != null) {
                runIds.add(span.pipelineRun());
                runTraceIds.add(span.span().traceId());
            }
        }
        Map<String, TraceContribution> byTrace = TraceContribution.of(batch);
        return pipelineRuns.register(new LinkedHashSet<>(runIds))
                .chain(() -> store(stored, byTrace, runIds, runTraceIds, false))
                .onFailure(SpanRepository::alreadyStored).recoverWithUni(e -> {
                    Log.debugf("a batch of %d spans held spans stored before (%s); writing it again as upserts",
                            stored.size(), e.getMessage());
                    return store(stored, byTrace, runIds, runTraceIds, true);
                })
                .call(() -> storedTraces.announce(received))
                .invoke(() -> Log.debugf("stored %d spans of %d traces", batch.size(), byTrace.size()));
    }

    /**
     * One transaction: the spans (inserted, or upserted when {@code overwrite}: see {@link SpanRepository}), the
     * traces' rows and their run links. The run link statements run only for traces that have or get links (what
     * writing the trace rows found, {@link WrittenTraces}): an ingestion stream's batches have none.
     */
    private Uni<Void> store(List<StorableSpan> stored, Map<String, TraceContribution> byTrace, List<String> runIds,
            List<String> runTraceIds, boolean overwrite) {
        return db.withTraceLocks(byTrace.keySet(), conn -> (overwrite ? spans.upsert(conn, stored)
                : spans.insert(conn, stored))
                .chain(() -> traces.upsert(conn, byTrace.values()))
                .chain(written -> links.linkFromMetadata(conn, byTrace.keySet(), written)
                        .chain(() -> links.linkFromPipeline(conn, runIds, runTraceIds))
                        .chain(() -> written.mayHaveLinks() || !runIds.isEmpty() ? links.refresh(conn, byTrace.keySet())
                                : Uni.createFrom().voidItem())));
    }
}
