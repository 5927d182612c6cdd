package dev.evalplane.events;

import java.nio.charset.StandardCharsets;

/**
 * The Kafka header scorer-service puts on every {@code spans} record it produces (row traces, judge traces): the
 * mark of a record the pipeline itself wrote. trace-service links a trace into an evalplane-executed run through
 * its metadata {@code mlflow.sourceRun} only when the record carrying that metadata has this mark; a record without it
 * (trace-service's OTLP door, any other producer) is a client's and may link only into a client-owned run
 * (SECURITY.md, "Run ownership"). Only evalplane's services reach Kafka, and no door copies a client's header onto a
 * record.
 */
public final class PipelineRecords {

    public static final String HEADER = "evalplane-producer";
    public static final String SCORER_SERVICE = "scorer-service";

    /** Whether a record's last {@link #HEADER} value (null when it has none) is scorer-service's mark. */
    public static boolean fromPipeline(byte[] lastHeaderValue) {
        return lastHeaderValue != null && SCORER_SERVICE.equals(new String(lastHeaderValue, StandardCharsets.UTF_8));
    }

    public static byte[] mark() {
        return SCORER_SERVICE.getBytes(StandardCharsets.UTF_8);
    }

    private PipelineRecords() {
    }
}
