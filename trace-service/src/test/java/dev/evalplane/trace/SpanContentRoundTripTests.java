package dev.evalplane.trace;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.evalplane.events.Ids;
import dev.evalplane.events.Topics;
import dev.evalplane.testsupport.KafkaBrokerResource;
import dev.evalplane.testsupport.PostgresResource;
import dev.evalplane.testsupport.TopicClient;
import dev.evalplane.trace.mapping.JsonCodec;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;

/**
 * A span's content is stored as the text the record carried (json columns, V12), where it was parsed into jsonb before
 * (which kept the last of a key given twice, sorted the keys, and resolved escapes and number forms). What a client
 * reads through the API must be what the jsonb columns gave: for each content value, the API's answer is compared
 * with that value read back from PostgreSQL's jsonb and served the way the API serves it. Key order is not compared
 * (the API now serves inputs, outputs and events in the client's own order).
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, parallel = true)
@WithTestResource(value = PostgresResource.class, parallel = true)
class SpanContentRoundTripTests {

    private static final Duration WAIT = Duration.ofSeconds(90);
    /** How a client reads the API's answer. */
    private static final ObjectMapper CLIENT = new ObjectMapper();

    private static final String ATTRIBUTES = """
            {"zeta": 1, "a": "first", "mlflow.spanType": "LLM", "a": "second", "k\\u0065y": "escaped name", "key": "plain",
             "\\u00e9t\\u00e9": "caf\\u00e9 \\ud83d\\ude00 \\/ \\"q\\" \\\\ \\t tab", "num": 1e2, "dec": 1.50, "small": 1.5E-7,
             "neg": -0.0, "big": 123456789012345678901234567890, "exp": 1E+40,
             "nested": {"y": [3, 2, 1, {"b": true, "a": null, "b": false}], "x": {}}}""";
    private static final String INPUTS = """
            {"messages": [{"role": "user", "content": "h\\u00e9llo", "role": "system"}], "b": 2.0, "a": [1, 1.0, 10e-1]}""";
    private static final String OUTPUTS = "\"plain \\u2603 string\"";
    private static final String EVENTS = """
            [{"name": "exception", "timestamp_ns": 1732600000000000001,
              "attributes": {"z": "last", "exception.message": "line\\nbreak", "z": "kept"}}, {}]""";

    @Inject
    Pool pool;

    @Inject
    JsonCodec json;

    @Test
    void contentReadsAsItsJsonbValueWouldHave() throws Exception {
        String traceId = Ids.newTraceId();
        String spanId = Ids.newSpanId();
        String record = """
                {"schema_version": 1, "trace_id": "%s", "span_id": "%s", "name": "chat", "span_type": "LLM",
                 "start_time_ns": 1732600000000000000, "end_time_ns": 1732600000500000000,
                 "status": {"code": "OK"}, "experiment_id": "exp-content", "attributes": %s, "inputs": %s,
                 "outputs": %s, "events": %s,
                 "llm": {"provider": "openai", "model": "gpt-4.1-mini", "usage": {"input_tokens": 12, "output_tokens": 3}}}
                """.formatted(traceId, spanId, ATTRIBUTES, INPUTS, OUTPUTS, EVENTS);
        TopicClient.onTestBroker().send(Topics.SPANS, traceId, record);

        JsonNode span = await().atMost(WAIT).until(() -> spanOf(traceId), s -> s != null);

        assertThat(span.get("attributes")).isEqualTo(asJsonbServed(ATTRIBUTES));
        assertThat(span.get("inputs")).isEqualTo(asJsonbServed(INPUTS));
        assertThat(span.get("outputs")).isEqualTo(asJsonbServed(OUTPUTS));
        assertThat(span.get("events")).isEqualTo(asJsonbServed(EVENTS));
        assertThat(span.at("/llm/model").asText()).isEqualTo("gpt-4.1-mini");
        assertThat(span.at("/llm/usage/input_tokens").asLong()).isEqualTo(12);
        // what that means, spelled out: a key given twice keeps its last value, escapes are resolved, numbers exact
        assertThat(span.at("/attributes/a").asText()).isEqualTo("second");
        assertThat(span.at("/attributes/key").asText()).isEqualTo("plain");
        assertThat(span.at("/attributes/été").asText()).isEqualTo("café \uD83D\uDE00 / \"q\" \\ \t tab");
        assertThat(span.at("/attributes/big").bigIntegerValue()).hasToString("123456789012345678901234567890");
        assertThat(span.at("/attributes/nested/y/3/b").asBoolean()).isFalse();
        assertThat(span.at("/inputs/messages/0/role").asText()).isEqualTo("system");
        assertThat(span.at("/events/0/attributes/z").asText()).isEqualTo("kept");
        assertThat(span.get("outputs").asText()).isEqualTo("plain \u2603 string");
    }

    /** A previous version's span read merges the costs into attributes with jsonb's || (V12's operator keeps it working). */
    @Test
    void previousVersionsSpanReadStillWorks() {
        String merged = pool.preparedQuery("SELECT ($1::text::json || '{\"b\": 2}'::jsonb)::text AS t")
                .execute(Tuple.of("{\"a\": 1, \"b\": 1}")).await().atMost(WAIT).iterator().next().getString("t");
        assertThat(merged).isEqualTo("{\"a\": 1, \"b\": 2}");
    }

    private static JsonNode spanOf(String traceId) throws Exception {
        var response = given().get("/api/v1/traces/" + traceId).then().extract();
        if (response.statusCode() != 200) {
            return null;
        }
        JsonNode spans = CLIENT.readTree(response.asString()).get("spans");
        return spans == null || spans.isEmpty() ? null : spans.get(0);
    }

    /** The value as the jsonb column gave it back, read and served by the service's mapper, read by a client. */
    private JsonNode asJsonbServed(String text) throws Exception {
        String stored = pool.preparedQuery("SELECT $1::text::jsonb::text AS t").execute(Tuple.of(text)).await()
                .atMost(WAIT).iterator().next().getString("t");
        return CLIENT.readTree(json.mapper().writeValueAsString(json.tree(stored)));
    }
}
