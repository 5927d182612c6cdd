package dev.evalplane.trace;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.evalplane.testsupport.BorderlineSpanRecords;
import dev.evalplane.testsupport.BorderlineSpanRecords.Outcome;
import dev.evalplane.testsupport.BorderlineSpanRecords.Row;
import dev.evalplane.testsupport.KafkaBrokerResource;
import dev.evalplane.testsupport.PostgresResource;
import dev.evalplane.testsupport.TopicClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * trace-service's half of the borderline spans table (cost-service runs the same table): every STORED record is
 * stored with its text made storable (NUL and lone surrogates as U+FFFD), every other one is on spans-dlq.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, parallel = true)
@WithTestResource(value = PostgresResource.class, parallel = true)
class BorderlineSpanRecordsTests {

    @Test
    void eachRecordIsStoredOrDeadLetteredAsTheTableSays() {
        List<Row> rows = BorderlineSpanRecords.rows();
        BorderlineSpanRecords.publish(TopicClient.onTestBroker(), rows);
        List<Row> stored = rows.stream().filter(r -> r.outcome() == Outcome.STORED).toList();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            for (Row row : stored) {
                assertThat(given().get("/api/v1/traces/" + row.traceId()).then().extract().statusCode())
                        .as(row.name()).isEqualTo(200);
            }
        });
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                BorderlineSpanRecords.deadLettered(TopicClient.onTestBroker(), rows))
                .isEqualTo(BorderlineSpanRecords.names(rows, Outcome.DEAD_LETTERED)));

        JsonPath nulName = trace(rows, "name with NUL");
        assertThat(nulName.getString("spans[0].name")).isEqualTo("llm\uFFFDcall");
        JsonPath nulAttribute = trace(rows, "attribute key and value with NUL");
        Map<String, Object> attributes = nulAttribute.getMap("spans[0].attributes");
        assertThat(attributes).containsEntry("key\uFFFDnul", "value\uFFFDnul");
        JsonPath tags = trace(rows, "tags and metadata with NUL");
        assertThat(tags.getMap("info.tags")).containsEntry("tag\uFFFD", "v\uFFFD");
        assertThat(tags.getMap("info.trace_metadata")).containsEntry("meta\uFFFD", "v\uFFFD");
        assertThat(trace(rows, "name with a lone surrogate").getString("spans[0].name")).isEqualTo("a\uFFFDb");
        assertThat(trace(rows, "name with invalid UTF-8 bytes").getString("spans[0].name")).isEqualTo("bad \uFFFD(");
        assertThat(trace(rows, "huge number in an attribute").getString("spans[0].attributes.big")).isEqualTo("1E+100000");
    }

    private static JsonPath trace(List<Row> rows, String name) {
        Row row = rows.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
        return given().get("/api/v1/traces/" + row.traceId()).then().statusCode(200).extract().jsonPath();
    }
}
