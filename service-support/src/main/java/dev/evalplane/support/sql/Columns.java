package dev.evalplane.support.sql;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;

import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Rows of a multi-row statement sent column by column: each parameter is one array ({@code $1::text[]}, ...) that the
 * statement unnests, so a batch is one statement (statement triggers fire once) instead of one per row. Each
 * column's element type is given (String, Long, ...): it is the array type the client encodes, null or not.
 */
public final class Columns {

    private final Class<?>[] types;
    private final List<List<Object>> columns;

    public Columns(int rows, Class<?>... types) {
        this.types = types;
        columns = new ArrayList<>(types.length);
        for (int c = 0; c < types.length; c++) {
            columns.add(new ArrayList<>(rows));
        }
    }

    public void add(Object... row) {
        if (row.length != types.length) {
            throw new IllegalArgumentException("a row of " + row.length + " values for " + types.length + " columns");
        }
        for (int c = 0; c < row.length; c++) {
            columns.get(c).add(types[c].cast(row[c]));
        }
    }

    public Tuple tuple() {
        Object[] arrays = new Object[types.length];
        for (int c = 0; c < arrays.length; c++) {
            List<Object> values = columns.get(c);
            arrays[c] = values.toArray((Object[]) Array.newInstance(types[c], values.size()));
        }
        return Tuple.from(arrays);
    }
}
