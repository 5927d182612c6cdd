package dev.evalplane.cost.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import dev.evalplane.cost.Spans;
import dev.evalplane.cost.TraceCosts;
import dev.evalplane.events.CostStatus;
import dev.evalplane.events.Ids;
import dev.evalplane.events.PricedBy;
import dev.evalplane.events.SpanCost;
import dev.evalplane.events.SpanEvent;
import dev.evalplane.events.Topics;
import dev.evalplane.events.TraceCostEvent;
import dev.evalplane.testsupport.KafkaBrokerResource;
import dev.evalplane.testsupport.PostgresResource;
import dev.evalplane.testsupport.TopicClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** spans -> ledger -> trace-costs against the real broker and PostgreSQL. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, parallel = true)
@WithTestResource(value = PostgresResource.class, parallel = true)
class SpanCostConsumerTests {

    private static final Duration WAIT = Duration.ofSeconds(60);
    // hand-computed in golden/cost-cases.csv
    private static final BigDecimal MINI_COST = new BigDecimal("0.00066");
    private static final BigDecimal SONNET_COST = new BigDecimal("0.01665");

    private final TopicClient kafka = TopicClient.onTestBroker();
    private final TraceCosts traceCosts = new TraceCosts(kafka);

    private static SpanEvent mini(String traceId, String spanId) {
        return Spans.llm(traceId, spanId, "0000000000000001", "openai", "gpt-4.1-mini",
                Spans.usage(1200, 300, 1000, 0, 120));
    }

    private static SpanEvent sonnet(String traceId, String spanId) {
        return Spans.llm(traceId, spanId, "0000000000000001", "anthropic", "claude-sonnet-4-5",
                Spans.usage(10000, 500, 8000, 1000, 0));
    }

    private void send(SpanEvent span) {
        kafka.send(Topics.SPANS, span.traceId(), Spans.json(span));
    }

    @Test
    void duplicateLlmSpanIsCountedOnce() {
        String trace = Ids.newTraceId();
        SpanEvent a = mini(trace, Ids.newSpanId());
        SpanEvent b = sonnet(trace, Ids.newSpanId());
        send(a);
        send(a);
        send(b);
        send(a);
        BigDecimal expected = MINI_COST.add(SONNET_COST);
        Map<String, TraceCostEvent> latest = TraceCosts.latest(traceCosts.awaitEach(List.of(trace),
                e -> e.spans().size() == 2, WAIT));
        TraceCostEvent event = latest.get(trace);
        assertThat(event.totalCost()).isEqualByComparingTo(expected);
        assertThat(event.inputTokens()).isEqualTo(11200);
        assertThat(event.cacheReadInputTokens()).isEqualTo(9000);
        assertThat(event.costStatus()).isEqualTo(CostStatus.PRICED);

        // the duplicate again, then a marker trace on the same partition: once the marker is priced, so was the duplicate
        send(a);
        String marker = kafka.keyOnPartitionOf(Topics.SPANS, trace, Ids::newTraceId);
        send(mini(marker, Ids.newSpanId()));
        Map<String, List<TraceCostEvent>> all = traceCosts.awaitEach(List.of(trace, marker), e -> true, WAIT);
        TraceCostEvent after = TraceCosts.latest(all).get(trace);
        assertThat(after.version()).isEqualTo(event.version());
        assertThat(after.totalCost()).isEqualByComparingTo(expected);
        assertThat(all.get(trace)).allSatisfy(e -> assertThat(e.spans()).hasSizeLessThanOrEqualTo(2));
        assertThat(all.get(trace).stream().map(TraceCostEvent::version).distinct().count())
                .as("one event per version").isEqualTo(all.get(trace).size());
        assertThat(kafka.readToEnd(Topics.deadLetter(Topics.SPANS))).as("a duplicate is no poison")
                .noneMatch(r -> trace.equals(r.key()));
    }

    /**
     * The ledger inserts a batch and writes it again as upserts only when a span of it is there already: a span sent
     * again with another call (a producer that corrected its usage) replaces its row, next to a new span.
     */
    @Test
    void aSpanSentAgainWithAnotherCallIsPricedAgainNextToNewSpans() {
        String trace = Ids.newTraceId();
        String corrected = Ids.newSpanId();
        send(mini(trace, corrected));
        TraceCostEvent first = TraceCosts.latest(traceCosts.awaitEach(List.of(trace), e -> true, WAIT)).get(trace);
        assertThat(first.totalCost()).isEqualByComparingTo(MINI_COST);

        send(sonnet(trace, corrected));
        send(mini(trace, Ids.newSpanId()));
        TraceCostEvent after = TraceCosts.latest(traceCosts.awaitEach(List.of(trace),
                e -> e.spans().size() == 2 && e.totalCost() != null
                        && e.totalCost().compareTo(SONNET_COST.add(MINI_COST)) == 0, WAIT)).get(trace);
        assertThat(after.spans()).extracting(SpanCost::spanId).contains(corrected);
        assertThat(after.spans().stream().filter(s -> s.spanId().equals(corrected)).findFirst().orElseThrow()
                .model()).isEqualTo("claude-sonnet-4-5");
        assertThat(kafka.readToEnd(Topics.deadLetter(Topics.SPANS))).noneMatch(r -> trace.equals(r.key()));
    }

    @Test
    void proxySpanForAnotherProvidersModelIsPricedByModelNameAndSaysSo() {
        String trace = Ids.newTraceId();
        SpanEvent viaProxy = Spans.llm(trace, Ids.newSpanId(), "0000000000000001", "openai", "claude-sonnet-4-5",
                Spans.usage(10000, 500, 8000, 1000, 0));
        SpanEvent direct = mini(trace, Ids.newSpanId());
        send(viaProxy);
        send(direct);
        TraceCostEvent event = TraceCosts.latest(traceCosts.awaitEach(List.of(trace), e -> e.spans().size() == 2,
                WAIT)).get(trace);
        assertThat(event.costStatus()).isEqualTo(CostStatus.PRICED);
        assertThat(event.totalCost()).isEqualByComparingTo(MINI_COST.add(SONNET_COST));
        SpanCost proxied = event.spans().stream().filter(s -> s.spanId().equals(viaProxy.spanId())).findFirst()
                .orElseThrow();
        assertThat(proxied.totalCost()).isEqualByComparingTo(SONNET_COST);
        assertThat(proxied.provider()).isEqualTo("openai");
        assertThat(proxied.pricedBy()).isEqualTo(new PricedBy("claude-sonnet-4-5", "bundled", PricedBy.MODEL_NAME));
        SpanCost own = event.spans().stream().filter(s -> s.spanId().equals(direct.spanId())).findFirst()
                .orElseThrow();
        assertThat(own.pricedBy().match()).isEqualTo(PricedBy.PROVIDER_AND_MODEL);
        assertThat(own.pricedBy().priceKey()).isEqualTo("gpt-4.1-mini");
    }

    @Test
    void spansInAnyOrderGiveTheSameExactTotal() {
        String inOrder = Ids.newTraceId();
        String reversed = Ids.newTraceId();
        List<SpanEvent> first = List.of(Spans.plain(inOrder, "00000000000000aa"), mini(inOrder, Ids.newSpanId()),
                sonnet(inOrder, Ids.newSpanId()), mini(inOrder, Ids.newSpanId()));
        List<SpanEvent> second = List.of(mini(reversed, Ids.newSpanId()), sonnet(reversed, Ids.newSpanId()),
                mini(reversed, Ids.newSpanId()), Spans.plain(reversed, "00000000000000bb"));
        first.forEach(this::send);
        for (int i = second.size() - 1; i >= 0; i--) {
            send(second.get(i));
        }
        BigDecimal expected = MINI_COST.add(MINI_COST).add(SONNET_COST); // 0.01797
        Map<String, TraceCostEvent> latest = TraceCosts.latest(traceCosts.awaitEach(List.of(inOrder, reversed),
                e -> e.spans().size() == 3, WAIT));
        assertThat(latest.get(inOrder).totalCost()).isEqualByComparingTo("0.01797");
        assertThat(latest.get(reversed).totalCost()).isEqualTo(latest.get(inOrder).totalCost());
        assertThat(latest.get(reversed).totalCost()).isEqualByComparingTo(expected);
        BigDecimal sumOfSpans = latest.get(reversed).spans().stream().map(SpanCost::totalCost)
                .reduce(BigDecimal.ZERO, BigDecimal::add);
        assertThat(latest.get(reversed).totalCost()).isEqualByComparingTo(sumOfSpans);
    }

    @Test
    void unpricedModelKeepsTokensAndNullCosts() {
        String mixed = Ids.newTraceId();
        String onlyUnknown = Ids.newTraceId();
        send(mini(mixed, Ids.newSpanId()));
        send(Spans.llm(mixed, Ids.newSpanId(), null, "acme", "acme-large-2", Spans.usage(700, 50, 0, 0, 0)));
        send(Spans.llm(onlyUnknown, Ids.newSpanId(), null, "acme", "acme-large-2", Spans.usage(100, 20, 0, 0, 0)));
        Map<String, TraceCostEvent> latest = TraceCosts.latest(traceCosts.awaitEach(List.of(mixed, onlyUnknown),
                e -> e.spans().size() == (e.traceId().equals(mixed) ? 2 : 1), WAIT));

        TraceCostEvent m = latest.get(mixed);
        assertThat(m.costStatus()).isEqualTo(CostStatus.PARTIALLY_PRICED);
        assertThat(m.totalCost()).isNull();
        assertThat(m.inputCost()).isNull();
        assertThat(m.inputTokens()).isEqualTo(1900);
        assertThat(m.outputTokens()).isEqualTo(350);
        assertThat(m.unpricedModels()).containsExactly("acme-large-2");
        SpanCost unknown = m.spans().stream().filter(s -> s.model().equals("acme-large-2")).findFirst().orElseThrow();
        assertThat(unknown.costStatus()).isEqualTo(CostStatus.UNPRICED);
        assertThat(unknown.totalCost()).isNull();
        assertThat(unknown.usage().inputTokens()).isEqualTo(700);
        SpanCost priced = m.spans().stream().filter(s -> s.model().equals("gpt-4.1-mini")).findFirst().orElseThrow();
        assertThat(priced.totalCost()).isEqualByComparingTo(MINI_COST);

        TraceCostEvent u = latest.get(onlyUnknown);
        assertThat(u.costStatus()).isEqualTo(CostStatus.UNPRICED);
        assertThat(u.totalCost()).isNull();
        assertThat(u.totalTokens()).isEqualTo(120);
    }

    @Test
    void poisonRecordThatMayBeAnLlmSpanGoesToSpansDlqAndTheNextRecordIsStillPriced() {
        String poisonKey = "poison-" + UUID.randomUUID();
        String poison = "{\"llm\": {\"model\": \"gpt-4o\"}, \"trace_id\": \"" + poisonKey + "\", \"span_id\": ";
        kafka.send(Topics.SPANS, poisonKey, poison);
        String noIds = "{\"schema_version\": 1, \"name\": \"no ids\", \"llm\": {\"model\": \"gpt-4o\"}}";
        kafka.send(Topics.SPANS, poisonKey, noIds);
        String good = kafka.keyOnPartitionOf(Topics.SPANS, poisonKey, Ids::newTraceId);
        send(sonnet(good, Ids.newSpanId()));

        TraceCostEvent event = TraceCosts.latest(traceCosts.awaitEach(List.of(good), e -> true, WAIT)).get(good);
        assertThat(event.totalCost()).isEqualByComparingTo(SONNET_COST);

        List<ConsumerRecord<String, String>> dead = kafka.readUntil(Topics.deadLetter(Topics.SPANS),
                read -> read.stream().filter(r -> poisonKey.equals(r.key())).count() == 2, WAIT).stream()
                .filter(r -> poisonKey.equals(r.key())).toList();
        assertThat(dead).extracting(ConsumerRecord::value).containsExactly(poison, noIds);
        assertThat(new String(dead.get(0).headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                .contains("not a valid SpanEvent JSON document");
        assertThat(new String(dead.get(1).headers().lastHeader("dead-letter-reason").value(), StandardCharsets.UTF_8))
                .contains("trace_id");
    }

    /**
     * Records that cannot be LLM spans are not read (LlmBlockFilter) and mostly not even handed to the consumer
     * (NotLlmSpansInterceptor): offsets are committed past them all the same, even when a partition ends with them,
     * and an unreadable one is left to trace-service, which dead-letters it.
     */
    @Test
    void spansWithoutAnLlmBlockAreCommittedUnreadAndAnUnreadableOneIsLeftToTraceService() {
        String trace = Ids.newTraceId();
        for (int i = 0; i < 20; i++) {
            send(Spans.plain(trace, Ids.newSpanId()));
        }
        kafka.send(Topics.SPANS, trace, "{\"trace_id\": \"" + trace + "\", \"span_id\": ");
        send(mini(trace, Ids.newSpanId()));
        for (int i = 0; i < 20; i++) {
            send(Spans.plain(trace, Ids.newSpanId()));
        }
        TraceCostEvent event = TraceCosts.latest(traceCosts.awaitEach(List.of(trace), e -> true, WAIT)).get(trace);
        assertThat(event.totalCost()).isEqualByComparingTo(MINI_COST);
        await().atMost(WAIT).untilAsserted(() -> assertThat(kafka.uncommitted("cost-service", Topics.SPANS))
                .as("committed up to the last span, though it is no LLM span").isZero());
        assertThat(kafka.readToEnd(Topics.deadLetter(Topics.SPANS))).noneMatch(r -> trace.equals(r.key()));
    }
}
