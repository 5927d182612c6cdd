package dev.evalplane.trace.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.evalplane.events.CostStatus;
import dev.evalplane.events.EventJson;
import dev.evalplane.events.PricedBy;
import dev.evalplane.events.SpanCost;
import dev.evalplane.events.TokenUsage;
import dev.evalplane.events.TraceCostEvent;
import dev.evalplane.trace.service.EventValidation;

/**
 * The trace-costs record read from the parser's tokens against the full reading (the bean deserializers and the
 * validation, as before): the same event, or the same refusal with the same reason, for every shape; the records
 * cost-service writes are taken by the token reading itself.
 */
class TraceCostEventReadingTests {

    private static final ObjectMapper MAPPER = EventJson.configure(new ObjectMapper());
    private static final RecordReader<TraceCostEvent> FULL = new RecordReader<>(MAPPER, TraceCostEvent.class,
            EventValidation::traceCost);
    private static final String TRACE = "tr-0123456789abcdef0123456789abcdef";

    @Test
    void theRecordsCostServiceWritesAreReadAsTheFullReadingReadsThem() throws JsonProcessingException {
        AtomicInteger fullReadings = new AtomicInteger();
        TraceCostEventReading reading = reading(fullReadings);
        List<TraceCostEvent> events = events();
        for (TraceCostEvent event : events) {
            String record = MAPPER.writeValueAsString(event);
            TraceCostEvent read = reading.apply(record);
            assertThat(read).as(record).isEqualTo(FULL.apply(record)).isEqualTo(event);
        }
        assertThat(fullReadings).as("records read in full").hasValue(0);
        assertThat(events).hasSizeGreaterThan(20);
    }

    @Test
    void theFieldsInAnotherOrderOrMissingAreReadAsTheFullReadingReadsThem() {
        AtomicInteger fullReadings = new AtomicInteger();
        TraceCostEventReading reading = reading(fullReadings);
        List<String> records = List.of(
                "{\"version\":3,\"trace_id\":\"" + TRACE + "\",\"cost_status\":\"PRICED\"}",
                "{\"cost_status\":\"UNPRICED\",\"trace_id\":\"" + TRACE + "\",\"spans\":[{\"cost_status\":\"UNPRICED\","
                        + "\"span_id\":\"s1\",\"usage\":{\"reasoning_tokens\":4,\"input_tokens\":1}}],"
                        + "\"unpriced_models\":[\"m\\\"1\",\"\\u00e9\"]}",
                "{\"trace_id\":\"" + TRACE + "\",\"cost_status\":\"PRICED\",\"total_cost\":1.50,\"input_cost\":1,"
                        + "\"output_cost\":0.50e0,\"spans\":[],\"unpriced_models\":[],\"computed_at\":null,"
                        + "\"price_table_version\":null,\"schema_version\":1}",
                "{\"trace_id\":\"" + TRACE + "\",\"cost_status\":\"PRICED\",\"total_cost\":1E+3,\"input_cost\":-0.0,"
                        + "\"output_cost\":123456789012345678901234567890.123456789,\"version\":9223372036854775807}",
                "{\"trace_id\":\"" + TRACE + "\",\"cost_status\":\"PRICED\",\"spans\":[{\"span_id\":\"s\","
                        + "\"priced_by\":{\"match\":\"MODEL_NAME\",\"price_key\":\"k\"},\"total_cost\":2,"
                        + "\"usage\":null,\"priced_by_\":1}]}",
                "{\"trace_id\":\"" + TRACE + "\",\"cost_status\":\"PRICED\",\"computed_at\":\"2026-12-01T22:41:40Z\"}",
                "{\"trace_id\":\"" + TRACE + "\",\"cost_status\":\"PRICED\",\"computed_at\":"
                        + "\"2026-12-01T22:41:40.123456789Z\"}");
        for (String record : records) {
            assertThat(reading.apply(record)).as(record).isEqualTo(FULL.apply(record));
        }
        assertThat(fullReadings).as("records read in full (one with an unknown span field)").hasValue(1);
    }

    @Test
    void aRecordOfAnotherShapeIsReadOrRefusedAsTheFullReadingDoes() {
        AtomicInteger fullReadings = new AtomicInteger();
        TraceCostEventReading reading = reading(fullReadings);
        String id = "\"trace_id\":\"" + TRACE + "\",";
        List<String> records = new ArrayList<>(List.of(
                id + "\"cost_status\":\"PRICED\",\"version\":null}",
                "{" + id + "\"cost_status\":\"PRICED\",\"version\":null}",
                "{" + id + "\"cost_status\":\"PRICED\",\"version\":\"7\"}",
                "{" + id + "\"cost_status\":\"PRICED\",\"version\":7.0}",
                "{" + id + "\"cost_status\":\"PRICED\",\"version\":-1}",
                "{" + id + "\"cost_status\":\"PRICED\",\"schema_version\":3000000000}",
                "{" + id + "\"cost_status\":\"PRICED\",\"input_tokens\":1e2}",
                "{" + id + "\"cost_status\":\"PRICED\",\"input_tokens\":99999999999999999999}",
                "{" + id + "\"cost_status\":\"PRICED\",\"total_cost\":\"1.5\"}",
                "{" + id + "\"cost_status\":\"PRICED\",\"total_cost\":true}",
                "{" + id + "\"cost_status\":\"priced\"}",
                "{" + id + "\"cost_status\":0}",
                "{" + id + "\"cost_status\":\"FREE\"}",
                "{" + id + "\"cost_status\":null}",
                "{\"trace_id\":\"tr-1\",\"cost_status\":\"PRICED\"}",
                "{\"trace_id\":7,\"cost_status\":\"PRICED\"}",
                "{" + id + id + "\"cost_status\":\"PRICED\"}",
                "{" + id + "\"cost_status\":\"PRICED\",\"version\":1,\"version\":2}",
                "{" + id + "\"cost_status\":\"PRICED\",\"extra\":{\"a\":[1]}}",
                "{" + id + "\"cost_status\":\"PRICED\",\"computed_at\":1764628900}",
                "{" + id + "\"cost_status\":\"PRICED\",\"computed_at\":\"1764628900.5\"}",
                "{" + id + "\"cost_status\":\"PRICED\",\"computed_at\":\"2026-12-01T22:41:40+01:00\"}",
                "{" + id + "\"cost_status\":\"PRICED\",\"computed_at\":\"2026-13-01T22:41:40Z\"}",
                "{" + id + "\"cost_status\":\"PRICED\",\"computed_at\":\"yesterday\"}",
                "{" + id + "\"cost_status\":\"PRICED\",\"unpriced_models\":[\"a\",null]}",
                "{" + id + "\"cost_status\":\"PRICED\",\"unpriced_models\":\"a\"}",
                "{" + id + "\"cost_status\":\"PRICED\",\"unpriced_models\":[1]}",
                "{" + id + "\"cost_status\":\"PRICED\",\"spans\":[null]}",
                "{" + id + "\"cost_status\":\"PRICED\",\"spans\":[{\"total_cost\":1}]}",
                "{" + id + "\"cost_status\":\"PRICED\",\"spans\":[{\"span_id\":\" \"}]}",
                "{" + id + "\"cost_status\":\"PRICED\",\"spans\":{\"span_id\":\"s\"}}",
                "{" + id + "\"cost_status\":\"PRICED\",\"spans\":[{\"span_id\":\"s\",\"usage\":"
                        + "{\"input_tokens\":\"3\"}}]}",
                "{" + id + "\"cost_status\":\"PRICED\",\"spans\":[{\"span_id\":\"s\",\"usage\":{\"input_tokens\":1,"
                        + "\"input_tokens\":2}}]}",
                "{" + id + "\"cost_status\":\"PRICED\",\"spans\":[{\"span_id\":\"s\",\"usage\":{\"tokens\":1}}]}",
                "{" + id + "\"cost_status\":\"PRICED\",\"spans\":[{\"span_id\":\"s\",\"usage\":[]}]}",
                "{" + id + "\"cost_status\":\"PRICED\",\"spans\":[{\"span_id\":\"s\",\"priced_by\":\"k\"}]}",
                "{" + id + "\"cost_status\":\"PRICED\",\"spans\":[{\"span_id\":\"s\",\"priced_by\":"
                        + "{\"price_key\":1}}]}",
                "{" + id + "\"cost_status\":\"PRICED\",\"spans\":[{\"span_id\":\"s\",\"cost_status\":\"NONE\"}]}",
                "{" + id + "\"cost_status\":\"PRICED\",\"spans\":[{\"span_id\":\"s\",\"model\":5}]}",
                "{" + id + "\"cost_status\":\"PRICED\"} ",
                "{" + id + "\"cost_status\":\"PRICED\"} {}",
                "{" + id + "\"cost_status\":\"PRICED\"}x",
                "{" + id + "\"cost_status\":\"PRICED\"",
                "{" + id + "\"cost_status\":\"PRICED\",}",
                "[]", "null", "\"text\"", "7", ""));
        for (String record : records) {
            Outcome expected = Outcome.of(FULL, record);
            assertThat(Outcome.of(reading, record)).as(record).isEqualTo(expected);
        }
        assertThat(Outcome.of(reading, null)).isEqualTo(Outcome.of(FULL, null));
        // 5 are of the plain shape: 4 refused by the validation, one with a trailing space
        assertThat(fullReadings.get()).as("records read in full").isEqualTo(records.size() - 5);
    }

    private static TraceCostEventReading reading(AtomicInteger fullReadings) {
        return new TraceCostEventReading(MAPPER.getFactory(), EventValidation::traceCost, record -> {
            fullReadings.incrementAndGet();
            return FULL.apply(record);
        });
    }

    /** An event read, or the refusal's type and reason. */
    private record Outcome(TraceCostEvent event, String refusal) {
        static Outcome of(Function<String, TraceCostEvent> reading, String record) {
            try {
                return new Outcome(reading.apply(record), null);
            } catch (RuntimeException e) {
                return new Outcome(null, e.getClass().getName() + ": " + e.getMessage());
            }
        }
    }

    private static List<TraceCostEvent> events() {
        PricedBy byProvider = new PricedBy("claude-sonnet-4-5", "bundled", PricedBy.PROVIDER_AND_MODEL);
        PricedBy odd = new PricedBy("k\"ey\\ \u00e9 \ud83d\ude00", null, null);
        List<List<SpanCost>> spanLists = new ArrayList<>();
        spanLists.add(null);
        spanLists.add(List.of());
        spanLists.add(List.of(new SpanCost("1a2b3c4d5e6f7a8b", "anthropic", "claude-sonnet-4-5",
                TokenUsage.of(1200, 300), new BigDecimal("0.003600"), new BigDecimal("0.004500"),
                new BigDecimal("0.008100"), CostStatus.PRICED, byProvider)));
        spanLists.add(List.of(
                new SpanCost("s1", null, null, null, null, null, null, null, null),
                new SpanCost("s2", "p", "m", new TokenUsage(null, null, null, null, null, null, null), null, null,
                        null, CostStatus.UNPRICED, null),
                new SpanCost("s3", "openai", "gpt \"x\"", new TokenUsage(1L, 2L, 3L, 4L, 5L, 6L, 7L),
                        new BigDecimal("1E-30"), BigDecimal.ZERO, new BigDecimal("0E-8"), CostStatus.PRICED, odd),
                new SpanCost("s4", "p", "m", new TokenUsage(Long.MAX_VALUE, null, 0L, null, null, null, null),
                        new BigDecimal("123456789012345678901234567890.1"), null, new BigDecimal("-1"),
                        CostStatus.NO_USAGE, new PricedBy(null, null, PricedBy.MODEL_NAME))));
        List<TraceCostEvent> events = new ArrayList<>();
        int n = 0;
        for (List<SpanCost> spans : spanLists) {
            for (CostStatus status : CostStatus.values()) {
                for (int variant = 0; variant < 2; variant++) {
                    boolean known = variant == 0;
                    events.add(new TraceCostEvent(TraceCostEvent.SCHEMA_VERSION, TRACE, n == 0 ? 0 : Long.MAX_VALUE - n,
                            100L * n, 7L * n, 107L * n, n % 5, Integer.MAX_VALUE + (long) n, 3,
                            known ? new BigDecimal("0.00120" + n) : null, known ? new BigDecimal(n + "E-7") : null,
                            known ? new BigDecimal("12345678901234567890.000000001") : null, status,
                            known ? List.of("gpt-x", "we\"ird, model") : n % 3 == 0 ? null : List.of(), spans,
                            known ? "litellm@2026-12-01" : null,
                            known ? Instant.parse("2026-12-01T22:41:40.123456Z").plusNanos(n) : null));
                    n++;
                }
            }
        }
        return events;
    }
}
