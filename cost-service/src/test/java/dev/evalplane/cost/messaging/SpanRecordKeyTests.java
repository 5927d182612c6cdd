package dev.evalplane.cost.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import dev.evalplane.cost.Spans;
import dev.evalplane.cost.TraceCosts;
import dev.evalplane.events.Ids;
import dev.evalplane.events.Topics;
import dev.evalplane.testsupport.KafkaBrokerResource;
import dev.evalplane.testsupport.PostgresResource;
import dev.evalplane.testsupport.TopicClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The spans channel takes keys as bytes, which no reader uses: a poison record that may be an LLM span is on spans-dlq
 * with its own key bytes (here not UTF-8, which a String key would have turned into U+FFFD) and value bytes, a record
 * without key stays without one, and an LLM span without key is priced.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, parallel = true)
@WithTestResource(value = PostgresResource.class, parallel = true)
class SpanRecordKeyTests {

    private final TopicClient kafka = TopicClient.onTestBroker();

    @Test
    void poisonRecordsKeepTheirKeyBytesOnTheDlqAndSpansWithoutKeyArePriced() {
        String trace = Ids.newTraceId();
        byte[] notUtf8Key = ("tr-\u00ff" + trace).getBytes(StandardCharsets.ISO_8859_1);
        byte[] brokenLlmSpan = ("{\"trace_id\": \"" + trace + "\", \"llm\": {\"model\": \"gpt-4.1-mini\"}, broken")
                .getBytes(StandardCharsets.UTF_8);
        byte[] brokenWithoutKey = ("{\"trace_id\": \"" + trace + "\", \"llm\": {\"model\": \"o3\"}, broken")
                .getBytes(StandardCharsets.UTF_8);
        kafka.sendBytes(Topics.SPANS, notUtf8Key, brokenLlmSpan);
        kafka.sendBytes(Topics.SPANS, null, brokenWithoutKey);
        kafka.sendBytes(Topics.SPANS, null, Spans.json(Spans.llm(trace, Ids.newSpanId(), null, "openai",
                "gpt-4.1-mini", Spans.usage(1200, 300, 1000, 0, 120))).getBytes(StandardCharsets.UTF_8));

        new TraceCosts(kafka).awaitEach(List.of(trace), e -> e.spans().size() == 1, Duration.ofSeconds(60));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<ConsumerRecord<byte[], byte[]>> dead = kafka.readBytesToEnd(Topics.deadLetter(Topics.SPANS));
            assertThat(dead).filteredOn(r -> Arrays.equals(r.value(), brokenLlmSpan)).singleElement()
                    .satisfies(r -> assertThat(r.key()).isEqualTo(notUtf8Key));
            assertThat(dead).filteredOn(r -> Arrays.equals(r.value(), brokenWithoutKey)).singleElement()
                    .satisfies(r -> assertThat(r.key()).isNull());
        });
    }
}
