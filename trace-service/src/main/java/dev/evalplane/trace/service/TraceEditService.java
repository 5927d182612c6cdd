package dev.evalplane.trace.service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.evalplane.events.MlflowKeys;
import dev.evalplane.events.SpanValidation;
import dev.evalplane.events.http.Trace;
import dev.evalplane.events.http.TraceInfo;
import dev.evalplane.trace.repository.Db;
import dev.evalplane.trace.repository.RunLinkRepository;
import dev.evalplane.trace.repository.TraceEditRepository;
import dev.evalplane.trace.domain.TraceCostRecord;
import dev.evalplane.trace.domain.Previews;
import dev.evalplane.events.http.TraceInfoWrite;
import dev.evalplane.support.error.InvalidInputException;
import dev.evalplane.support.error.NotFoundException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Trace writes that do not come from spans: a client's trace info, tag edits, deletion, and reading several traces
 * at once. Each write runs under the trace's advisory lock and refreshes its run membership, like span ingestion.
 * A client never writes what the pipeline derives: metadata keys cost-service computes are dropped from trace info.
 */
@ApplicationScoped
public class TraceEditService {

    public static final int MAX_ENTRIES = 1000;
    public static final int MAX_KEY_LENGTH = 250;
    public static final int MAX_VALUE_LENGTH = 100_000;
    public static final int MAX_TRACES = 1000;
    private static final int MAX_ID_LENGTH = SpanValidation.MAX_ID_LENGTH;
    private static final Set<String> STATES = Set.of("OK", "ERROR", "IN_PROGRESS");
    /** Trace metadata the pipeline derives (cost-service's trace cost): never taken from a client. */
    private static final Set<String> DERIVED_METADATA = Set.of(MlflowKeys.TRACE_TOKEN_USAGE, MlflowKeys.TRACE_COST,
            TraceCostRecord.TRACE_COST_STATUS);

    private final Db db;
    private final TraceEditRepository edits;
    private final RunLinkRepository links;
    private final TraceService traces;

    public TraceEditService(Db db, TraceEditRepository edits, RunLinkRepository links, TraceService traces) {
        this.db = db;
        this.edits = edits;
        this.links = links;
        this.traces = traces;
    }

    public Uni<TraceInfo> writeInfo(TraceInfoWrite request) {
        TraceInfoWrite info = checked(request);
        List<String> ids = List.of(info.traceId());
        return db.withTraceLocks(ids, conn -> edits.upsertInfo(conn, info)
                .chain(() -> links.linkFromMetadata(conn, ids))
                .chain(() -> links.refresh(conn, ids)))
                .chain(() -> traces.get(info.traceId())).map(Trace::info);
    }

    public Uni<TraceInfo> editTags(String traceId, Map<String, String> set, List<String> delete) {
        String id = id(traceId, "trace_id");
        Map<String, String> checkedSet = map(set, "set");
        List<String> checkedDelete = delete == null ? List.of() : delete;
        if (checkedDelete.size() > MAX_ENTRIES || checkedDelete.stream().anyMatch(k -> k == null || k.isBlank()
                || k.length() > MAX_KEY_LENGTH)) {
            throw new InvalidInputException("delete must be at most " + MAX_ENTRIES + " tag keys of 1.." + MAX_KEY_LENGTH
                    + " characters");
        }
        List<String> ids = List.of(id);
        return db.withTraceLocks(ids, conn -> edits.editTags(conn, id, checkedSet, checkedDelete).chain(found -> {
            if (!found) {
                return Uni.createFrom().failure(new NotFoundException("trace " + id + " does not exist"));
            }
            return links.refresh(conn, ids);
        })).chain(() -> traces.get(id)).map(Trace::info);
    }

    /**
     * Deletes the given traces, or an experiment's oldest traces requested at or before {@code maxTimestampMs} (at
     * most {@code maxTraces}); returns how many were deleted.
     */
    public Uni<Integer> delete(List<String> traceIds, String experimentId, Long maxTimestampMs, Integer maxTraces) {
        if (traceIds != null && !traceIds.isEmpty()) {
            if (traceIds.size() > MAX_TRACES) {
                throw new InvalidInputException("at most " + MAX_TRACES + " trace_ids per request");
            }
            List<String> ids = traceIds.stream().map(t -> id(t, "trace_ids")).distinct().toList();
            return db.withTraceLocks(ids, conn -> edits.delete(conn, ids));
        }
        if (experimentId == null || maxTimestampMs == null) {
            throw new InvalidInputException("give trace_ids, or experiment_id with max_timestamp_ms");
        }
        int limit = maxTraces == null ? MAX_TRACES : maxTraces;
        if (limit < 1 || limit > MAX_TRACES) {
            throw new InvalidInputException("max_traces must be between 1 and " + MAX_TRACES);
        }
        String experiment = id(experimentId, "experiment_id");
        return db.pool().withConnection(conn -> edits.oldest(conn, experiment, maxTimestampMs, limit))
                .chain(ids -> ids.isEmpty() ? Uni.createFrom().item(0)
                        : db.withTraceLocks(ids, conn -> edits.delete(conn, ids)));
    }

    /** The traces that exist among these ids, in the order asked. */
    public Uni<List<Trace>> getMany(List<String> traceIds) {
        if (traceIds == null || traceIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        if (traceIds.size() > MAX_TRACES) {
            throw new InvalidInputException("at most " + MAX_TRACES + " trace_ids per request");
        }
        traceIds.forEach(id -> id(id, "trace_ids"));
        return traces.get(traceIds);
    }

    private static TraceInfoWrite checked(TraceInfoWrite info) {
        id(info.traceId(), "trace_id");
        id(info.experimentId(), "experiment_id");
        String state = info.state() == null ? "OK" : info.state();
        if (!STATES.contains(state)) {
            throw new InvalidInputException("state must be OK, ERROR or IN_PROGRESS");
        }
        if (info.requestTimeMs() <= 0) {
            throw new InvalidInputException("request_time_ms must be a positive epoch time in milliseconds");
        }
        Map<String, String> metadata = map(info.traceMetadata(), "trace_metadata");
        metadata.keySet().removeAll(DERIVED_METADATA);
        if (metadata.containsKey(MlflowKeys.SOURCE_RUN) && !metadata.get(MlflowKeys.SOURCE_RUN).isEmpty()) {
            id(metadata.get(MlflowKeys.SOURCE_RUN), "trace_metadata." + MlflowKeys.SOURCE_RUN);
        }
        return new TraceInfoWrite(info.traceId(), info.experimentId(), info.requestTimeMs(), info.executionDurationMs(),
                state, preview(info.requestPreview()), preview(info.responsePreview()), info.clientRequestId(),
                map(info.tags(), "tags"), metadata);
    }

    private static String preview(String text) {
        return text == null || text.length() <= Previews.MAX_LENGTH ? text : text.substring(0, Previews.MAX_LENGTH);
    }

    private static String id(String value, String field) {
        if (value == null || value.isBlank() || value.length() > MAX_ID_LENGTH || value.indexOf('\0') >= 0) {
            throw new InvalidInputException(field + " must be 1.." + MAX_ID_LENGTH + " characters");
        }
        return value;
    }

    private static Map<String, String> map(Map<String, String> values, String field) {
        Map<String, String> checked = new LinkedHashMap<>();
        if (values == null) {
            return checked;
        }
        if (values.size() > MAX_ENTRIES) {
            throw new InvalidInputException(field + " has more than " + MAX_ENTRIES + " entries");
        }
        values.forEach((k, v) -> {
            if (k == null || k.isBlank() || k.length() > MAX_KEY_LENGTH || k.indexOf('\0') >= 0) {
                throw new InvalidInputException(field + " keys must be 1.." + MAX_KEY_LENGTH + " characters");
            }
            if (v != null && (v.length() > MAX_VALUE_LENGTH || v.indexOf('\0') >= 0)) {
                throw new InvalidInputException(field + " value of '" + k + "' is longer than " + MAX_VALUE_LENGTH
                        + " characters or holds NUL");
            }
            checked.put(k, v == null ? "" : v);
        });
        return checked;
    }
}
