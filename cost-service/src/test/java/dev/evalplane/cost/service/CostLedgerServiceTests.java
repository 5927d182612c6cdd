package dev.evalplane.cost.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.evalplane.cost.Spans;
import dev.evalplane.cost.messaging.TraceCostPublisher;
import dev.evalplane.cost.metrics.CostMetrics;
import dev.evalplane.cost.repository.TraceCostVersionRepository;
import dev.evalplane.events.Ids;
import dev.evalplane.events.SpanEvent;
import dev.evalplane.events.TraceCostEvent;
import dev.evalplane.testsupport.KafkaBrokerResource;
import dev.evalplane.testsupport.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;

/**
 * The ledger's transaction: a new trace's version row is created with its first version in one insert (no
 * placeholder row), after which the existing rows are locked; writers of the same traces at once (the consumer, a
 * re-price, a second consumer, a replica of the previous version) take them in one order, and what PostgreSQL still
 * ends as a deadlock is run again. The rows keep the previous version's publication marks, so both versions'
 * publishers publish what either version's writers store (a rolling upgrade).
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, parallel = true)
@WithTestResource(value = PostgresResource.class, parallel = true)
class CostLedgerServiceTests {

    private static final Duration WAIT = Duration.ofSeconds(60);
    // hand-computed in golden/cost-cases.csv
    private static final BigDecimal MINI_COST = new BigDecimal("0.00066");

    /** main's statements before this change (2a08cb8), as a replica of the previous version runs them. */
    private static final String OLD_PLACEHOLDERS = "INSERT INTO costs.trace_cost_versions (trace_id)"
            + " SELECT unnest($1::text[]) ORDER BY 1 ON CONFLICT (trace_id) DO NOTHING";
    private static final String OLD_LOCK = "SELECT trace_id, version, content_hash FROM costs.trace_cost_versions"
            + " WHERE trace_id = ANY($1) ORDER BY trace_id FOR UPDATE";
    private static final String OLD_SAVE = "UPDATE costs.trace_cost_versions v SET version = u.version,"
            + " content_hash = u.hash, event = u.event, updated_at = now() FROM unnest($1::text[], $2::int8[],"
            + " $3::text[], $4::text[]) AS u(trace_id, version, hash, event) WHERE v.trace_id = u.trace_id";
    private static final String OLD_UNPUBLISHED = "SELECT trace_id, version, event FROM costs.trace_cost_versions"
            + " WHERE version > published_version AND trace_id = ANY($2) ORDER BY trace_id LIMIT $1";

    @Inject
    CostLedgerService ledger;

    @Inject
    RepriceService reprice;

    @Inject
    TraceCostPublisher publisher;

    @Inject
    PriceTableService prices;

    @Inject
    CostMetrics metrics;

    @Inject
    TraceCostVersionRepository versions;

    @Inject
    Pool pool;

    @Inject
    ObjectMapper json;

    private static SpanEvent mini(String traceId) {
        return Spans.llm(traceId, Ids.newSpanId(), "0000000000000001", "openai", "gpt-4.1-mini",
                Spans.usage(1200, 300, 1000, 0, 120));
    }

    /**
     * Round after round, two consumers and a re-price write the same traces at once, half of them new (so some
     * writers insert their keys while others lock their rows) and in opposite orders. None fails or deadlocks, and
     * every trace ends with one version per batch that touched it, its exact cost, published; a re-price at the
     * same prices afterwards changes nothing (a new trace's first version, computed from the batch, is what the
     * ledger gives).
     */
    @Test
    void concurrentWritersOfTheSameTracesNeitherDeadlockNorLoseAVersion() throws Exception {
        prices.ready().await().atMost(WAIT);
        double conflictsBefore = metrics.ledgerConflicts();
        for (int round = 0; round < 12; round++) {
            List<String> traces = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                traces.add(Ids.newTraceId());
            }
            List<String> known = new ArrayList<>();
            for (int i = 0; i < traces.size(); i += 2) {
                known.add(traces.get(i));
            }
            ledger.record(known.stream().map(CostLedgerServiceTests::mini).toList()).await().atMost(WAIT);
            List<String> reversed = new ArrayList<>(traces);
            Collections.reverse(reversed);

            CompletableFuture<List<String>> first = ledger.record(traces.stream().map(CostLedgerServiceTests::mini)
                    .toList()).subscribeAsCompletionStage();
            CompletableFuture<RepriceService.Outcome> repriced = reprice.reprice(reversed).subscribeAsCompletionStage();
            CompletableFuture<List<String>> second = ledger.record(reversed.stream().map(CostLedgerServiceTests::mini)
                    .toList()).subscribeAsCompletionStage();
            first.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            second.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            repriced.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            publisher.publishPending(traces).await().atMost(WAIT);

            for (String trace : traces) {
                int batches = known.contains(trace) ? 3 : 2;
                Row row = row(trace);
                assertThat(row.getLong("version")).as("versions of %s", trace).isEqualTo(batches);
                assertThat(row.getLong("published_version")).as("published version of %s", trace).isEqualTo(batches);
                TraceCostEvent event = json.readValue(row.getString("event"), TraceCostEvent.class);
                assertThat(event.version()).isEqualTo(batches);
                assertThat(event.totalCost()).as("cost of %s", trace)
                        .isEqualByComparingTo(MINI_COST.multiply(BigDecimal.valueOf(batches)));
            }
            assertThat(reprice.reprice(traces).await().atMost(WAIT).tracesChanged()).isZero();
        }
        assertThat(metrics.ledgerConflicts() - conflictsBefore).as("transactions PostgreSQL ended as deadlocks")
                .isZero();
    }

    /**
     * Another writer creates the trace's row while the batch is between finding it missing and creating it: the
     * create waits for it, fails, and the batch is stored again under the row's lock, as the next version.
     */
    @Test
    void aRowCreatedMeanwhileByAnotherWriterMakesTheBatchStoreAgainAsItsNextVersion() throws Exception {
        prices.ready().await().atMost(WAIT);
        String trace = Ids.newTraceId();
        SqlConnection other = pool.getConnection().await().atMost(WAIT);
        try {
            Transaction tx = other.begin().await().atMost(WAIT);
            other.preparedQuery("INSERT INTO costs.trace_cost_versions (trace_id, version, content_hash, event)"
                    + " VALUES ($1, 1, 'another writer', '{}')").execute(Tuple.of(trace)).await().atMost(WAIT);

            CompletableFuture<List<String>> recorded = ledger.record(List.of(mini(trace))).subscribeAsCompletionStage();
            awaitWaitingOnALock("INSERT INTO costs.trace_cost_versions%");
            assertThat(recorded).isNotDone();
            tx.commit().await().atMost(WAIT);

            assertThat(recorded.get(WAIT.toSeconds(), TimeUnit.SECONDS)).containsExactly(trace);
        } finally {
            other.close().await().atMost(WAIT);
        }
        assertThat(row(trace).getLong("version")).isEqualTo(2);
        assertThat(event(trace).version()).isEqualTo(2);
        assertThat(event(trace).totalCost()).isEqualByComparingTo(MINI_COST);
    }

    /**
     * A writer outside the lock order (here the test's own transaction) makes PostgreSQL end the ledger's
     * transaction as a deadlock: the batch is stored again, not lost, and the conflict is counted.
     */
    @Test
    void aBatchPostgresEndsAsADeadlockIsStoredAgain() throws Exception {
        prices.ready().await().atMost(WAIT);
        String known = "tr-0" + Ids.newTraceId().substring(4);
        String fresh = "tr-f" + Ids.newTraceId().substring(4);
        ledger.record(List.of(mini(known))).await().atMost(WAIT);
        double conflictsBefore = metrics.ledgerConflicts();
        SqlConnection other = pool.getConnection().await().atMost(WAIT);
        try {
            Transaction tx = other.begin().await().atMost(WAIT);
            // this session never runs the deadlock check first: the ledger's does, and is the one ended
            other.query("SET LOCAL deadlock_timeout = '10min'").execute().await().atMost(WAIT);
            other.preparedQuery(OLD_LOCK).execute(Tuple.of(new String[] { known })).await().atMost(WAIT);

            CompletableFuture<List<String>> recorded = ledger.record(List.of(mini(known), mini(fresh)))
                    .subscribeAsCompletionStage();
            awaitWaitingOnALock("SELECT trace_id, version, content_hash%");
            // the ledger holds the new trace's key and waits for the known trace's row: take the key too
            other.preparedQuery(OLD_PLACEHOLDERS).execute(Tuple.of(new String[] { fresh })).await().atMost(WAIT);
            tx.rollback().await().atMost(WAIT);

            assertThat(recorded.get(WAIT.toSeconds(), TimeUnit.SECONDS)).containsExactly(known, fresh);
        } finally {
            other.close().await().atMost(WAIT);
        }
        assertThat(metrics.ledgerConflicts() - conflictsBefore).isEqualTo(1);
        assertThat(row(known).getLong("version")).isEqualTo(2);
        assertThat(event(known).totalCost()).isEqualByComparingTo(MINI_COST.add(MINI_COST));
        assertThat(row(fresh).getLong("version")).isEqualTo(1);
        assertThat(event(fresh).totalCost()).isEqualByComparingTo(MINI_COST);
    }

    /**
     * Marking versions published locks their rows in trace id order, as the writers do: while a writer holds the
     * smaller trace's row, the mark waits for it holding nothing, so the writer can still take the larger one (an
     * update locking rows in its join's order held the larger one, and the two ended as a deadlock).
     */
    @Test
    void markingVersionsPublishedTakesTheRowsInTraceIdOrder() throws Exception {
        prices.ready().await().atMost(WAIT);
        String smaller = "tr-0" + Ids.newTraceId().substring(4);
        String larger = "tr-f" + Ids.newTraceId().substring(4);
        ledger.record(List.of(mini(larger))).await().atMost(WAIT);
        ledger.record(List.of(mini(smaller))).await().atMost(WAIT);
        SqlConnection writer = pool.getConnection().await().atMost(WAIT);
        try {
            Transaction tx = writer.begin().await().atMost(WAIT);
            writer.preparedQuery(OLD_LOCK).execute(Tuple.of(new String[] { smaller })).await().atMost(WAIT);

            CompletableFuture<Void> marked = versions.markPublished(pool, List.of(
                    new TraceCostVersionRepository.Pending(larger, 1, "{}"),
                    new TraceCostVersionRepository.Pending(smaller, 1, "{}"))).subscribeAsCompletionStage();
            awaitWaitingOnALock("%SET published_version = GREATEST%");
            assertThat(writer.preparedQuery("SELECT trace_id FROM costs.trace_cost_versions WHERE trace_id = $1"
                    + " FOR UPDATE NOWAIT").execute(Tuple.of(larger)).await().atMost(WAIT).size())
                    .as("the larger trace's row, free while the mark waits").isEqualTo(1);
            assertThat(marked).isNotDone();
            tx.commit().await().atMost(WAIT);
            marked.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        } finally {
            writer.close().await().atMost(WAIT);
        }
        assertThat(row(smaller).getLong("published_version")).isEqualTo(1);
        assertThat(row(larger).getLong("published_version")).isEqualTo(1);
    }

    /**
     * A rolling upgrade: a version a replica of the previous version stores (its statements) is published by this
     * version's publisher, once; a first version this version stores is found by the previous version's publisher.
     */
    @Test
    void versionsOfThePreviousVersionAndOfThisOneArePublishedByEither() throws Exception {
        prices.ready().await().atMost(WAIT);
        String old = Ids.newTraceId();
        ledger.record(List.of(mini(old))).await().atMost(WAIT);
        publisher.publishPending(List.of(old)).await().atMost(WAIT);
        ObjectNode second = (ObjectNode) json.readTree(row(old).getString("event"));
        String event = json.writeValueAsString(second.put("version", 2));
        pool.withTransaction(conn -> conn.preparedQuery(OLD_PLACEHOLDERS).execute(Tuple.of(new String[] { old }))
                .chain(() -> conn.preparedQuery(OLD_LOCK).execute(Tuple.of(new String[] { old })))
                .chain(() -> conn.preparedQuery(OLD_SAVE).execute(Tuple.of(new String[] { old }, new Long[] { 2L },
                        new String[] { "old replica" }, new String[] { event }))))
                .await().atMost(WAIT);

        assertThat(publisher.publishPending(List.of(old)).await().atMost(WAIT)).isEqualTo(1);
        assertThat(publisher.publishPending(List.of(old)).await().atMost(WAIT)).isZero();
        assertThat(row(old).getLong("published_version")).isEqualTo(2);

        String fresh = Ids.newTraceId();
        ledger.record(List.of(mini(fresh))).await().atMost(WAIT);
        Map<String, Long> foundTheOldWay = new HashMap<>();
        pool.preparedQuery(OLD_UNPUBLISHED).execute(Tuple.of(10, new String[] { fresh })).await().atMost(WAIT)
                .forEach(r -> foundTheOldWay.put(r.getString("trace_id"), r.getLong("version")));
        assertThat(foundTheOldWay).containsExactly(Map.entry(fresh, 1L));
    }

    private void awaitWaitingOnALock(String statement) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            long waiting = pool.preparedQuery("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'"
                    + " AND query LIKE $1").execute(Tuple.of(statement)).await().atMost(WAIT)
                    .iterator().next().getLong(0);
            if (waiting > 0) {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the ledger never waited for the other writer's lock");
    }

    private TraceCostEvent event(String trace) throws Exception {
        return json.readValue(row(trace).getString("event"), TraceCostEvent.class);
    }

    private Row row(String trace) {
        return pool.preparedQuery("SELECT version, published_version, event FROM costs.trace_cost_versions"
                + " WHERE trace_id = $1").execute(Tuple.of(trace)).await().atMost(WAIT).iterator().next();
    }
}
