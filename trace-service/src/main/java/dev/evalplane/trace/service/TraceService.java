package dev.evalplane.trace.service;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

import dev.evalplane.trace.domain.ExperimentList;
import dev.evalplane.events.http.Assessment;
import dev.evalplane.events.http.Span;
import dev.evalplane.events.http.Trace;
import dev.evalplane.events.http.TraceInfo;
import dev.evalplane.trace.repository.AssessmentQueries;
import dev.evalplane.trace.repository.ExperimentRepository;
import dev.evalplane.trace.repository.TraceQueries;
import dev.evalplane.support.error.NotFoundException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Reads a whole trace (info with assessments, spans) and the experiments seen in traces. */
@ApplicationScoped
public class TraceService {

    private final TraceQueries traces;
    private final AssessmentQueries assessments;
    private final ExperimentRepository experiments;

    public TraceService(TraceQueries traces, AssessmentQueries assessments, ExperimentRepository experiments) {
        this.traces = traces;
        this.assessments = assessments;
        this.experiments = experiments;
    }

    public Uni<Trace> get(String traceId) {
        return get(List.of(traceId)).map(found -> {
            if (found.isEmpty()) {
                throw new NotFoundException("trace " + traceId + " does not exist");
            }
            return found.get(0);
        });
    }

    /**
     * The traces of these ids that exist, in the order asked: three statements for all of them (infos, spans,
     * assessments), not three per trace.
     */
    public Uni<List<Trace>> get(List<String> traceIds) {
        List<String> ids = List.copyOf(new LinkedHashSet<>(traceIds));
        return traces.infos(ids).chain(infos -> {
            List<String> found = ids.stream().filter(infos::containsKey).toList();
            if (found.isEmpty()) {
                return Uni.createFrom().item(List.of());
            }
            return Uni.combine().all().unis(traces.spans(found), assessments.byTraces(found)).asTuple()
                    .map(t -> traceIds.stream().filter(infos::containsKey).map(id -> trace(infos.get(id),
                            t.getItem1().getOrDefault(id, List.of()), t.getItem2())).toList());
        });
    }

    private static Trace trace(TraceInfo info, List<Span> spans, Map<String, List<Assessment>> assessments) {
        return new Trace(info.withAssessments(assessments.getOrDefault(info.traceId(), List.of())), spans);
    }

    public Uni<ExperimentList> experiments() {
        return experiments.stats().map(ExperimentList::new);
    }
}
