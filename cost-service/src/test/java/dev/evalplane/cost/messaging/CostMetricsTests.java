package dev.evalplane.cost.messaging;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.evalplane.cost.Spans;
import dev.evalplane.events.Ids;
import dev.evalplane.events.SpanEvent;
import dev.evalplane.events.Topics;
import dev.evalplane.testsupport.KafkaBrokerResource;
import dev.evalplane.testsupport.PrometheusText;
import dev.evalplane.testsupport.PostgresResource;
import dev.evalplane.testsupport.TopicClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** The pricing counters and the Kafka consumer's lag gauges are on /q/metrics for Prometheus. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, parallel = true)
@WithTestResource(value = PostgresResource.class, parallel = true)
class CostMetricsTests {

    static double metric(String name, String... labels) {
        return PrometheusText.sum(given().get("/q/metrics").then().statusCode(200).extract().asString(), name, labels);
    }

    @Test
    void pricedSpansAndPublishedAggregatesAreCounted() {
        double unpricedBefore = metric("evalplane_cost_spans_priced_total", "status=\"UNPRICED\"", "model=\"metrics-no-such-model\"");
        double publishedBefore = metric("evalplane_cost_trace_events_published_total");
        SpanEvent span = Spans.llm(Ids.newTraceId(), Ids.newSpanId(), "0000000000000001", "openai",
                "metrics-no-such-model", Spans.usage(100, 10, 0, 0, 0));
        TopicClient.onTestBroker().send(Topics.SPANS, span.traceId(), Spans.json(span));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(metric("evalplane_cost_spans_priced_total", "status=\"UNPRICED\"", "model=\"metrics-no-such-model\"")
                    - unpricedBefore).isEqualTo(1);
            assertThat(metric("evalplane_cost_trace_events_published_total") - publishedBefore).isGreaterThanOrEqualTo(1);
        });
        String metrics = given().get("/q/metrics").then().extract().asString();
        assertThat(metrics).contains("kafka_consumer_fetch_manager_records_lag");
    }
}
