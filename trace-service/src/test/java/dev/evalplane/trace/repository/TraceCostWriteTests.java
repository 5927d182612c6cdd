package dev.evalplane.trace.repository;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.evalplane.events.CostStatus;
import dev.evalplane.events.Ids;
import dev.evalplane.testsupport.KafkaBrokerResource;
import dev.evalplane.testsupport.PostgresResource;
import dev.evalplane.trace.domain.TraceCostRecord;
import dev.evalplane.trace.support.Events;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;

/**
 * {@link TraceCostRepository#upsertNewer}: a trace's first cost version is inserted, not upserted; when its row exists
 * (a redelivery) or appears meanwhile (another writer of the same trace at once: a rebalance, a previous-version
 * replica), the outcome is the upsert's: the stored row changes only for a newer version, and the batch's other
 * records are stored all the same.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, parallel = true)
@WithTestResource(value = PostgresResource.class, parallel = true)
class TraceCostWriteTests {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    TraceCostRepository repository;

    @Inject
    Pool pool;

    @Inject
    ObjectMapper mapper;

    @Test
    void firstVersionsAndLaterOnesOfOneBatchAreAllStored() {
        String created = Ids.newTraceId();
        String continued = Ids.newTraceId();
        write(record(continued, 1, 10));

        write(record(created, 1, 20), record(continued, 2, 30));

        assertThat(stored(created)).containsExactly(1L, 20L);
        assertThat(stored(continued)).containsExactly(2L, 30L);
    }

    @Test
    void aRedeliveredFirstVersionLeavesTheNewerRowAndTheBatchIsStored() {
        String redelivered = Ids.newTraceId();
        String other = Ids.newTraceId();
        write(record(redelivered, 1, 10));
        write(record(redelivered, 2, 20));

        write(record(other, 1, 30), record(redelivered, 1, 10));

        assertThat(stored(redelivered)).containsExactly(2L, 20L);
        assertThat(stored(other)).containsExactly(1L, 30L);
    }

    @Test
    void aFirstVersionWrittenMeanwhileByAnotherWriterIsNotAFailure() throws Exception {
        String contended = Ids.newTraceId();
        String other = Ids.newTraceId();
        SqlConnection writer = pool.getConnection().await().atMost(WAIT);
        try {
            writer.query("BEGIN").execute().await().atMost(WAIT);
            writer.preparedQuery("INSERT INTO trace_costs (trace_id, version, input_tokens, output_tokens, total_tokens,"
                    + " cost_status, metadata_patch, span_costs) VALUES ($1, 1, 40, 0, 40, 'PRICED', '{}', '{}')")
                    .execute(Tuple.of(contended)).await().atMost(WAIT);

            // the insert waits for the other writer's row, then meets it on the key
            CompletableFuture<Void> ours = repository.upsertNewer(List.of(record(other, 1, 30), record(contended, 1, 10)))
                    .subscribeAsCompletionStage();
            Thread.sleep(500);
            assertThat(ours).isNotDone();
            writer.query("COMMIT").execute().await().atMost(WAIT);
            ours.get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        } finally {
            writer.close().await().atMost(WAIT);
        }

        assertThat(stored(contended)).containsExactly(1L, 40L);
        assertThat(stored(other)).containsExactly(1L, 30L);
    }

    private TraceCostRecord record(String traceId, long version, long inputTokens) {
        return TraceCostRecord.of(Events.cost(traceId, version, inputTokens, 1, "0.5", CostStatus.PRICED), mapper);
    }

    private void write(TraceCostRecord... records) {
        repository.upsertNewer(List.of(records)).await().atMost(WAIT);
    }

    /** version, input_tokens */
    private List<Long> stored(String traceId) {
        Row row = pool.preparedQuery("SELECT version, input_tokens FROM trace_costs WHERE trace_id = $1")
                .execute(Tuple.of(traceId)).await().atMost(WAIT).iterator().next();
        return List.of(row.getLong("version"), row.getLong("input_tokens"));
    }
}
