package dev.evalplane.trace.search;

import java.util.ArrayList;
import java.util.List;

import io.vertx.mutiny.sqlclient.Tuple;

/** Bind parameters of a statement being built: every value goes in here and the SQL text only gets "$n". */
public final class SqlParams {

    private final List<Object> values = new ArrayList<>();

    /** Adds a value; returns its placeholder with an explicit type, e.g. {@code $3::text}. */
    public String add(Object value, String type) {
        values.add(value);
        return "$" + values.size() + "::" + type;
    }

    public Tuple tuple() {
        Tuple tuple = Tuple.tuple();
        values.forEach(tuple::addValue);
        return tuple;
    }

    public List<Object> values() {
        return List.copyOf(values);
    }
}
