package dev.evalplane.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

import com.fasterxml.jackson.databind.JsonNode;

import dev.evalplane.events.MlflowKeys;
import dev.evalplane.events.Topics;

/**
 * Tells the cost-latency benchmark when to look, so that its reads measure the pipeline and not a poll cycle: a
 * thread follows {@code assessments} (which feedback of the run belongs to which row and judge trace) and
 * {@code trace-costs} (a judge trace's cost was sent by cost-service). A feedback whose judge cost has been sent is
 * "due": the benchmark then reads that row through trace-service's API until the cost shows there. The topics only
 * say when to read; what is timed is still the cost showing on the feedback through the API.
 */
final class JudgeCostWatch implements AutoCloseable {

    /** A feedback of a run: its row (evaluated) trace, its judge trace, when the watch saw it (epoch ms). */
    record Feedback(String runId, String assessmentId, String rowTrace, String judgeTrace, long seenAt) {
    }

    private final Map<String, Feedback> byJudgeTrace = new ConcurrentHashMap<>();
    /** Judge trace -> when this watch saw cost-service's first trace cost of it (epoch ms). */
    private final Map<String, Long> costSeen = new ConcurrentHashMap<>();
    /** Per topic, record timestamp -> this watch had the record (ms): the watch's own delay. */
    private final Map<String, List<Long>> lag = new ConcurrentHashMap<>();
    private final long startedAt = System.currentTimeMillis();
    private final CountDownLatch ready = new CountDownLatch(1);
    private final Thread thread;
    private volatile boolean running = true;

    /**
     * Starts following and returns once the watch reads the topics: start it before the run (a consumer's start-up,
     * its first metadata and offset requests, took seconds on a loaded machine, and feedback of the run's first
     * seconds were cued that late).
     */
    JudgeCostWatch() throws InterruptedException {
        this.thread = new Thread(this::follow, "judge-cost-watch");
        thread.setDaemon(true);
        thread.start();
        if (!ready.await(2, TimeUnit.MINUTES)) {
            throw new IllegalStateException("the judge cost watch could not read assessments and trace-costs");
        }
    }

    /** Feedback of the run whose judge trace's cost cost-service has sent. */
    List<Feedback> due(String runId) {
        List<Feedback> due = new ArrayList<>();
        byJudgeTrace.forEach((judgeTrace, feedback) -> {
            if (feedback.runId().equals(runId) && costSeen.containsKey(judgeTrace)) {
                due.add(feedback);
            }
        });
        return due;
    }

    /** When the feedback became due: this watch had seen it and its judge trace's cost sent (epoch ms). */
    long dueAt(Feedback feedback) {
        return Math.max(feedback.seenAt(), costSeen.get(feedback.judgeTrace()));
    }

    /** The watch's own delay per topic (record timestamp -> the watch had it), of records sent since it started. */
    Map<String, Stats> lag() {
        Map<String, Stats> stats = new TreeMap<>();
        lag.forEach((topic, millis) -> {
            synchronized (millis) {
                stats.put(topic, Stats.ofMillis(new ArrayList<>(millis)));
            }
        });
        return stats;
    }

    private void follow() {
        try (KafkaConsumer<String, String> consumer = Kafka.consumer("bench-judge-cost-" + System.nanoTime())) {
            // assigned, not subscribed: no group join (a join waits out the broker's initial rebalance delay, and
            // the run's first feedback would be due seconds late)
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(Topics.ASSESSMENTS, Topics.TRACE_COSTS)) {
                consumer.partitionsFor(topic, Duration.ofSeconds(10))
                        .forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            // from the end as it is now (the watch starts before the run); position() waits for the offsets
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            ready.countDown();
            while (running) {
                ConsumerRecords<String, String> polled = consumer.poll(Duration.ofMillis(100));
                for (ConsumerRecord<String, String> r : polled) {
                    if (r.timestamp() >= startedAt) {
                        lag.computeIfAbsent(r.topic(), t -> Collections.synchronizedList(new ArrayList<>()))
                                .add(System.currentTimeMillis() - r.timestamp());
                    }
                    if (Topics.TRACE_COSTS.equals(r.topic())) {
                        costSeen.putIfAbsent(r.key(), System.currentTimeMillis());
                    } else {
                        feedback(Http.Reply.parse(r.value()));
                    }
                }
            }
        }
    }

    private void feedback(JsonNode event) {
        JsonNode metadata = event.path("metadata");
        if (metadata.hasNonNull(MlflowKeys.SOURCE_RUN_ID) && metadata.hasNonNull(MlflowKeys.SCORER_TRACE_ID)) {
            String judgeTrace = metadata.path(MlflowKeys.SCORER_TRACE_ID).asText();
            byJudgeTrace.putIfAbsent(judgeTrace, new Feedback(metadata.path(MlflowKeys.SOURCE_RUN_ID).asText(),
                    event.path("assessment_id").asText(),
                    event.path("trace_id").asText(), judgeTrace, System.currentTimeMillis()));
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(5_000);
    }
}
