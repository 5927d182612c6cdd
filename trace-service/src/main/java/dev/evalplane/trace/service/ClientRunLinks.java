package dev.evalplane.trace.service;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.evalplane.trace.repository.Db;
import dev.evalplane.trace.repository.PipelineRunRepository;
import dev.evalplane.trace.repository.RunLinkRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * MLflow's link-to-run for a run the MLflow client created: the gateway checks that the run is the client's own
 * (scorer-service origin MLFLOW_CLIENT) before it calls this; here a run the pipeline owns is refused (403), and a
 * link written before the pipeline's first record registered the run stops counting then (RunLinkRepository). A
 * linked trace that is not stored yet joins the list once it is (the link's columns are refreshed on every write
 * touching the trace).
 */
@ApplicationScoped
public class ClientRunLinks {

    /** MLflow's own limit per link-to-run call. */
    public static final int MAX_TRACES = 100;
    static final int MAX_ID = 256;

    private final Db db;
    private final RunLinkRepository links;
    private final PipelineRunRepository pipelineRuns;

    public ClientRunLinks(Db db, RunLinkRepository links, PipelineRunRepository pipelineRuns) {
        this.db = db;
        this.links = links;
        this.pipelineRuns = pipelineRuns;
    }

    /** How many distinct traces were linked; ValidationException for a bad run id or trace id list. */
    public Uni<Integer> link(String runId, List<String> traceIds) {
        if (runId == null || runId.isBlank() || runId.length() > MAX_ID || runId.indexOf('\0') >= 0) {
            throw new ValidationException("run_id must be a non-empty id of at most " + MAX_ID + " characters");
        }
        if (traceIds == null || traceIds.isEmpty() || traceIds.size() > MAX_TRACES) {
            throw new ValidationException("trace_ids must list 1 to " + MAX_TRACES + " trace ids");
        }
        Set<String> ids = new LinkedHashSet<>();
        for (String id : traceIds) {
            if (id == null || id.isBlank() || id.length() > MAX_ID || id.indexOf('\0') >= 0) {
                throw new ValidationException("trace_ids: every id must be a non-empty string of at most " + MAX_ID
                        + " characters");
            }
            ids.add(id);
        }
        return db.withTraceLocks(ids, conn -> pipelineRuns.isPipelineRun(conn, runId).chain(pipeline -> pipeline
                ? Uni.createFrom().<Void>failure(new NotOwnedException("run " + runId + " was executed by evalplane;"
                        + " traces can be linked only into a run the client created"))
                : links.linkFromClient(conn, runId, ids).chain(() -> links.refresh(conn, ids))))
                .replaceWith(ids.size());
    }
}
