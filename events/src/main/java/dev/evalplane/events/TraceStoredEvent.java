package dev.evalplane.events;

import java.io.IOException;
import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * On {@code traces-stored}, keyed by the trace id: trace-service has committed the ended root span of this trace to
 * its database, so the trace is complete and readable (its child spans stored so far with it). Sent after every store
 * of such a root span, so a root span stored again (Kafka redelivery, a client sending it twice) is announced again:
 * consumers are idempotent. Carries what online scoring needs without reading the trace: the experiment, the root
 * span's end (the client's clock), whether it is a judge trace (tag {@code mlflow.trace.sourceScorer}) and when
 * trace-service stored it (its clock).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record TraceStoredEvent(int schemaVersion, String traceId, String experimentId, long rootEndTimeNs,
        boolean judgeTrace, Instant storedAt) {

    public static final int SCHEMA_VERSION = 1;
    private static final ObjectReader READER = EventJson.mapper().readerFor(TraceStoredEvent.class);

    /** The announcement of an ended root span stored at {@code storedAt} in its trace's experiment. */
    public static TraceStoredEvent of(SpanEvent root, String experimentId, Instant storedAt) {
        boolean judge = root.traceTags() != null && root.traceTags().containsKey(MlflowKeys.SOURCE_SCORER_TAG);
        return new TraceStoredEvent(SCHEMA_VERSION, root.traceId(), experimentId, root.endTimeNs(), judge, storedAt);
    }

    /**
     * Reads and checks a record value; throws {@link InvalidRecordException} (the record goes to
     * {@code traces-stored-dlq}) when it is not JSON of this shape or breaks a rule.
     */
    public static TraceStoredEvent read(byte[] payload) {
        if (payload == null) {
            throw new InvalidRecordException("the record has no value");
        }
        TraceStoredEvent event;
        try {
            event = READER.readValue(payload);
        } catch (IOException e) {
            throw new InvalidRecordException("not a trace-stored event: "
                    + (e instanceof JsonProcessingException json ? json.getOriginalMessage() : e.getMessage()));
        }
        return validate(event);
    }

    static TraceStoredEvent validate(TraceStoredEvent e) {
        require(e != null, "the record is empty (JSON null)");
        require(Ids.isTraceId(e.traceId()), "trace_id must be \"tr-\" + 32 hex characters");
        require(e.experimentId() != null && !e.experimentId().isEmpty()
                && e.experimentId().length() <= SpanValidation.MAX_ID_LENGTH,
                "experiment_id must be 1 to " + SpanValidation.MAX_ID_LENGTH + " characters");
        require(e.rootEndTimeNs() > 0, "root_end_time_ns must be a positive epoch nanosecond count");
        require(e.storedAt() != null, "stored_at is missing");
        return e;
    }

    private static void require(boolean ok, String detail) {
        if (!ok) {
            throw new InvalidRecordException(detail);
        }
    }
}
