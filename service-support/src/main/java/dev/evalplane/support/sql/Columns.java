package dev.evalplane.support.sql;

import io.vertx.mutiny.sqlclient.Tuple;

/**
 * Rows of a multi-row statement sent column by column: each parameter is one array ({@code $1::text[]}, ...) that the
 * statement unnests, so a batch is one statement (statement triggers fire once) instead of one per row.
 * <p>
 * The row count and the columns' types are given first; each column is then one typed array ({@code String[]},
 * {@code Long[]}, {@code Integer[]}: the arrays the PostgreSQL client encodes as text[], int8[], int4[]), filled in
 * place row by row: {@code rows.row().text(id).int8(version)}. A value of the wrong type for its column, a row with too
 * few or too many values, or more or fewer rows than announced fail with an {@link IllegalStateException} naming
 * the row and column. The int8 and int4 columns hold boxed values: the client encodes those arrays only (a
 * {@code long[]} it first copies into a {@code Long[]} itself).
 */
public final class Columns {

    /** A column's element type. */
    public enum Type {
        TEXT, INT8, INT4;

        private String array() {
            return name().toLowerCase() + "[]";
        }
    }

    private final int rows;
    private final Type[] types;
    private final Object[] arrays;
    /** Per column, its array when the column has that type, else null: the value's type check is a null check. */
    private final String[][] texts;
    private final Long[][] int8s;
    private final Integer[][] int4s;
    private int row = -1;
    /** The current row's next column; at first the width, so that a value before {@link #row()} is refused. */
    private int column;

    public Columns(int rows, Type... types) {
        this.rows = rows;
        this.types = types.clone();
        arrays = new Object[types.length];
        texts = new String[types.length][];
        int8s = new Long[types.length][];
        int4s = new Integer[types.length][];
        for (int c = 0; c < types.length; c++) {
            arrays[c] = switch (types[c]) {
                case TEXT -> texts[c] = new String[rows];
                case INT8 -> int8s[c] = new Long[rows];
                case INT4 -> int4s[c] = new Integer[rows];
            };
        }
        column = types.length;
    }

    /** Starts the next row; the previous one must be complete. */
    public Columns row() {
        if (column != types.length) {
            throw new IllegalStateException("row " + row + " has " + column + " values for " + types.length
                    + " columns");
        }
        if (row + 1 == rows) {
            throw new IllegalStateException("a row more than the " + rows + " announced");
        }
        row++;
        column = 0;
        return this;
    }

    /** The current row's next value, of a text column (null allowed). */
    public Columns text(String value) {
        return put(texts, value, Type.TEXT);
    }

    /** The current row's next value, of an int8 column (null allowed). */
    public Columns int8(Long value) {
        return put(int8s, value, Type.INT8);
    }

    /** The current row's next value, of an int4 column (null allowed). */
    public Columns int4(Integer value) {
        return put(int4s, value, Type.INT4);
    }

    /** The value in its column's array (the column's type checked: of another type, its array here is null). */
    private <T> Columns put(T[][] byColumn, T value, Type type) {
        if (column == types.length) {
            throw tooMany(type);
        }
        T[] array = byColumn[column];
        if (array == null) {
            throw wrongType(type);
        }
        array[row] = value;
        column++;
        return this;
    }

    /** The statement's parameters, one array per column; all rows announced must be complete. */
    public Tuple tuple() {
        if (column != types.length || row + 1 != rows) {
            throw new IllegalStateException((row + 1) + " rows (the last with " + column + " of " + types.length
                    + " values) for the " + rows + " announced");
        }
        return Tuple.from(arrays);
    }

    /** A value past the current row's last column: before the first row, or one too many. */
    private IllegalStateException tooMany(Type given) {
        return new IllegalStateException(row < 0 ? "a " + given.name().toLowerCase() + " value before the first row()"
                : "row " + row + " given more than its " + types.length + " values");
    }

    private IllegalStateException wrongType(Type given) {
        return new IllegalStateException("column " + column + " is " + types[column].array() + ", given a "
                + given.name().toLowerCase() + " value (row " + row + ")");
    }
}
