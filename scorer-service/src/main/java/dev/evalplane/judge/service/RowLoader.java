package dev.evalplane.judge.service;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;

import dev.evalplane.events.AssessmentEvent;
import dev.evalplane.events.MlflowKeys;
import dev.evalplane.events.http.TraceInfo;
import dev.evalplane.judge.EvalRow;
import dev.evalplane.judge.RowSource;
import dev.evalplane.judge.client.TraceServiceClient;
import dev.evalplane.judge.mapping.AssessmentFactory;
import dev.evalplane.judge.messaging.AssessmentPublisher;
import dev.evalplane.judge.messaging.SpanPublisher;
import dev.evalplane.judge.tracing.EpochNanos;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Turns a run's source into rows, each loaded lazily: a data row gets its own trace (root span on {@code spans},
 * expectations on {@code assessments}); stored traces are fetched from trace-service a page at a time; a filter is searched page by page
 * first. A row that cannot be loaded fails with {@link RowLoadException}; a search that fails fails the run.
 */
@ApplicationScoped
public class RowLoader {

    static final int SEARCH_PAGE_SIZE = 500;
    /** Stored traces fetched in one request to trace-service. */
    static final int TRACE_PAGE_SIZE = 100;

    private final TraceServiceClient traces;
    private final SpanPublisher spans;
    private final AssessmentPublisher assessments;

    public RowLoader(TraceServiceClient traces, SpanPublisher spans, AssessmentPublisher assessments) {
        this.traces = traces;
        this.spans = spans;
        this.assessments = assessments;
    }

    public Uni<List<Supplier<Uni<EvalRow>>>> rows(RunContext ctx) {
        RowSource source = ctx.request().source();
        if (source instanceof RowSource.DataRows data) {
            List<Supplier<Uni<EvalRow>>> rows = new ArrayList<>();
            for (int i = 0; i < data.rows().size(); i++) {
                int index = i;
                rows.add(() -> dataRow(ctx, index, data.rows().get(index)));
            }
            return Uni.createFrom().item(rows);
        }
        if (source instanceof RowSource.TraceIds ids) {
            return Uni.createFrom().item(storedRows(ids.ids()));
        }
        RowSource.TraceFilter filter = (RowSource.TraceFilter) source;
        return search(ctx.experimentId(), filter.filter(), null, new ArrayList<>()).map(this::storedRows);
    }

    /**
     * A row per trace id, loaded a page of {@link #TRACE_PAGE_SIZE} traces at a time: the page's first row to run
     * fetches the page in one request; each row then takes its own trace out of it, so a page is let go once its rows
     * have started.
     */
    private List<Supplier<Uni<EvalRow>>> storedRows(List<String> ids) {
        List<Supplier<Uni<EvalRow>>> rows = new ArrayList<>();
        for (int start = 0; start < ids.size(); start += TRACE_PAGE_SIZE) {
            List<String> pageIds = ids.subList(start, Math.min(ids.size(), start + TRACE_PAGE_SIZE));
            Uni<Map<String, JsonNode>> page = traces.traces(List.copyOf(pageIds))
                    .onFailure().transform(e -> new RowLoadException(e.getMessage()))
                    .memoize().indefinitely();
            for (int i = 0; i < pageIds.size(); i++) {
                int index = start + i;
                String traceId = pageIds.get(i);
                rows.add(() -> page.map(found -> storedRow(index, traceId, found.remove(traceId))));
            }
        }
        return rows;
    }

    private Uni<EvalRow> dataRow(RunContext ctx, int index, RowSource.DataRow row) {
        DataRowTraces.Built built = DataRowTraces.build(ctx.runId(), ctx.experimentId(), index, row, EpochNanos.now());
        EvalRow evalRow = built.row();
        List<AssessmentEvent> logged = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = evalRow.expectations().fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            logged.add(AssessmentFactory.expectation(ctx.runId(), evalRow.traceId(), evalRow.rootSpanId(), e.getKey(),
                    e.getValue()));
        }
        return spans.publish(built.spans()).chain(() -> assessments.publishAll(logged)).replaceWith(evalRow);
    }

    private static EvalRow storedRow(int index, String traceId, JsonNode trace) {
        if (trace == null) {
            throw new RowLoadException("trace not found in trace-service");
        }
        if (StoredTraceRows.isJudgeTrace(trace)) {
            throw new RowLoadException("trace is a judge trace (tag mlflow.trace.sourceScorer)");
        }
        return StoredTraceRows.toRow(index, traceId, trace);
    }

    private Uni<List<String>> search(String experimentId, String filter, String pageToken, List<String> ids) {
        return traces.search(experimentId, filter, SEARCH_PAGE_SIZE, pageToken)
                .onFailure().transform(e -> new SourceException("could not search traces with filter_string: "
                        + e.getMessage()))
                .chain(page -> {
                    for (TraceInfo t : page.traces()) {
                        boolean judge = t.tags() != null && t.tags().containsKey(MlflowKeys.SOURCE_SCORER_TAG);
                        if (!judge) {
                            ids.add(t.traceId());
                        }
                    }
                    String next = page.nextPageToken();
                    return next == null || next.isEmpty() ? Uni.createFrom().item(ids)
                            : search(experimentId, filter, next, ids);
                });
    }

    /** A row that could not be read; the run goes on. */
    public static final class RowLoadException extends RuntimeException {
        public RowLoadException(String reason) {
            super(reason);
        }
    }

    /** The source could not be read at all; the run fails. */
    public static final class SourceException extends RuntimeException {
        public SourceException(String reason) {
            super(reason);
        }
    }
}
