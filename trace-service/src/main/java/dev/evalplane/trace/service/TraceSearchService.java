package dev.evalplane.trace.service;

import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.evalplane.events.http.Assessment;
import dev.evalplane.events.http.TraceInfo;
import dev.evalplane.events.http.TracePage;
import dev.evalplane.events.http.TraceSearchRequest;
import dev.evalplane.trace.repository.AssessmentQueries;
import dev.evalplane.trace.repository.TraceSearchRepository;
import dev.evalplane.trace.search.FilterClause;
import dev.evalplane.trace.search.FilterParser;
import dev.evalplane.trace.search.OrderByParser;
import dev.evalplane.trace.search.OrderKey;
import dev.evalplane.trace.search.PageToken;
import dev.evalplane.trace.search.SqlParams;
import dev.evalplane.trace.search.TraceSearchSql;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** MLflow-style trace search: filter_string, order_by, max_results and exact keyset pagination. */
@ApplicationScoped
public class TraceSearchService {

    private final TraceSearchRepository repository;
    private final AssessmentQueries assessments;
    private final ObjectMapper mapper;

    public TraceSearchService(TraceSearchRepository repository, AssessmentQueries assessments, ObjectMapper mapper) {
        this.repository = repository;
        this.assessments = assessments;
        this.mapper = mapper;
    }

    public Uni<TracePage> search(TraceSearchRequest request) {
        String filter = request.filter();
        int maxResults = request.maxResultsOrDefault();
        List<FilterClause> clauses = FilterParser.parse(filter);
        List<OrderKey> order = OrderByParser.parse(request.orderByOrEmpty());
        List<Boolean> numeric = order.stream().map(TraceSearchSql::numeric).toList();
        String fingerprint = PageToken.fingerprint("search", String.join(",", new TreeSet<>(request.experimentIds())),
                filter, String.join(",", order.stream().map(OrderKey::canonical).toList()));
        String pageToken = request.pageTokenOrNull();
        PageToken after = pageToken == null ? null : PageToken.decode(mapper, pageToken, fingerprint, numeric);
        SqlParams params = new SqlParams();
        String sql = TraceSearchSql.build(request.experimentIds(), clauses, order, after, maxResults + 1,
                params);
        return repository.search(sql, params.tuple(), numeric).chain(hits -> {
            boolean more = hits.size() > maxResults;
            List<TraceSearchRepository.Hit> page = more ? hits.subList(0, maxResults) : hits;
            String next = null;
            if (more) {
                TraceSearchRepository.Hit last = page.get(page.size() - 1);
                next = new PageToken(last.sortValues(), last.info().traceId()).encode(mapper, fingerprint);
            }
            String nextToken = next;
            List<TraceInfo> infos = page.stream().map(TraceSearchRepository.Hit::info).toList();
            return assessments.byTraces(infos.stream().map(TraceInfo::traceId).toList())
                    .map(byTrace -> new TracePage(attach(infos, byTrace), nextToken));
        });
    }

    static List<TraceInfo> attach(List<TraceInfo> infos, Map<String, List<Assessment>> byTrace) {
        return infos.stream().map(i -> i.withAssessments(byTrace.getOrDefault(i.traceId(), List.of()))).toList();
    }
}
