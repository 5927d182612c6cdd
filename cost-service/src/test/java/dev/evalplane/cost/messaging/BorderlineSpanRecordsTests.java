package dev.evalplane.cost.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.evalplane.cost.TraceCosts;
import dev.evalplane.events.TraceCostEvent;
import dev.evalplane.testsupport.BorderlineSpanRecords;
import dev.evalplane.testsupport.BorderlineSpanRecords.Outcome;
import dev.evalplane.testsupport.BorderlineSpanRecords.Row;
import dev.evalplane.testsupport.KafkaBrokerResource;
import dev.evalplane.testsupport.PostgresResource;
import dev.evalplane.testsupport.TopicClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * cost-service's half of the borderline spans table (trace-service runs the same table): every STORED record is
 * priced (a trace-costs event for its trace), every other one that may be an LLM span is on spans-dlq, and nothing
 * else is. The records that cannot have an {@code llm} block (not JSON, JSON null, an array, no value) are not read
 * by cost-service at all ({@link LlmBlockFilter}): trace-service dead-letters them.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, parallel = true)
@WithTestResource(value = PostgresResource.class, parallel = true)
class BorderlineSpanRecordsTests {

    private static final Set<String> WITHOUT_LLM_BLOCK = Set.of("not JSON", "JSON null", "JSON array", "empty value");

    @Test
    void eachRecordIsPricedOrDeadLetteredAsTheTableSays() {
        List<Row> rows = BorderlineSpanRecords.rows();
        BorderlineSpanRecords.publish(TopicClient.onTestBroker(), rows);
        List<String> priced = rows.stream().filter(r -> r.outcome() == Outcome.STORED).map(Row::traceId).toList();
        Map<String, TraceCostEvent> costs = TraceCosts.latest(new TraceCosts(TopicClient.onTestBroker())
                .awaitEach(priced, Objects::nonNull, Duration.ofSeconds(60)));
        assertThat(costs.keySet()).containsExactlyInAnyOrderElementsOf(priced);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                BorderlineSpanRecords.deadLettered(TopicClient.onTestBroker(), rows))
                .isEqualTo(deadLetteredByCostService(rows)));

        Row nulModel = rows.stream().filter(r -> r.name().equals("model and provider with NUL")).findFirst().orElseThrow();
        assertThat(costs.get(nulModel.traceId()).spans().get(0).model()).isEqualTo("gpt\uFFFDx");
        Row valid = rows.get(0);
        assertThat(costs.get(valid.traceId()).totalCost()).isNotNull();
    }

    private static Set<String> deadLetteredByCostService(List<Row> rows) {
        Set<String> names = BorderlineSpanRecords.names(rows, Outcome.DEAD_LETTERED);
        assertThat(names).containsAll(WITHOUT_LLM_BLOCK);
        assertThat(rows).filteredOn(r -> WITHOUT_LLM_BLOCK.contains(r.name()))
                .allSatisfy(r -> assertThat(new String(r.value(), StandardCharsets.UTF_8)).doesNotContain("llm"));
        names.removeAll(WITHOUT_LLM_BLOCK);
        return names;
    }
}
