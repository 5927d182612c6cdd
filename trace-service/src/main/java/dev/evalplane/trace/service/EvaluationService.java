package dev.evalplane.trace.service;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.evalplane.events.http.Assessment;
import dev.evalplane.trace.domain.EvaluationPage;
import dev.evalplane.trace.domain.EvaluationRow;
import dev.evalplane.events.http.RunSummary;
import dev.evalplane.trace.repository.AssessmentQueries;
import dev.evalplane.trace.repository.Db;
import dev.evalplane.trace.repository.EvaluationRepository;
import dev.evalplane.trace.repository.EvaluationRepository.ListedTrace;
import dev.evalplane.trace.repository.RunListCountRepository;
import dev.evalplane.trace.repository.RunSummaryRepository;
import dev.evalplane.trace.search.PageToken;
import dev.evalplane.support.error.InvalidInputException;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The evaluation list and summary of a run. Members are traces with metadata mlflow.sourceRun = run or a run link;
 * judge traces (tag mlflow.trace.sourceScorer) never appear; a member is listed only while it has an assessment of
 * this run or one without a source run (seed rule), and shows only those. A page, its total and its assessments are
 * read from one snapshot, so they agree exactly.
 */
@ApplicationScoped
public class EvaluationService {

    public static final int DEFAULT_PAGE_SIZE = 50;
    public static final int MAX_PAGE_SIZE = 500;
    private static final List<Boolean> KEYSET = List.of(true);

    private final Db db;
    private final EvaluationRepository repository;
    private final RunListCountRepository counts;
    private final RunSummaryRepository summaries;
    private final AssessmentQueries assessments;
    private final ObjectMapper mapper;

    public EvaluationService(Db db, EvaluationRepository repository, RunListCountRepository counts,
            RunSummaryRepository summaries, AssessmentQueries assessments, ObjectMapper mapper) {
        this.db = db;
        this.repository = repository;
        this.counts = counts;
        this.summaries = summaries;
        this.assessments = assessments;
        this.mapper = mapper;
    }

    public Uni<EvaluationPage> list(String runId, Integer pageSize, String pageToken) {
        int size = pageSize == null ? DEFAULT_PAGE_SIZE : pageSize;
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new InvalidInputException("page_size must be from 1 to " + MAX_PAGE_SIZE);
        }
        String fingerprint = PageToken.fingerprint("evaluation", runId);
        PageToken after = pageToken == null || pageToken.isEmpty() ? null
                : PageToken.decode(mapper, pageToken, fingerprint, KEYSET);
        return db.snapshot(conn -> repository.page(conn, runId, after, size + 1)
                .chain(rows -> counts.counters(conn, runId).chain(counters -> {
                    List<ListedTrace> page = rows.size() > size ? rows.subList(0, size) : rows;
                    String next = null;
                    if (rows.size() > size) {
                        ListedTrace last = page.get(page.size() - 1);
                        next = new PageToken(List.<Object>of(last.requestTimeMs()), last.traceId()).encode(mapper, fingerprint);
                    }
                    String nextToken = next;
                    return assessments.byTracesForRun(conn, page.stream().map(ListedTrace::traceId).toList(), runId)
                            .map(byTrace -> new EvaluationPage(rows(page, byTrace), nextToken, counters.listed()));
                })));
    }

    /**
     * The run's summary: what was written since the last fold is folded into the run summaries' sums first (only
     * that, whatever the run's size), then the sums and the run's listed count are read from one snapshot.
     */
    public Uni<RunSummary> summary(String runId) {
        return summaries.fold(db.pool(), true).chain(() -> folded(runId));
    }

    private Uni<RunSummary> folded(String runId) {
        return db.snapshot(conn -> counts.counters(conn, runId).chain(counters -> summaries.read(conn, runId)
                .map(s -> new RunSummary(runId, counters.listed(), s.total(), s.scorers()))));
    }

    /** The summaries of several runs, in the order asked (one fold, then at most four read at a time). */
    public Uni<List<RunSummary>> summaries(List<String> runIds) {
        if (runIds.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return summaries.fold(db.pool(), true).chain(() -> Multi.createFrom().iterable(runIds).onItem()
                .transformToUni(this::folded).merge(4).collect().asList())
                .map(found -> {
                    Map<String, RunSummary> byRun = new HashMap<>();
                    found.forEach(s -> byRun.put(s.runId(), s));
                    return runIds.stream().map(byRun::get).toList();
                });
    }

    private static List<EvaluationRow> rows(List<ListedTrace> page, Map<String, List<Assessment>> byTrace) {
        return page.stream().map(r -> new EvaluationRow(r.traceId(), r.requestPreview(), r.responsePreview(),
                Instant.ofEpochMilli(r.requestTimeMs()), r.state(), byTrace.getOrDefault(r.traceId(), List.of()),
                r.judgeCost())).toList();
    }
}
