package dev.evalplane.judge.rest;

import java.util.List;

import dev.evalplane.judge.EvalRow;
import dev.evalplane.judge.RowSource;
import dev.evalplane.judge.scorer.MissingInputException;
import dev.evalplane.judge.scorer.Scorer;
import dev.evalplane.judge.tracing.RowTraceBuilder;
import dev.evalplane.judge.tracing.TraceCompactor;

/**
 * Data rows are known up front, so a scorer that cannot judge a row is a bad request, not a run of error feedback:
 * every scorer builds its prompts for every row once, and the first row that lacks something is reported.
 */
final class DataRowCheck {

    static void check(RowSource.DataRows data, List<Scorer> scorers, String experimentId) {
        for (int s = 0; s < scorers.size(); s++) {
            if (scorers.get(s).needsRetrievalSpans()) {
                throw ProblemException.badRequest("scorers[" + s + "] (" + scorers.get(s).name() + ") needs traces with"
                        + " RETRIEVER spans, and data rows have none; evaluate trace_ids or a filter_string instead");
            }
        }
        for (int i = 0; i < data.rows().size(); i++) {
            EvalRow row = provisional(i, data.rows().get(i), experimentId);
            for (Scorer scorer : scorers) {
                try {
                    scorer.tasks(row);
                } catch (MissingInputException e) {
                    throw ProblemException.badRequest("data[" + i + "]: " + e.getMessage());
                }
            }
        }
    }

    private static EvalRow provisional(int index, RowSource.DataRow row, String experimentId) {
        var root = RowTraceBuilder.rootSpan("validation", experimentId, index, row.inputs(), row.outputs(), 0L);
        return new EvalRow(index, root.traceId(), root.spanId(), row.inputs(), row.outputs(), row.expectations(),
                List.of(), TraceCompactor.fromRowSpan(root));
    }

    private DataRowCheck() {
    }
}
