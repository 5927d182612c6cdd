package dev.evalplane.cost;

import java.time.Duration;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import com.fasterxml.jackson.core.JsonProcessingException;

import dev.evalplane.events.EventJson;
import dev.evalplane.events.Topics;
import dev.evalplane.events.TraceCostEvent;
import dev.evalplane.testsupport.TopicClient;

/** Reads {@code trace-costs}: every event of some traces, in topic order. */
public final class TraceCosts {

    private final TopicClient client;

    public TraceCosts(TopicClient client) {
        this.client = client;
    }

    /** Events of these traces, waiting until {@code done} holds for the latest event of each. */
    public Map<String, List<TraceCostEvent>> await(Collection<String> traceIds,
            Predicate<Map<String, TraceCostEvent>> done, Duration timeout) {
        Set<String> ids = Set.copyOf(traceIds);
        List<ConsumerRecord<String, String>> records = client.readUntil(Topics.TRACE_COSTS,
                read -> done.test(latest(events(read, ids))), timeout);
        return events(records, ids);
    }

    /** Waits until every trace has an event satisfying {@code accept}; returns all events read. */
    public Map<String, List<TraceCostEvent>> awaitEach(Collection<String> traceIds, Predicate<TraceCostEvent> accept,
            Duration timeout) {
        return await(traceIds, latest -> latest.size() == traceIds.size()
                && latest.values().stream().allMatch(accept), timeout);
    }

    public static Map<String, List<TraceCostEvent>> events(List<ConsumerRecord<String, String>> records,
            Set<String> traceIds) {
        return records.stream().filter(r -> traceIds.contains(r.key()))
                .collect(Collectors.groupingBy(ConsumerRecord::key, Collectors.mapping(r -> parse(r.value()),
                        Collectors.toList())));
    }

    public static Map<String, TraceCostEvent> latest(Map<String, List<TraceCostEvent>> events) {
        return events.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().stream()
                .max(Comparator.comparingLong(TraceCostEvent::version)).orElseThrow()));
    }

    public static TraceCostEvent parse(String json) {
        try {
            return EventJson.mapper().readValue(json, TraceCostEvent.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("not a TraceCostEvent: " + json, e);
        }
    }
}
