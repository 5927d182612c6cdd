package dev.evalplane.judge.online;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.microprofile.reactive.messaging.Incoming;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.evalplane.events.InvalidRecordException;
import dev.evalplane.events.MlflowKeys;
import dev.evalplane.events.OnlineSampling;
import dev.evalplane.events.SpanEvent;
import dev.evalplane.events.SpanValidation;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.kafka.KafkaRecord;
import io.smallrye.reactive.messaging.kafka.KafkaRecordBatch;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Consumes {@code spans} in batches in its own consumer group ({@code scorer-service-online}), so ingestion never
 * waits for it.
 * A root span that has ended, of an experiment with started scorers, not a judge trace, becomes one claim per scorer
 * whose sample selects it, due a grace period after the trace completed: the root span's end time, bounded by the
 * root span record's arrival on Kafka (its timestamp), so the claim is due between arrival and arrival + grace
 * whatever the client's clock says ({@link #graceStart}); root spans that arrived before a scorer was started (less
 * the grace period) are not claimed for it; a root span the shared {@code SpanValidation} rejects
 * (trace-service dead-letters it) is not claimed either. Offsets are committed once the claims are stored; a
 * redelivered batch inserts nothing new (primary key); a failed insert (database down) is retried, the batch
 * acknowledged only after it. While the backlog is over {@code max-backlog} the batch waits,
 * which pauses the partitions: the backlog then waits in Kafka as consumer lag. Records it cannot read are skipped
 * (trace-service's consumer of the same topic dead-letters them).
 */
@ApplicationScoped
public class OnlineSpanConsumer {

    static final String CHANNEL = "online-spans";
    private static final Duration BACKLOG_WAIT = Duration.ofMillis(500);
    private static final Duration RETRY_FIRST = Duration.ofMillis(200);
    private static final Duration RETRY_MAX = Duration.ofSeconds(10);

    private final ObjectMapper json;
    private final StartedConfigs started;
    private final OnlineClaimRepository claims;
    private final OnlineSettings settings;
    private final OnlineScoringWorker worker;

    public OnlineSpanConsumer(ObjectMapper json, StartedConfigs started, OnlineClaimRepository claims,
            OnlineSettings settings, OnlineScoringWorker worker) {
        this.json = json;
        this.started = started;
        this.claims = claims;
        this.settings = settings;
        this.worker = worker;
    }

    @Incoming(CHANNEL)
    public Uni<Void> consume(KafkaRecordBatch<String, byte[]> batch) {
        return claim(batch).chain(() -> Uni.createFrom().completionStage(batch::ack));
    }

    private Uni<Void> claim(KafkaRecordBatch<String, byte[]> batch) {
        if (!started.loaded()) {
            return Uni.createFrom().voidItem().onItem().delayIt().by(BACKLOG_WAIT).chain(() -> claim(batch));
        }
        if (!started.any()) {
            return Uni.createFrom().voidItem();
        }
        List<OnlineClaim.New> selected = new ArrayList<>();
        Instant now = Instant.now();
        for (KafkaRecord<String, byte[]> record : batch.getRecords()) {
            SpanEvent root = readRoot(record);
            if (root == null || root.endTimeNs() <= 0 || root.experimentId() == null || isJudgeTrace(root)
                    || started.of(root.experimentId()).isEmpty()) {
                continue;
            }
            Instant arrived = arrival(record, now);
            Instant completed = graceStart(root.endTimeNs(), arrived, settings.grace());
            for (OnlineConfig config : started.of(root.experimentId())) {
                if (arrived.isBefore(config.startedAt().minus(settings.grace()))) {
                    continue;
                }
                if (OnlineSampling.selects(root.traceId(), config.scorerName(), config.sampleRate())) {
                    selected.add(new OnlineClaim.New(root.traceId(), config, completed,
                            completed.plus(settings.grace())));
                }
            }
        }
        if (selected.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return waitForRoom().chain(() -> Uni.createFrom().deferred(() -> claims.insert(selected))
                .onFailure().invoke(e -> Log.warnf("online claims not stored (%s); trying again", e.toString()))
                .onFailure().retry().withBackOff(RETRY_FIRST, RETRY_MAX).indefinitely())
                .invoke(() -> {
                    started.claimed(selected.size());
                    selected.forEach(c -> worker.wakeAt(c.dueAt()));
                })
                .replaceWithVoid();
    }

    /** When the root span reached Kafka: the record's timestamp, never later than now (a producer's clock ahead). */
    static Instant arrival(KafkaRecord<?, ?> record, Instant now) {
        Instant at = record.getTimestamp();
        return at == null || at.isAfter(now) || at.getEpochSecond() <= 0 ? now : at;
    }

    /**
     * Where the grace period starts: the root span's own end, bounded by its arrival, so the claim is due between its
     * arrival and arrival + grace whatever the client's clock says (an end in the future counts as the arrival, an
     * end more than a grace period before the arrival as arrival - grace: a trace exported late is due at once).
     */
    static Instant graceStart(long rootEndNs, Instant arrived, Duration grace) {
        Instant end = Instant.ofEpochSecond(rootEndNs / 1_000_000_000L, rootEndNs % 1_000_000_000L);
        if (end.isAfter(arrived)) {
            return arrived;
        }
        Instant earliest = arrived.minus(grace);
        return end.isBefore(earliest) ? earliest : end;
    }

    private Uni<Void> waitForRoom() {
        if (started.backlog() < settings.maxBacklog()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.createFrom().voidItem().onItem().delayIt().by(BACKLOG_WAIT).chain(this::waitForRoom);
    }

    /**
     * The record's span when it is a root span the shared {@code SpanValidation} accepts (read once, without its
     * attributes and payloads); null for child spans (not parsed further than their {@code parent_span_id}), spans
     * trace-service dead-letters and records it cannot read (trace-service's consumer dead-letters those).
     */
    private SpanEvent readRoot(KafkaRecord<String, byte[]> record) {
        try {
            if (record.getPayload() == null || isChildSpan(record.getPayload())) {
                return null;
            }
            SpanEvent span = SpanValidation.readCall(record.getPayload());
            return span.isRoot() ? span : null;
        } catch (InvalidRecordException | IOException e) {
            Log.debugf("online scoring skips an unusable span record of trace %s in %s-%d: %s", record.getKey(),
                    record.getTopic(), record.getPartition(), e.getMessage());
            return null;
        }
    }

    /**
     * Whether the record is a child span, read only as far as its {@code parent_span_id} (written before the attributes
     * and payloads): nine records in ten are child spans, and online scoring reads root spans only.
     */
    private boolean isChildSpan(byte[] payload) throws IOException {
        try (JsonParser parser = json.getFactory().createParser(payload)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                return false;
            }
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                if ("parent_span_id".equals(field)) {
                    return value == JsonToken.VALUE_STRING && !parser.getText().isEmpty();
                }
                parser.skipChildren();
            }
            return false;
        }
    }

    private static boolean isJudgeTrace(SpanEvent root) {
        return root.traceTags() != null && root.traceTags().containsKey(MlflowKeys.SOURCE_SCORER_TAG);
    }
}
