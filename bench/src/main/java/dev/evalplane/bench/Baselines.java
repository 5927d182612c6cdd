package dev.evalplane.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.RecordMetadata;

import dev.evalplane.events.SpanEvent;

/**
 * The limits the ingestion figure is compared with, measured on the same machine in the same run: PostgreSQL COPY of
 * the same span rows into a table like trace-service's, and Kafka produce + consume of the same records.
 */
final class Baselines {

    /**
     * A limit's 50 000 records take under a second on the quiet machine; a stalled attempt (records pending, none failed)
     * ended after 2 minutes until session 23, now after 30 s.
     */
    private static final Duration LIMIT_WAIT = Duration.ofSeconds(30);
    private static final int KAFKA_ATTEMPTS = 3;

    private static final String COLUMNS = "trace_id, span_id, parent_span_id, name, span_type, start_time_ns,"
            + " end_time_ns, status_code, status_message, attributes, inputs, outputs, events, llm";

    /** Nanoseconds to COPY the spans into bench.spans_copy (LIKE traces.spans INCLUDING ALL: same keys, defaults). */
    static long copy(Sql sql, List<SpanEvent> spans) {
        sql.execute("CREATE SCHEMA IF NOT EXISTS bench");
        sql.execute("DROP TABLE IF EXISTS bench.spans_copy");
        sql.execute("CREATE TABLE bench.spans_copy (LIKE traces.spans INCLUDING ALL)");
        StringBuilder csv = new StringBuilder();
        for (SpanEvent s : spans) {
            csv.append(csvRow(s.traceId(), s.spanId(), s.parentSpanId(), s.name(), s.spanType(), s.startTimeNs(),
                    s.endTimeNs(), s.status().code(), s.status().message(), Http.json(s.attributes()),
                    Http.json(s.inputs()), Http.json(s.outputs()), Http.json(s.events()),
                    s.llm() == null ? null : Http.json(s.llm())));
        }
        String data = csv.toString();
        long start = System.nanoTime();
        long rows = sql.copyIn("COPY bench.spans_copy (" + COLUMNS + ") FROM STDIN (FORMAT csv)", data);
        long nanos = System.nanoTime() - start;
        if (rows != spans.size()) {
            throw new IllegalStateException("COPY wrote " + rows + " rows of " + spans.size());
        }
        return nanos;
    }

    /**
     * Nanoseconds from the first send until a consumer of a fresh 4-partition topic has read every record, sent by a
     * producer of its own: the shared one once kept re-sending a batch to a fresh topic with a reset sequence number
     * (OutOfOrderSequenceException, every second), and every later flush of the bench waited on it for good. A fresh
     * producer has also, now and then, left a fresh topic's records undelivered for minutes (twice in sessions 20-22,
     * in the warm-up of a quiet run): such an attempt is printed with what was delivered and what was read, and the
     * limit is measured again with a new producer on a new topic, at most {@link #KAFKA_ATTEMPTS} times.
     */
    static long kafka(List<String[]> records) throws InterruptedException {
        for (int attempt = 1;; attempt++) {
            try (Kafka kafka = new Kafka()) {
                KafkaLimitAttempt result = kafka(kafka, records);
                if (result.nanos() >= 0) {
                    return result.nanos();
                }
                String failure = "the Kafka limit's consumer did not read " + records.size() + " records of "
                        + result.topic() + " within " + LIMIT_WAIT + " (attempt " + attempt + " of " + KAFKA_ATTEMPTS
                        + "): " + result.state();
                if (attempt == KAFKA_ATTEMPTS) {
                    throw new IllegalStateException(failure);
                }
                System.out.println(failure + "; measuring again on a fresh topic with a new producer");
            }
        }
    }

    /** One attempt: its topic, and its nanoseconds, or -1 with what the producer and the consumer got to. */
    private record KafkaLimitAttempt(String topic, long nanos, String state) {
    }

    private static KafkaLimitAttempt kafka(Kafka kafka, List<String[]> records) throws InterruptedException {
        String topic = "bench-raw-" + System.currentTimeMillis();
        Kafka.createTopic(topic, 4);
        CountDownLatch assigned = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        AtomicLong read = new AtomicLong();
        AtomicLong end = new AtomicLong();
        AtomicBoolean stop = new AtomicBoolean();
        Thread reader = new Thread(() -> {
            try (KafkaConsumer<String, String> consumer = Kafka.consumer(topic)) {
                consumer.subscribe(List.of(topic));
                while (read.get() < records.size() && !stop.get()) {
                    read.addAndGet(consumer.poll(Duration.ofMillis(100)).count());
                    if (!consumer.assignment().isEmpty()) {
                        assigned.countDown();
                    }
                }
                end.set(System.nanoTime());
                done.countDown();
            }
        }, "baseline-consumer");
        reader.start();
        assigned.await();
        long start = System.nanoTime();
        List<Future<RecordMetadata>> sends = new ArrayList<>(records.size());
        for (String[] r : records) {
            sends.add(kafka.send(topic, r[0], r[1]));
        }
        // no flush: the consumer having read every record is the end, and a batch the producer keeps re-sending
        // would hold a flush for good
        boolean complete = done.await(LIMIT_WAIT.toSeconds(), TimeUnit.SECONDS);
        stop.set(true);
        reader.join(Duration.ofSeconds(10).toMillis());
        if (complete) {
            return new KafkaLimitAttempt(topic, end.get() - start, null);
        }
        return new KafkaLimitAttempt(topic, -1, "read " + read.get() + "; " + deliveries(sends));
    }

    /** How many sends the broker acknowledged, how many failed (and the first failure), how many are still pending. */
    private static String deliveries(List<Future<RecordMetadata>> sends) {
        int acknowledged = 0;
        int failed = 0;
        String firstFailure = null;
        for (Future<RecordMetadata> send : sends) {
            if (!send.isDone()) {
                continue;
            }
            try {
                send.get();
                acknowledged++;
            } catch (ExecutionException | InterruptedException e) {
                failed++;
                if (firstFailure == null) {
                    firstFailure = String.valueOf(e.getCause());
                }
            }
        }
        int pending = sends.size() - acknowledged - failed;
        return "acknowledged " + acknowledged + ", failed " + failed + ", pending " + pending
                + (firstFailure == null ? "" : " (first failure: " + firstFailure + ")");
    }

    /**
     * One Kafka hop, record by record: nanoseconds from send (flushed at once) until a consumer polling a fresh
     * one-partition topic has it; {@code samples} records, 10 ms apart.
     */
    static List<Long> kafkaHops(Kafka kafka, int samples) throws InterruptedException {
        String topic = "bench-hop-" + System.currentTimeMillis();
        Kafka.createTopic(topic, 1);
        long[] sent = new long[samples];
        long[] received = new long[samples];
        CountDownLatch assigned = new CountDownLatch(1);
        Thread reader = new Thread(() -> {
            try (KafkaConsumer<String, String> consumer = Kafka.consumer(topic)) {
                consumer.subscribe(List.of(topic));
                int read = 0;
                while (read < samples) {
                    for (var r : consumer.poll(Duration.ofMillis(10))) {
                        received[Integer.parseInt(r.value())] = System.nanoTime();
                        read++;
                    }
                    if (!consumer.assignment().isEmpty()) {
                        assigned.countDown();
                    }
                }
            }
        }, "hop-consumer");
        reader.start();
        assigned.await();
        for (int i = 0; i < samples; i++) {
            sent[i] = System.nanoTime();
            kafka.send(topic, "k", Integer.toString(i));
            kafka.flush();
            Thread.sleep(10);
        }
        reader.join();
        List<Long> hops = new ArrayList<>();
        for (int i = 0; i < samples; i++) {
            hops.add(received[i] - sent[i]);
        }
        return hops;
    }

    private static String csvRow(Object... fields) {
        StringBuilder row = new StringBuilder();
        for (int i = 0; i < fields.length; i++) {
            if (i > 0) {
                row.append(',');
            }
            if (fields[i] != null) {
                row.append('"').append(fields[i].toString().replace("\"", "\"\"")).append('"');
            }
        }
        return row.append('\n').toString();
    }

    private Baselines() {
    }
}
