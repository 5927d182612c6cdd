package dev.evalplane.testsupport;

import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One fixed table of borderline {@code spans} records, each with the outcome every consumer must reach: STORED (and,
 * being an LLM span with usage, priced) or DEAD_LETTERED. trace-service and cost-service each run the same table
 * against their own consumer, so a record is accepted by both or dead-lettered by both (issue 12 item 4c).
 * Records go to partition 0 in table order with a distinct key each, then a last valid {@link #SENTINEL}: once that
 * one is stored or priced, every record before it was handled.
 */
public final class BorderlineSpanRecords {

    public enum Outcome { STORED, DEAD_LETTERED }

    /** One record: the Kafka key is unique, {@code traceId} is the trace a STORED record lands in. */
    public record Row(String name, String key, String traceId, String spanId, byte[] value, Outcome outcome) {
    }

    public static final String SENTINEL = "sentinel (valid, last)";
    public static final String TOPIC = "spans";
    public static final String EXPERIMENT = "exp-borderline";
    public static final long START_NS = 1_732_600_000_000_000_000L;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String LONE_SURROGATE = "@@LONE_SURROGATE@@";
    private static final String INVALID_UTF8 = "@@INVALID_UTF8@@";
    private static final String NESTED = "@@NESTED@@";

    /** The table with fresh ids (call once per test run). */
    public static List<Row> rows() {
        String run = hex(4);
        List<Row> rows = new ArrayList<>();
        Builder b = new Builder(run, rows);
        b.stored("valid LLM span", span -> { });
        b.stored("trace id in upper-case hex", span -> span.put("trace_id", "tr-" + hex(16).toUpperCase()));
        b.dead("trace id without tr- prefix", span -> span.put("trace_id", hex(16)));
        b.dead("trace id too short", span -> span.put("trace_id", "tr-" + hex(8)));
        b.dead("trace id with 33 hex", span -> span.put("trace_id", "tr-" + hex(16) + "a"));
        b.dead("trace id not hex", span -> span.put("trace_id", "tr-" + "g".repeat(32)));
        b.dead("trace id with NUL", span -> span.put("trace_id", "tr-" + hex(15) + "\u0000a"));
        b.dead("trace id a number", span -> span.put("trace_id", 12345));
        b.dead("trace id an object", span -> span.putObject("trace_id").put("id", "tr-" + hex(16)));
        b.dead("trace id missing", span -> span.remove("trace_id"));
        b.dead("trace id 300 characters", span -> span.put("trace_id", "tr-" + "a".repeat(297)));
        b.dead("span id missing", span -> span.remove("span_id"));
        b.dead("span id 15 hex", span -> span.put("span_id", hex(8).substring(1)));
        b.dead("span id with NUL", span -> span.put("span_id", hex(7) + "\u0000a"));
        b.dead("span id its own parent", span -> span.put("parent_span_id", span.get("span_id").asText()));
        b.stored("parent span id empty", span -> span.put("parent_span_id", ""));
        b.dead("parent span id not hex", span -> span.put("parent_span_id", "parent"));
        b.dead("start time missing", span -> span.remove("start_time_ns"));
        b.dead("start time beyond 64 bits", span -> span.put("start_time_ns", new java.math.BigInteger("1" + "0".repeat(30))));
        b.stored("start time as a numeric string", span -> span.put("start_time_ns", String.valueOf(START_NS)));
        b.dead("start time not a number", span -> span.put("start_time_ns", "yesterday"));
        b.dead("end before start", span -> span.put("end_time_ns", START_NS - 1));
        b.dead("status code unknown", span -> span.putObject("status").put("code", "BROKEN"));
        b.dead("attributes an array", span -> span.putArray("attributes").add("x"));
        b.stored("name with NUL", span -> span.put("name", "llm\u0000call"));
        b.stored("attribute key and value with NUL", span -> ((ObjectNode) span.get("attributes"))
                .put("key\u0000nul", "value\u0000nul"));
        b.stored("inputs and outputs with NUL", span -> {
            span.putObject("inputs").put("q\u0000", "a\u0000b");
            span.putObject("outputs").putArray("list").add("\u0000");
        });
        b.stored("event with NUL", span -> span.putArray("events").addObject().put("name", "ev\u0000")
                .putObject("attributes").put("k", "v\u0000"));
        b.stored("tags and metadata with NUL", span -> {
            span.putObject("trace_tags").put("tag\u0000", "v\u0000");
            span.putObject("trace_metadata").put("meta\u0000", "v\u0000");
        });
        b.stored("status message and experiment with NUL", span -> {
            span.putObject("status").put("code", "ERROR").put("message", "boom\u0000");
            span.put("experiment_id", EXPERIMENT + "\u0000");
        });
        b.stored("model and provider with NUL", span -> ((ObjectNode) span.get("llm")).put("model", "gpt\u0000x")
                .put("provider", "open\u0000ai"));
        b.stored("name with a lone surrogate", span -> span.put("name", "a" + LONE_SURROGATE + "b"));
        b.stored("attribute value with a lone surrogate", span -> ((ObjectNode) span.get("attributes"))
                .put("s", LONE_SURROGATE));
        b.stored("name with invalid UTF-8 bytes", span -> span.put("name", "bad " + INVALID_UTF8));
        b.stored("huge number in an attribute", span -> span.set("attributes",
                JSON.createObjectNode().put("big", new java.math.BigDecimal("1e100000"))));
        b.stored("100 kB name", span -> span.put("name", "n".repeat(100_000)));
        b.stored("experiment id of 256 characters", span -> span.put("experiment_id", "e".repeat(256)));
        b.dead("experiment id of 257 characters", span -> span.put("experiment_id", "e".repeat(257)));
        b.stored("run id of 256 characters", span -> ((ObjectNode) span.get("trace_metadata"))
                .put("mlflow.sourceRun", "r".repeat(256)));
        b.dead("run id of 3000 characters", span -> ((ObjectNode) span.get("trace_metadata"))
                .put("mlflow.sourceRun", hex(1500)));
        b.dead("inputs nested 2000 deep", span -> span.put("inputs", NESTED));
        b.stored("token count as a numeric string", span -> usage(span).put("input_tokens", "100"));
        b.dead("negative token count", span -> usage(span).put("input_tokens", -1));
        b.dead("token count above 10^12", span -> usage(span).put("output_tokens", 10_000_000_000_000L));
        b.dead("token count beyond 64 bits", span -> usage(span).put("output_tokens",
                new java.math.BigInteger("1" + "0".repeat(25))));
        b.dead("token count an object", span -> usage(span).putObject("input_tokens"));
        b.raw("not JSON", "{\"trace_id\": broken", Outcome.DEAD_LETTERED);
        b.raw("JSON null", "null", Outcome.DEAD_LETTERED);
        b.raw("JSON array", "[]", Outcome.DEAD_LETTERED);
        b.raw("empty value", "", Outcome.DEAD_LETTERED);
        b.stored(SENTINEL, span -> { });
        return rows;
    }

    /** Sends the rows to partition 0 of {@code spans}, in order, and waits for the broker's acks. */
    public static void publish(TopicClient kafka, List<Row> rows) {
        for (Row row : rows) {
            kafka.sendBytes(TOPIC, 0, row.key(), row.value());
        }
    }

    /** Names of the rows on {@code spans-dlq} now (by key). */
    public static Set<String> deadLettered(TopicClient kafka, List<Row> rows) {
        Map<String, String> byKey = rows.stream().collect(Collectors.toMap(Row::key, Row::name));
        Set<String> found = new java.util.TreeSet<>();
        for (ConsumerRecord<String, String> r : kafka.readToEnd(TOPIC + "-dlq")) {
            if (r.key() != null && byKey.containsKey(r.key())) {
                found.add(byKey.get(r.key()));
            }
        }
        return found;
    }

    public static Set<String> names(List<Row> rows, Outcome outcome) {
        return rows.stream().filter(r -> r.outcome() == outcome).map(Row::name)
                .collect(Collectors.toCollection(java.util.TreeSet::new));
    }

    private static ObjectNode usage(ObjectNode span) {
        return (ObjectNode) span.get("llm").get("usage");
    }

    private static String hex(int bytes) {
        byte[] b = new byte[bytes];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static final class Builder {
        private final String run;
        private final List<Row> rows;

        Builder(String run, List<Row> rows) {
            this.run = run;
            this.rows = rows;
        }

        void stored(String name, Consumer<ObjectNode> change) {
            add(name, change, Outcome.STORED);
        }

        void dead(String name, Consumer<ObjectNode> change) {
            add(name, change, Outcome.DEAD_LETTERED);
        }

        void raw(String name, String value, Outcome outcome) {
            rows.add(new Row(name, key(), null, null, value.getBytes(StandardCharsets.UTF_8), outcome));
        }

        private void add(String name, Consumer<ObjectNode> change, Outcome outcome) {
            String traceId = "tr-" + hex(16);
            String spanId = hex(8);
            ObjectNode span = base(traceId, spanId);
            change.accept(span);
            String text;
            try {
                text = JSON.writeValueAsString(span);
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            text = text.replace(LONE_SURROGATE, "\\ud800")
                    .replace("\"" + NESTED + "\"", "{\"d\":".repeat(2000) + "{}" + "}".repeat(2000));
            byte[] value = text.getBytes(StandardCharsets.UTF_8);
            if (text.contains(INVALID_UTF8)) {
                value = replace(value, INVALID_UTF8.getBytes(StandardCharsets.UTF_8), new byte[] { (byte) 0xC3, 0x28 });
            }
            String storedTrace = span.path("trace_id").isTextual() ? span.get("trace_id").asText() : null;
            rows.add(new Row(name, key(), storedTrace, span.path("span_id").asText(null), value, outcome));
        }

        private String key() {
            return "borderline-" + run + "-" + rows.size();
        }

        private static ObjectNode base(String traceId, String spanId) {
            ObjectNode span = JSON.createObjectNode().put("schema_version", 1).put("trace_id", traceId)
                    .put("span_id", spanId).putNull("parent_span_id").put("name", "llm call").put("span_type", "LLM")
                    .put("start_time_ns", START_NS).put("end_time_ns", START_NS + 100_000_000L);
            span.putObject("status").put("code", "OK");
            span.putObject("attributes").put("mlflow.spanType", "LLM");
            span.putObject("inputs").put("question", "what is 2+2?");
            span.putObject("outputs").put("answer", "4");
            span.putArray("events");
            span.put("experiment_id", EXPERIMENT);
            span.putObject("trace_tags").put("team", "borderline");
            span.putObject("trace_metadata").put("case", "borderline");
            span.putObject("llm").put("provider", "openai").put("model", "gpt-4.1-mini").putObject("usage")
                    .put("input_tokens", 100).put("output_tokens", 20).put("total_tokens", 120);
            return span;
        }

        private static byte[] replace(byte[] value, byte[] target, byte[] with) {
            for (int i = 0; i + target.length <= value.length; i++) {
                if (java.util.Arrays.equals(value, i, i + target.length, target, 0, target.length)) {
                    byte[] out = new byte[value.length - target.length + with.length];
                    System.arraycopy(value, 0, out, 0, i);
                    System.arraycopy(with, 0, out, i, with.length);
                    System.arraycopy(value, i + target.length, out, i + with.length, value.length - i - target.length);
                    return out;
                }
            }
            return value;
        }
    }

    private BorderlineSpanRecords() {
    }
}
