package dev.evalplane.support.sql;

import static dev.evalplane.support.sql.Columns.Type.INT4;
import static dev.evalplane.support.sql.Columns.Type.INT8;
import static dev.evalplane.support.sql.Columns.Type.TEXT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.evalplane.testsupport.LocalPostgres;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.PgConnection;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgConnectOptions;

class ColumnsTests {

    private static LocalPostgres postgres;
    private static Vertx vertx;
    private static PgConnection conn;

    @BeforeAll
    static void connect() {
        postgres = LocalPostgres.startTemporary();
        vertx = Vertx.vertx();
        conn = PgConnection.connectAndAwait(vertx, PgConnectOptions.fromUri(postgres.reactiveUrl())
                .setUser("postgres").setPassword("postgres"));
    }

    @AfterAll
    static void close() {
        conn.closeAndAwait();
        vertx.closeAndAwait();
        postgres.close();
    }

    @Test
    void eachColumnIsOneTypedArrayOfItsRowsValuesNullsKept() {
        Columns rows = new Columns(3, TEXT, INT8, INT4);
        rows.row().text("a").int8(1L).int4(7);
        rows.row().text(null).int8(null).int4(null);
        rows.row().text("c").int8(Long.MAX_VALUE).int4(-1);

        Tuple tuple = rows.tuple();

        assertThat(tuple.size()).isEqualTo(3);
        assertThat(tuple.getValue(0)).isInstanceOf(String[].class).isEqualTo(new String[] {"a", null, "c"});
        assertThat(tuple.getValue(1)).isInstanceOf(Long[].class).isEqualTo(new Long[] {1L, null, Long.MAX_VALUE});
        assertThat(tuple.getValue(2)).isInstanceOf(Integer[].class).isEqualTo(new Integer[] {7, null, -1});
    }

    @Test
    void postgresUnnestsTheArraysAsTextInt8AndInt4Rows() {
        Columns rows = new Columns(2, TEXT, INT8, INT4);
        rows.row().text("trace-1").int8(5_000_000_000L).int4(3);
        rows.row().text(null).int8(null).int4(null);

        List<String> read = new ArrayList<>();
        for (Row row : conn.preparedQuery("SELECT unnest($1::text[]) AS t, unnest($2::int8[]) AS l,"
                + " unnest($3::int4[]) AS i").executeAndAwait(rows.tuple())) {
            read.add(row.getString("t") + "/" + row.getLong("l") + "/" + row.getInteger("i"));
        }

        assertThat(read).containsExactly("trace-1/5000000000/3", "null/null/null");
    }

    @Test
    void noRowsAreEmptyArrays() {
        Tuple tuple = new Columns(0, TEXT, INT8).tuple();

        assertThat((String[]) tuple.getValue(0)).isEmpty();
        assertThat((Long[]) tuple.getValue(1)).isEmpty();
    }

    @Test
    void aValueOfAnotherTypeThanItsColumnIsRefused() {
        Columns rows = new Columns(1, TEXT, INT8);

        assertThatThrownBy(() -> rows.row().text("a").text("b"))
                .isInstanceOf(IllegalStateException.class).hasMessage("column 1 is int8[], given a text value (row 0)");
    }

    @Test
    void aRowWithTooManyOrTooFewValuesIsRefused() {
        Columns tooMany = new Columns(1, TEXT);
        assertThatThrownBy(() -> tooMany.row().text("a").text("b"))
                .isInstanceOf(IllegalStateException.class).hasMessage("row 0 given more than its 1 values");

        Columns tooFew = new Columns(2, TEXT, INT8);
        tooFew.row().text("a");
        assertThatThrownBy(tooFew::row)
                .isInstanceOf(IllegalStateException.class).hasMessage("row 0 has 1 values for 2 columns");
        assertThatThrownBy(tooFew::tuple).isInstanceOf(IllegalStateException.class)
                .hasMessage("1 rows (the last with 1 of 2 values) for the 2 announced");
    }

    @Test
    void moreOrFewerRowsThanAnnouncedAreRefused() {
        Columns more = new Columns(1, TEXT);
        more.row().text("a");
        assertThatThrownBy(more::row)
                .isInstanceOf(IllegalStateException.class).hasMessage("a row more than the 1 announced");

        Columns fewer = new Columns(2, TEXT);
        fewer.row().text("a");
        assertThatThrownBy(fewer::tuple).isInstanceOf(IllegalStateException.class)
                .hasMessage("1 rows (the last with 1 of 1 values) for the 2 announced");

        assertThatThrownBy(() -> new Columns(1, TEXT).text("a"))
                .isInstanceOf(IllegalStateException.class).hasMessage("a text value before the first row()");
    }
}
