package dev.evalplane.trace.domain;

import java.util.List;

/**
 * What writing a batch's trace rows found out about their run links, for the statements after it in the same
 * transaction (the trace locks keep it true until commit): the runs the traces' metadata names now
 * ({@code mlflow.sourceRun}, distinct, none empty), and whether any of the traces had a run link already.
 */
public record WrittenTraces(List<String> namedRuns, boolean linked) {

    /** Whether the traces have run links to keep up to date: links they had, or links their metadata makes. */
    public boolean mayHaveLinks() {
        return linked || !namedRuns.isEmpty();
    }
}
