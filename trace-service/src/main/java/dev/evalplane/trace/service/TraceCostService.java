package dev.evalplane.trace.service;

import java.util.ArrayList;
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
        Map<String, TraceCostEvent> newest = new LinkedHashMap<>();
        for (TraceCostEvent event : batch) {
            TraceCostEvent current = newest.get(event.traceId());
            if (current == null || current.version() < event.version()) {
                newest.put(event.traceId(), event);
            }
        }
        if (newest.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<TraceCostRecord> records = new ArrayList<>(newest.size());
        for (TraceCostEvent event : newest.values()) {
            records.add(TraceCostRecord.of(event, mapper));
        }
        return repository.upsertNewer(records);
    }
}
