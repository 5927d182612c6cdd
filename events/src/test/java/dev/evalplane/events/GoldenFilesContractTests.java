package dev.evalplane.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.Comparator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class GoldenFilesContractTests {

    private static final ObjectMapper JSON = EventJson.mapper();
    /** int vs long vs decimal node types do not matter on the wire; the value does. */
    private static final Comparator<JsonNode> NUMBERS_BY_VALUE = (a, b) -> a.isNumber() && b.isNumber()
            ? a.decimalValue().compareTo(b.decimalValue()) : (a.equals(b) ? 0 : 1);

    static JsonNode golden(String name) throws IOException {
        try (InputStream in = GoldenFilesContractTests.class.getResourceAsStream("/golden/" + name)) {
            return JSON.readTree(in);
        }
    }

    @ParameterizedTest
    @CsvSource({
            "span-event.llm.v1.json, dev.evalplane.events.SpanEvent",
            "span-event.llm-cache-1h.v1.json, dev.evalplane.events.SpanEvent",
            "span-event.root.v1.json, dev.evalplane.events.SpanEvent",
            "assessment-event.feedback.v1.json, dev.evalplane.events.AssessmentEvent",
            "assessment-event.error.v1.json, dev.evalplane.events.AssessmentEvent",
            "trace-cost-event.v1.json, dev.evalplane.events.TraceCostEvent",
            "trace-stored-event.v1.json, dev.evalplane.events.TraceStoredEvent" })
    void goldenFileRoundTripsWithoutLoss(String file, Class<?> type) throws Exception {
        JsonNode original = golden(file);
        Object event = JSON.treeToValue(original, type);
        JsonNode back = JSON.valueToTree(event);
        assertThat(withoutNulls(back).equals(NUMBERS_BY_VALUE, withoutNulls(original)))
                .as("%s round trip:%n%s%n%s", file, back, original).isTrue();
    }

    @Test
    void llmSpanExposesNormalisedUsage() throws Exception {
        SpanEvent span = JSON.treeToValue(golden("span-event.llm.v1.json"), SpanEvent.class);
        assertThat(span.hasUsage()).isTrue();
        assertThat(span.isRoot()).isFalse();
        assertThat(span.llm().usage().cacheReadInputTokens()).isEqualTo(1000L);
        assertThat(span.llm().usage().reasoningTokens()).isEqualTo(120L);
    }

    @Test
    void cacheWritesSplitIntoOneHourAndFiveMinuteParts() throws Exception {
        TokenUsage split = JSON.treeToValue(golden("span-event.llm-cache-1h.v1.json"), SpanEvent.class).llm().usage();
        assertThat(split.cacheCreationInputTokens()).isEqualTo(20000L);
        assertThat(split.cacheCreation1hInputTokens()).isEqualTo(15000L);
        TokenUsage unsplit = JSON.treeToValue(golden("span-event.llm.v1.json"), SpanEvent.class).llm().usage();
        assertThat(unsplit.cacheCreation1hInputTokens()).isNull();
        assertThat(JSON.writeValueAsString(unsplit)).doesNotContain("1h");
        assertThat(JSON.writeValueAsString(split)).contains("\"cache_creation_1h_input_tokens\":15000");
    }

    @Test
    void moneyStaysExactThroughJson() throws Exception {
        TraceCostEvent cost = JSON.treeToValue(golden("trace-cost-event.v1.json"), TraceCostEvent.class);
        assertThat(cost.totalCost()).isEqualByComparingTo(new BigDecimal("0.00066"));
        assertThat(cost.spans().get(0).totalCost()).isEqualByComparingTo(cost.totalCost());
        String json = JSON.writeValueAsString(cost);
        assertThat(json).contains("\"total_cost\":0.00066").doesNotContain("E-");
        assertThat(JSON.readValue(json, TraceCostEvent.class)).isEqualTo(cost);
    }

    @Test
    void unknownFieldsAreTolerated() throws Exception {
        String json = "{\"schema_version\":2,\"trace_id\":\"tr-1\",\"span_id\":\"s\",\"future_field\":true}";
        assertThat(JSON.readValue(json, SpanEvent.class).traceId()).isEqualTo("tr-1");
    }

    private static JsonNode withoutNulls(JsonNode node) {
        if (node.isObject()) {
            var copy = JSON.createObjectNode();
            node.fields().forEachRemaining(e -> {
                if (!e.getValue().isNull()) {
                    copy.set(e.getKey(), withoutNulls(e.getValue()));
                }
            });
            return copy;
        }
        if (node.isArray()) {
            var copy = JSON.createArrayNode();
            node.forEach(n -> copy.add(withoutNulls(n)));
            return copy;
        }
        return node;
    }
}
