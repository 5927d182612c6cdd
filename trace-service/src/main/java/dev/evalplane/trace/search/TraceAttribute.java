package dev.evalplane.trace.search;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Trace attributes a filter or order_by may name (with or without the attributes./attribute./trace. prefix), and the
 * SQL expression each maps to. The expressions are fixed text; user values only ever travel as bind parameters.
 */
public enum TraceAttribute {
    TIMESTAMP(Kind.NUMBER, "t.request_time_ms", "t.request_time_ms", "timestamp_ms", "timestamp"),
    EXECUTION_TIME(Kind.NUMBER, "t.execution_duration_ms", "COALESCE(t.execution_duration_ms, -1)",
            "execution_time_ms", "execution_time"),
    STATUS(Kind.TEXT, "t.state", "t.state", "status", "state"),
    TRACE_ID(Kind.TEXT, "t.trace_id", "t.trace_id", "trace_id", "request_id"),
    NAME(Kind.TEXT, "(t.tags ->> 'mlflow.traceName')", "COALESCE(t.tags ->> 'mlflow.traceName', '')", "name"),
    EXPERIMENT_ID(Kind.TEXT, "t.experiment_id", "t.experiment_id", "experiment_id"),
    CLIENT_REQUEST_ID(Kind.TEXT, "t.client_request_id", null, "client_request_id"),
    RUN_ID(Kind.RUN, null, null, "run_id");

    public enum Kind {
        NUMBER, TEXT, RUN
    }

    public static final List<String> STATES = List.of("OK", "ERROR", "IN_PROGRESS");

    private final Kind kind;
    private final String column;
    private final String sortExpression;
    private final List<String> names;

    TraceAttribute(Kind kind, String column, String sortExpression, String... names) {
        this.kind = kind;
        this.column = column;
        this.sortExpression = sortExpression;
        this.names = List.of(names);
    }

    public static Optional<TraceAttribute> byName(String name) {
        return Arrays.stream(values()).filter(a -> a.names.contains(name.toLowerCase())).findFirst();
    }

    public static String allNames() {
        return String.join(", ", Arrays.stream(values()).flatMap(a -> a.names.stream()).toList());
    }

    public Kind kind() {
        return kind;
    }

    /** SQL expression for comparisons. */
    public String column() {
        return column;
    }

    /** Non-null SQL expression for ORDER BY and keysets; null when the attribute cannot be sorted on. */
    public String sortExpression() {
        return sortExpression;
    }

    public String displayName() {
        return names.get(0);
    }
}
