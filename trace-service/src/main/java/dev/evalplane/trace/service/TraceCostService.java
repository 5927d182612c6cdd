package dev.evalplane.trace.service;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.evalplane.events.TraceCostEvent;
import dev.evalplane.trace.repository.TraceCostRepository;
import dev.evalplane.trace.domain.TraceCostRecord;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Applies trace costs. The newest version per trace is stored once; reads overlay it on the trace's metadata, its
 * spans' attributes and the judge metadata of every assessment produced by that (judge) trace, so the outcome is the
 * same whichever of spans, feedback and cost arrives first.
 */
@ApplicationScoped
public class TraceCostService {

    private final TraceCostRepository repository;
    private final ObjectMapper mapper;

    public TraceCostService(TraceCostRepository repository, ObjectMapper mapper) {
        this.repository = repository;
        this.mapper = mapper;
    }

    public Uni<Void> apply(List<TraceCostEvent> batch) {
        Map<String, TraceCostRecord> newest = new LinkedHashMap<>();
        for (TraceCostEvent event : batch) {
            TraceCostRecord current = newest.get(event.traceId());
            if (current == null || current.event().version() < event.version()) {
                newest.put(event.traceId(), TraceCostRecord.of(event, mapper));
            }
        }
        if (newest.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return repository.upsertNewer(newest.values());
    }
}
