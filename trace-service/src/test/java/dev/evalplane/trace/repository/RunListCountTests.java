package dev.evalplane.trace.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import dev.evalplane.events.Ids;
import dev.evalplane.testsupport.KafkaBrokerResource;
import dev.evalplane.testsupport.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;

/**
 * The evaluation list's total is a counter kept by triggers on trace_run_links: after any kind of change, a rolled
 * back transaction, concurrent writers on one run and compactions of two replicas beside them, it must equal a count
 * of the listed links.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, parallel = true)
@WithTestResource(value = PostgresResource.class, parallel = true)
class RunListCountTests {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    Pool pool;

    @Inject
    RunListCountRepository counts;

    @Test
    void totalFollowsInsertsUpdatesUpsertsAndDeletes() {
        String run = "run-count-" + Ids.newSpanId();
        String other = "run-count-other-" + Ids.newSpanId();
        sql("""
                INSERT INTO trace_run_links (run_id, trace_id, request_time_ms, qualifies)
                SELECT CASE WHEN g % 3 = 0 THEN $2 ELSE $1 END, $1 || '-' || g, g, g % 2 = 0
                FROM generate_series(1, 30) g""", run, other);
        assertExact(run, 10);
        assertExact(other, 5);

        sql("UPDATE trace_run_links SET qualifies = true WHERE run_id = $1", run);
        assertExact(run, 20);
        sql("UPDATE trace_run_links SET is_judge = true WHERE run_id = $1 AND request_time_ms <= 10", run);
        assertExact(run, 13);
        sql("UPDATE trace_run_links SET request_time_ms = NULL WHERE run_id = $1 AND request_time_ms = 11", run);
        assertExact(run, 12);
        // an upsert that inserts some rows and updates others fires both statement triggers
        sql("""
                INSERT INTO trace_run_links (run_id, trace_id, request_time_ms, qualifies)
                SELECT $1, $1 || '-' || g, g, true FROM generate_series(25, 40) g
                ON CONFLICT (run_id, trace_id) DO UPDATE SET is_judge = false, request_time_ms = EXCLUDED.request_time_ms""",
                run);
        assertExact(run, 12 + 12); // 25..30 are listed already or other's; 27, 30 and 31..40 are new
        sql("DELETE FROM trace_run_links WHERE run_id = $1 AND request_time_ms > 35", run);
        assertExact(run, 24 - 5);
        sql("UPDATE trace_run_links SET qualifies = false WHERE run_id = $1", other);
        assertExact(other, 0);
        assertThat(total("run-count-never-written")).isZero();
    }

    @Test
    void aRolledBackWriteLeavesTheTotalAlone() {
        String run = "run-count-rollback-" + Ids.newSpanId();
        sql("INSERT INTO trace_run_links (run_id, trace_id, request_time_ms, qualifies) "
                + "SELECT $1, $1 || '-' || g, g, true FROM generate_series(1, 7) g", run);
        assertThatThrownBy(() -> pool.withTransaction(conn -> conn
                .preparedQuery("UPDATE trace_run_links SET qualifies = false WHERE run_id = $1").execute(Tuple.of(run))
                .chain(() -> conn.query("SELECT 1 / 0").execute())).await().atMost(WAIT))
                .hasMessageContaining("division by zero");
        assertExact(run, 7);
    }

    @Test
    void writesThroughAnotherSearchPathAreCounted() {
        String run = "run-count-path-" + Ids.newSpanId();
        pool.withTransaction(conn -> conn.query("SET LOCAL search_path = public").execute()
                .chain(() -> conn.preparedQuery("INSERT INTO traces.trace_run_links (run_id, trace_id, request_time_ms,"
                        + " qualifies) SELECT $1, $1 || '-' || g, g, true FROM generate_series(1, 3) g")
                        .execute(Tuple.of(run)))).await().atMost(WAIT);
        assertExact(run, 3);
    }

    @Test
    void concurrentWritersAndTwoCompactingReplicasKeepTotalsExact() {
        String run = "run-count-busy-" + Ids.newSpanId();
        sql("INSERT INTO trace_run_links (run_id, trace_id, request_time_ms) "
                + "SELECT $1, $1 || '-' || g, g FROM generate_series(1, 400) g", run);
        AtomicBoolean writing = new AtomicBoolean(true);
        List<Uni<Void>> work = new ArrayList<>();
        for (int writer = 0; writer < 8; writer++) {
            work.add(writer(run, new Random(writer)));
        }
        Uni<Void> writers = Uni.join().all(work).andFailFast().invoke(() -> writing.set(false)).replaceWithVoid();
        List<Integer> passes = new ArrayList<>();
        Uni<Void> replicas = Uni.join().all(compactUntil(writing, passes), compactUntil(writing, passes))
                .andFailFast().replaceWithVoid();
        Uni.join().all(writers, replicas).andFailFast().await().atMost(Duration.ofMinutes(3));

        assertThat(passes).hasSizeGreaterThan(2);
        assertThat(total(run)).isEqualTo(listed(run));
        counts.compact(pool, 0).await().atMost(WAIT);
        assertThat(total(run)).isEqualTo(listed(run));
        assertThat(number("SELECT count(*) FROM run_list_counts WHERE run_id = $1", run)).isLessThanOrEqualTo(1);
    }

    /**
     * 40 transactions, each flipping the seed-rule flag of 10 random links of the run (overlaps included). Writers
     * that lock overlapping rows in different orders can deadlock; PostgreSQL then aborts one of them, and that one is
     * tried again, as the services' consumers retry a transient failure (service-support {@code Failures}).
     */
    private Uni<Void> writer(String run, Random random) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int i = 0; i < 40; i++) {
            List<String> ids = new ArrayList<>();
            for (int j = 0; j < 10; j++) {
                ids.add(run + "-" + (1 + random.nextInt(400)));
            }
            boolean qualifies = random.nextBoolean();
            chain = chain.chain(() -> pool.withTransaction(conn -> conn
                    .preparedQuery("UPDATE trace_run_links SET qualifies = $2 WHERE run_id = $1 AND trace_id = ANY($3)")
                    .execute(Tuple.of(run, qualifies, ids.toArray(String[]::new))))
                    .onFailure(RunListCountTests::isDeadlock).retry().atMost(5)).replaceWithVoid();
        }
        return chain;
    }

    private static boolean isDeadlock(Throwable failure) {
        return failure instanceof PgException pg && "40P01".equals(pg.getSqlState());
    }

    private Uni<Void> compactUntil(AtomicBoolean writing, List<Integer> passes) {
        long[] watermark = {0};
        return Uni.createFrom().deferred(() -> counts.compact(pool, watermark[0]))
                .onFailure(RunListCountTests::isDeadlock).retry().atMost(5)
                .invoke(done -> {
                    watermark[0] = done.watermark();
                    synchronized (passes) {
                        passes.add(1);
                    }
                })
                .repeat().whilst(done -> writing.get()).collect().last().replaceWithVoid();
    }

    private void assertExact(String run, long expected) {
        assertThat(listed(run)).isEqualTo(expected);
        assertThat(total(run)).isEqualTo(expected);
    }

    private long total(String run) {
        return counts.counters(pool, run).await().atMost(WAIT).listed();
    }

    private long listed(String run) {
        return number("SELECT count(*) FROM trace_run_links WHERE run_id = $1 AND listed", run);
    }

    private long number(String sql, String run) {
        return pool.preparedQuery(sql).execute(Tuple.of(run)).await().atMost(WAIT).iterator().next().getLong(0);
    }

    private void sql(String sql, Object... args) {
        pool.preparedQuery(sql).execute(Tuple.from(args)).await().atMost(WAIT);
    }
}
