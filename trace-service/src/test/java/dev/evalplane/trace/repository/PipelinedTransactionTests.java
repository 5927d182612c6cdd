package dev.evalplane.trace.repository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.evalplane.events.Ids;
import dev.evalplane.testsupport.KafkaBrokerResource;
import dev.evalplane.testsupport.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.inject.Inject;

/**
 * {@link Db#pipelinedWithTraceLocks}: statements sent without waiting for each other still run in list order in one
 * transaction; a failing one rolls the whole batch back, is the outcome (with its SQLSTATE, which the consumers' retry
 * and dead-letter rules read) and leaves no connection of the pool inside a transaction.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, parallel = true)
@WithTestResource(value = PostgresResource.class, parallel = true)
class PipelinedTransactionTests {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    Db db;

    @Inject
    Pool pool;

    @BeforeEach
    void table() {
        pool.query("CREATE TABLE IF NOT EXISTS pipelined_probe (k text PRIMARY KEY, v int NOT NULL)").execute()
                .await().atMost(WAIT);
    }

    @Test
    void statementsRunInListOrderInOneTransaction() {
        String k = "k-" + Ids.newSpanId();
        db.pipelinedWithTraceLocks(List.of(Ids.newTraceId()), conn -> List.of(
                insert(conn, k, 1),
                conn.preparedQuery("UPDATE pipelined_probe SET v = v + 1 WHERE k = $1").execute(Tuple.of(k)),
                conn.preparedQuery("UPDATE pipelined_probe SET v = v * 10 WHERE k = $1").execute(Tuple.of(k))))
                .await().atMost(WAIT);

        // (1 + 1) * 10: each statement saw the one before it (any other order gives 11 or no row)
        assertThat(value(k)).isEqualTo(20);
    }

    @Test
    void aFailingStatementRollsBackTheBatchAndIsTheOutcome() {
        String before = "before-" + Ids.newSpanId();
        String after = "after-" + Ids.newSpanId();

        assertThatThrownBy(() -> db.pipelinedWithTraceLocks(List.of(Ids.newTraceId()), conn -> List.of(
                insert(conn, before, 1),
                conn.preparedQuery("SELECT 1 / $1::int").execute(Tuple.of(0)),
                insert(conn, after, 3))).await().atMost(WAIT))
                .isInstanceOf(PgException.class)
                .satisfies(e -> assertThat(((PgException) e).getSqlState()).isEqualTo("22012"));

        assertThat(value(before)).isNull();
        assertThat(value(after)).isNull();
    }

    @Test
    void noConnectionIsLeftInATransactionAfterFailures() {
        int poolSize = 20;
        for (int i = 0; i < poolSize + 5; i++) {
            String k = "failed-" + i + "-" + Ids.newSpanId();
            assertThatThrownBy(() -> db.pipelinedWithTraceLocks(List.of(Ids.newTraceId()), conn -> List.of(
                    insert(conn, k, 1), insert(conn, k, 2))).await().atMost(WAIT))
                    .isInstanceOf(PgException.class);
        }
        List<String> keys = new ArrayList<>();
        List<Uni<Void>> writes = new ArrayList<>();
        for (int i = 0; i < poolSize + 5; i++) {
            String k = "ok-" + i + "-" + Ids.newSpanId();
            keys.add(k);
            writes.add(db.pipelinedWithTraceLocks(List.of(Ids.newTraceId()), conn -> List.of(insert(conn, k, 7))));
        }
        Uni.join().all(writes).andFailFast().await().atMost(WAIT);

        // a connection left in an aborted transaction would have failed a write, or kept it uncommitted
        for (String k : keys) {
            assertThat(value(k)).isEqualTo(7);
        }
    }

    private static Uni<?> insert(SqlConnection conn, String k, int v) {
        return conn.preparedQuery("INSERT INTO pipelined_probe (k, v) VALUES ($1, $2)").execute(Tuple.of(k, v));
    }

    private Integer value(String k) {
        var rows = pool.preparedQuery("SELECT v FROM pipelined_probe WHERE k = $1").execute(Tuple.of(k))
                .await().atMost(WAIT);
        for (Row row : rows) {
            return row.getInteger(0);
        }
        return null;
    }
}
