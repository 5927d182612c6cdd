package dev.evalplane.trace.otlp.mapping;

/**
 * What the request says about all its spans: the {@code x-mlflow-experiment-id} header (null when absent) and the
 * optional {@code x-mlflow-run-id} header.
 */
public record IngestContext(String experimentId, String runId) {

    public static IngestContext of(String experimentId, String runId) {
        return new IngestContext(blankToNull(experimentId), blankToNull(runId));
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
