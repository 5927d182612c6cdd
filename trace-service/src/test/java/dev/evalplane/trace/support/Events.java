package dev.evalplane.trace.support;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;

import dev.evalplane.events.AssessmentEvent;
import dev.evalplane.events.AssessmentSource;
import dev.evalplane.events.CostStatus;
import dev.evalplane.events.EventJson;
import dev.evalplane.events.Ids;
import dev.evalplane.events.MlflowKeys;
import dev.evalplane.events.PricedBy;
import dev.evalplane.events.SpanCost;
import dev.evalplane.events.TokenUsage;
import dev.evalplane.events.TraceCostEvent;
import dev.evalplane.events.Topics;
import dev.evalplane.testsupport.TopicClient;

/** AssessmentEvent and TraceCostEvent fixtures, sent over the real topics. */
public final class Events {

    public static AssessmentEvent judgeFeedback(String traceId, String name, JsonNode value, String runId,
            String judgeTraceId) {
        Map<String, String> metadata = judgeTraceId == null ? Map.of(MlflowKeys.SOURCE_RUN_ID, runId)
                : Map.of(MlflowKeys.SOURCE_RUN_ID, runId, MlflowKeys.SCORER_TRACE_ID, judgeTraceId);
        return new AssessmentEvent(1, Ids.assessmentId(runId, traceId, name), traceId, null, name,
                AssessmentEvent.FEEDBACK, new AssessmentSource(AssessmentSource.LLM_JUDGE, "openai:/gpt-4.1-mini"),
                value, "because", null, metadata, 1_732_600_000_000L, null, null);
    }

    public static AssessmentEvent humanFeedback(String traceId, String name, JsonNode value) {
        return new AssessmentEvent(1, Ids.assessmentId("human", traceId, name), traceId, null, name,
                AssessmentEvent.FEEDBACK, new AssessmentSource(AssessmentSource.HUMAN, "ann"), value, null, null,
                Map.of(), 1_732_600_000_000L, null, null);
    }

    public static TraceCostEvent cost(String traceId, long version, long input, long output, String totalCost,
            CostStatus status) {
        return cost(traceId, version, input, output, totalCost, status, List.of());
    }

    /** A judge trace's cost; an UNPRICED one names the models the price table lacks. */
    public static TraceCostEvent cost(String traceId, long version, long input, long output, String totalCost,
            CostStatus status, List<String> unpricedModels) {
        BigDecimal total = totalCost == null ? null : new BigDecimal(totalCost);
        BigDecimal inputCost = total == null ? null : total.subtract(new BigDecimal("0.00000001"));
        BigDecimal outputCost = total == null ? null : new BigDecimal("0.00000001");
        SpanCost span = new SpanCost("1a2b3c4d5e6f7a8b", "openai", "gpt-4.1-mini", TokenUsage.of(input, output),
                inputCost, outputCost, total, status,
                total == null ? null : new PricedBy("gpt-4.1-mini", "bundled", PricedBy.PROVIDER_AND_MODEL));
        return new TraceCostEvent(1, traceId, version, input, output, input + output, 0, 0, 0, inputCost, outputCost,
                total, status, unpricedModels, List.of(span), "test-prices", Instant.parse("2026-11-26T20:00:00Z"));
    }

    public static void send(AssessmentEvent event) {
        TopicClient.onTestBroker().send(Topics.ASSESSMENTS, event.traceId(), json(event));
    }

    public static void send(TraceCostEvent event) {
        TopicClient.onTestBroker().send(Topics.TRACE_COSTS, event.traceId(), json(event));
    }

    /** An event as JSON, its wire format. */
    public static String json(Object event) {
        try {
            return EventJson.mapper().writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private Events() {
    }
}
