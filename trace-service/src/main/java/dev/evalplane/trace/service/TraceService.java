package dev.evalplane.trace.service;

import java.util.List;

import dev.evalplane.trace.domain.ExperimentList;
import dev.evalplane.events.http.Trace;
import dev.evalplane.trace.repository.AssessmentQueries;
import dev.evalplane.trace.repository.ExperimentRepository;
import dev.evalplane.trace.repository.TraceQueries;
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
        return traces.info(traceId).chain(info -> {
            if (info == null) {
                return Uni.createFrom().failure(new NotFoundException("trace " + traceId + " does not exist"));
            }
            return Uni.combine().all().unis(traces.spans(traceId), assessments.byTraces(List.of(traceId)))
                    .asTuple().map(t -> new Trace(info.withAssessments(t.getItem2().getOrDefault(traceId, List.of())),
                            t.getItem1()));
        });
    }

    public Uni<ExperimentList> experiments() {
        return experiments.stats().map(ExperimentList::new);
    }
}
