package dev.evalplane.judge.rest;

import java.util.List;

import dev.evalplane.judge.domain.EvalRow;
import dev.evalplane.judge.domain.RowSource;
import dev.evalplane.judge.scorer.BoundedRegex;
import dev.evalplane.judge.scorer.LlmJudge;
import dev.evalplane.judge.scorer.MissingInputException;
import dev.evalplane.judge.scorer.Scorer;
import dev.evalplane.judge.scorer.code.CodeScorer;
import dev.evalplane.judge.service.DataRowTraces;

/**
 * Data rows are known up front, so a scorer that cannot judge a row is a bad request, not a run of error feedback:
 * every judge builds its prompts and every code scorer runs once on every row, and the first row that lacks
 * something is reported. Scorers that read the trace need rows that bring one. All user regex matching of the check
 * shares one time budget ({@code regexBudget}); a pattern that needs more is a 400. Runs on a worker thread.
 */
final class DataRowCheck {

    static void check(RowSource.DataRows data, List<Scorer> scorers, String experimentId, BoundedRegex.Budget regexBudget) {
        boolean anyTrace = data.rows().stream().anyMatch(r -> r.trace() != null);
        for (int s = 0; s < scorers.size(); s++) {
            if (!anyTrace && scorers.get(s) instanceof LlmJudge judge && judge.needsRetrievalSpans()) {
                throw ProblemException.badRequest("scorers[" + s + "] (" + judge.name() + ") needs traces with"
                        + " RETRIEVER spans, and data rows have none; give the rows a \"trace\", or evaluate trace_ids"
                        + " or a filter_string instead");
            }
        }
        for (int i = 0; i < data.rows().size(); i++) {
            RowSource.DataRow data0 = data.rows().get(i);
            EvalRow row = DataRowTraces.build("validation", experimentId, i, data0, 1L).row();
            for (int s = 0; s < scorers.size(); s++) {
                Scorer scorer = scorers.get(s);
                if (scorer.needsTrace() && data0.trace() == null) {
                    throw ProblemException.badRequest("data[" + i + "]: scorer " + scorer.name() + " reads the trace's"
                            + " spans, and this row has no \"trace\"");
                }
                try {
                    if (scorer instanceof LlmJudge judge) {
                        judge.tasks(row);
                    } else if (scorer instanceof CodeScorer code) {
                        code.score(row, regexBudget);
                    }
                } catch (MissingInputException e) {
                    throw ProblemException.badRequest("data[" + i + "]: " + e.getMessage());
                } catch (BoundedRegex.TooSlowException e) {
                    throw ProblemException.badRequest("scorers[" + s + "] (" + scorer.name() + "): checking the data rows"
                            + " stopped at data[" + i + "]: " + e.getMessage());
                } catch (IllegalArgumentException e) {
                    throw ProblemException.badRequest("data[" + i + "]: scorers[" + s + "] (" + scorer.name() + ")"
                            + " cannot judge this row: " + e.getMessage());
                }
            }
        }
    }

    private DataRowCheck() {
    }
}
