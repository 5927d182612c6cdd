package dev.evalplane.judge.online;

import java.time.Instant;

import com.fasterxml.jackson.core.JsonProcessingException;

import dev.evalplane.events.EventJson;
import dev.evalplane.events.Topics;
import dev.evalplane.events.TraceStoredEvent;
import dev.evalplane.testsupport.TopicClient;

/** The online scoring consumer as the tests see it on the test broker, and trace-service's announcements it reads. */
final class OnlineKafka {

    static final String GROUP = "scorer-service-online";

    /** Records of {@code traces-stored} the online consumer group has not committed yet. */
    static long uncommitted() {
        return TopicClient.onTestBroker().uncommitted(GROUP, Topics.TRACES_STORED);
    }

    /** What trace-service announces once it stored the root span of a trace that ended at {@code rootEndMs}. */
    static TraceStoredEvent stored(String traceId, String experiment, long rootEndMs, boolean judge, Instant storedAt) {
        return new TraceStoredEvent(TraceStoredEvent.SCHEMA_VERSION, traceId, experiment, rootEndMs * 1_000_000L, judge,
                storedAt);
    }

    /** A trace that ended a second ago, stored now. */
    static TraceStoredEvent storedNow(String traceId, String experiment) {
        return stored(traceId, experiment, System.currentTimeMillis() - 1000, false, Instant.now());
    }

    static void send(TopicClient kafka, TraceStoredEvent event) {
        kafka.send(Topics.TRACES_STORED, event.traceId(), json(event));
    }

    static String json(TraceStoredEvent event) {
        try {
            return EventJson.mapper().writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private OnlineKafka() {
    }
}
