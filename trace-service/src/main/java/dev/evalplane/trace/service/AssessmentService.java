package dev.evalplane.trace.service;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;


import dev.evalplane.events.http.Assessment;
import dev.evalplane.events.http.AssessmentCreateRequest;
import dev.evalplane.events.http.AssessmentPatchRequest;
import dev.evalplane.trace.repository.AssessmentQueries;
import dev.evalplane.trace.repository.AssessmentRepository;
import dev.evalplane.trace.repository.Db;
import dev.evalplane.trace.repository.PipelineRunRepository;
import dev.evalplane.trace.repository.RunLinkRepository;
import dev.evalplane.trace.repository.TraceQueries;
import dev.evalplane.trace.domain.AssessmentRecord;
import dev.evalplane.support.error.InvalidInputException;
import dev.evalplane.support.error.NotFoundException;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Feedback and expectations, from the assessments topic and from the REST API. An assessment scorer-service produced
 * for a run (metadata {@code mlflow.assessment.sourceRunId}, only on the topic: the REST API keeps a client's value of
 * that key as client-reported) links its trace to that run; an assessment that {@code overrides} another makes that
 * one invalid. Run membership is refreshed in the same transaction.
 */
@ApplicationScoped
public class AssessmentService {

    private final Db db;
    private final AssessmentRepository repository;
    private final AssessmentQueries queries;
    private final RunLinkRepository links;
    private final TraceQueries traces;
    private final PipelineRunRepository pipelineRuns;

    public AssessmentService(Db db, AssessmentRepository repository, AssessmentQueries queries,
            RunLinkRepository links, TraceQueries traces, PipelineRunRepository pipelineRuns) {
        this.db = db;
        this.repository = repository;
        this.queries = queries;
        this.links = links;
        this.traces = traces;
        this.pipelineRuns = pipelineRuns;
    }

    /** From the assessments topic (the pipeline's): the runs they name are registered as the pipeline's first. */
    public Uni<Void> ingest(List<AssessmentRecord> batch) {
        if (batch.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Set<String> runIds = new LinkedHashSet<>();
        batch.forEach(r -> {
            if (r.sourceRunId() != null) {
                runIds.add(r.sourceRunId());
            }
        });
        // one round trip for the whole batch (every statement of store, pipelined): feedback arrives a few records
        // per poll during a judge run, so the per-batch round trips were most of its cost and of its latency
        return pipelineRuns.register(runIds)
                .chain(() -> db.pipelinedWithTraceLocks(traceIds(batch), conn -> statements(conn, batch)));
    }

    public Uni<Assessment> create(String traceId, AssessmentCreateRequest body) {
        AssessmentRecord record = AssessmentRequests.create(traceId, body);
        return db.withTraceLocks(List.of(traceId), conn -> requireTrace(conn, traceId)
                .chain(() -> requireOverridable(conn, record))
                .chain(() -> inOrder(statements(conn, List.of(record))))
                .chain(() -> queries.byId(conn, traceId, record.assessmentId())));
    }

    public Uni<Assessment> update(String traceId, String assessmentId, AssessmentPatchRequest body) {
        AssessmentPatch patch = AssessmentRequests.patch(body);
        return db.withTraceLocks(List.of(traceId), conn -> repository.update(conn, traceId, assessmentId,
                patch.name(), patch.setValue(), patch.value(), patch.setRationale(), patch.rationale(), patch.metadata(),
                patch.removeKeys(), patch.valid())
                .chain(found -> found ? links.refresh(conn, List.of(traceId))
                        .chain(() -> queries.byId(conn, traceId, assessmentId))
                        : Uni.createFrom().failure(notFound(traceId, assessmentId))));
    }

    public Uni<Void> delete(String traceId, String assessmentId) {
        return db.withTraceLocks(List.of(traceId), conn -> repository.delete(conn, traceId, assessmentId)
                .chain(deleted -> deleted ? links.refresh(conn, List.of(traceId))
                        : Uni.createFrom().failure(notFound(traceId, assessmentId))));
    }

    /**
     * The writes that store a batch: the assessments, the ones they override made invalid, the run links they make
     * and the touched traces' run membership, in that order (each reads what the one before wrote).
     */
    private List<Uni<?>> statements(SqlConnection conn, List<AssessmentRecord> batch) {
        List<String> overridden = new ArrayList<>();
        List<String> runIds = new ArrayList<>();
        List<String> runTraceIds = new ArrayList<>();
        for (AssessmentRecord r : batch) {
            if (r.overrides() != null) {
                overridden.add(r.overrides());
            }
            if (r.sourceRunId() != null) {
                runIds.add(r.sourceRunId());
                runTraceIds.add(r.traceId());
            }
        }
        return List.of(repository.upsert(conn, batch), repository.invalidate(conn, overridden),
                links.linkFromAssessments(conn, runIds, runTraceIds), links.refresh(conn, traceIds(batch)));
    }

    /** Runs statements one after the other. */
    private static Uni<Void> inOrder(List<Uni<?>> statements) {
        Uni<?> chain = Uni.createFrom().voidItem();
        for (Uni<?> statement : statements) {
            chain = chain.chain(() -> statement);
        }
        return chain.replaceWithVoid();
    }

    private Uni<Void> requireTrace(SqlConnection conn, String traceId) {
        return traces.exists(conn, traceId).chain(exists -> exists ? Uni.createFrom().voidItem()
                : Uni.createFrom().failure(new NotFoundException("trace " + traceId + " does not exist")));
    }

    private Uni<Void> requireOverridable(SqlConnection conn, AssessmentRecord record) {
        if (record.overrides() == null) {
            return Uni.createFrom().voidItem();
        }
        return queries.byId(conn, record.traceId(), record.overrides()).chain(existing -> existing != null
                ? Uni.createFrom().voidItem()
                : Uni.createFrom().failure(new InvalidInputException("overrides: assessment " + record.overrides()
                        + " does not exist on trace " + record.traceId())));
    }

    private static NotFoundException notFound(String traceId, String assessmentId) {
        return new NotFoundException("assessment " + assessmentId + " does not exist on trace " + traceId);
    }

    private static Set<String> traceIds(List<AssessmentRecord> batch) {
        Set<String> ids = new LinkedHashSet<>();
        batch.forEach(r -> ids.add(r.traceId()));
        return ids;
    }
}
