package dev.evalplane.gateway.mlflow;

import static dev.evalplane.gateway.mlflow.MlflowExperimentsIT.assertError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Tracing with the real MLflow client and its default settings: @mlflow.trace and mlflow.start_span traces are
 * stored with their spans and token usage and priced by evalplane (cost-service over Kafka, as for any OTLP span);
 * the client reads them back with get_trace, search_traces (list and DataFrame, filter, order, pages), batch get,
 * edits tags, deletes traces, and gets MLflow's errors for a missing trace or a bad filter. The client's OTLP-only
 * mode (spans to /v1/traces with x-mlflow-experiment-id in the exporter's headers) is stored and priced too.
 */
class MlflowTracingIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static MlflowStack stack;

    @BeforeAll
    static void start() {
        stack = MlflowStack.get();
    }

    @Test
    void clientTracesAreStoredPricedAndReadBack() throws IOException, InterruptedException {
        JsonNode written = stack.run("tracing.py", Map.of("EXPERIMENT_NAME", "mlflow-tracing-" + OtlpExport.hex(8)));
        String experimentId = written.path("experiment_id").asText();
        List<String> ids = new ArrayList<>();
        written.path("trace_ids").forEach(id -> ids.add(id.asText()));
        assertThat(ids).hasSize(3).allMatch(id -> id.matches("tr-[0-9a-f]{32}"));

        BigDecimal expectedCost = rate("input_cost_per_token").multiply(BigDecimal.valueOf(1000))
                .add(rate("output_cost_per_token").multiply(BigDecimal.valueOf(200)));
        for (String id : ids) {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                JsonNode trace = OtlpExport.trace(stack, id);
                assertThat(trace).as(id).isNotNull();
                assertThat(trace.path("spans")).hasSize(3);
                assertThat(trace.path("info").path("trace_metadata").path("evalplane.trace.costStatus").asText())
                        .isEqualTo("PRICED");
            });
            JsonNode info = OtlpExport.trace(stack, id).path("info");
            assertThat(info.path("experiment_id").asText()).isEqualTo(experimentId);
            assertThat(info.path("tags").path("team").asText()).isEqualTo("search");
            assertThat(info.path("tags").path("mlflow.traceName").asText()).isEqualTo("pipeline");
            JsonNode cost = JSON.readTree(info.path("trace_metadata").path("mlflow.trace.cost").asText());
            assertThat(cost.path("total_cost").decimalValue()).isEqualByComparingTo(expectedCost);
            JsonNode usage = JSON.readTree(info.path("trace_metadata").path("mlflow.trace.tokenUsage").asText());
            assertThat(usage.path("input_tokens").asLong()).isEqualTo(1000);
            assertThat(usage.path("output_tokens").asLong()).isEqualTo(200);
        }

        JsonNode out = stack.run("reads.py", Map.of("EXPERIMENT_ID", experimentId, "TRACE_IDS", String.join(",", ids)));

        for (String form : List.of("fluent_get", "client_get")) {
            JsonNode trace = out.path(form);
            assertThat(trace.path("trace_id").asText()).as(form).isEqualTo(ids.get(0));
            assertThat(trace.path("experiment_id").asText()).isEqualTo(experimentId);
            assertThat(trace.path("state").asText()).contains("OK");
            assertThat(trace.path("tags").path("team").asText()).isEqualTo("search");
            assertThat(trace.path("token_usage").path("input_tokens").asLong()).isEqualTo(1000);
            assertThat(trace.path("token_usage").path("output_tokens").asLong()).isEqualTo(200);
            assertThat(trace.path("token_usage").path("total_tokens").asLong()).isEqualTo(1200);
            assertThat(new BigDecimal(JSON.readTree(trace.path("cost").asText()).path("total_cost").asText()))
                    .isEqualByComparingTo(expectedCost);
            JsonNode spans = trace.path("spans");
            assertThat(spans).hasSize(3);
            assertThat(spanNames(spans)).containsExactlyInAnyOrder("pipeline", "retrieve", "chat");
            JsonNode root = find(spans, "pipeline");
            assertThat(root.path("parent_id").isNull()).isTrue();
            assertThat(root.path("span_type").asText()).isEqualTo("CHAIN");
            assertThat(root.path("inputs").path("question").asText()).isEqualTo("question 0");
            assertThat(root.path("outputs").asText()).isEqualTo("An answer to question 0");
            JsonNode chat = find(spans, "chat");
            assertThat(chat.path("span_type").asText()).isEqualTo("CHAT_MODEL");
            assertThat(chat.path("parent_id").asText()).isEqualTo(root.path("span_id").asText());
            assertThat(chat.path("usage").path("input_tokens").asLong()).isEqualTo(1000);
            assertThat(chat.path("cost").path("total_cost").decimalValue()).isEqualByComparingTo(expectedCost);
            assertThat(find(spans, "retrieve").path("span_type").asText()).isEqualTo("RETRIEVER");
        }

        assertThat(texts(out.path("search_list"))).containsExactlyElementsOf(ids);
        assertThat(out.path("search_list_spans").toString()).isEqualTo("[3,3,3]");
        assertThat(texts(out.path("search_filter"))).containsExactly(ids.get(1));
        assertThat(texts(out.path("dataframe_columns"))).contains("trace_id", "spans", "assessments", "tags");
        assertThat(texts(out.path("dataframe_ids"))).containsExactly(ids.get(2), ids.get(1));
        assertThat(out.path("dataframe_span_counts").toString()).isEqualTo("[3,3]");
        List<String> paged = new ArrayList<>();
        out.path("pages").forEach(page -> {
            assertThat(page.size()).isEqualTo(1);
            paged.add(page.get(0).asText());
        });
        assertThat(paged).containsExactlyElementsOf(ids);
        assertThat(out.path("batch_get").toString()).isEqualTo(
                "[[\"" + ids.get(0) + "\",3],[\"" + ids.get(1) + "\",3],[\"" + ids.get(2) + "\",3]]");

        assertThat(out.path("tags_after_edit").path("reviewed").asText()).isEqualTo("yes");
        assertThat(out.path("tags_after_edit").has("team")).isFalse();
        assertThat(out.path("tags_after_edit").path("q_index").asText()).isEqualTo("1");
        assertThat(out.path("deleted").asInt()).isEqualTo(1);
        assertError(out.path("get_deleted"), "RESOURCE_DOES_NOT_EXIST", 404);
        assertError(out.path("get_missing"), "RESOURCE_DOES_NOT_EXIST", 404);
        assertError(out.path("bad_filter"), "INVALID_PARAMETER_VALUE", 400);
        assertThat(texts(out.path("after_delete"))).containsExactlyInAnyOrder(ids.get(0), ids.get(1));
        assertThat(OtlpExport.trace(stack, ids.get(2))).isNull();
        assertThat(OtlpExport.trace(stack, ids.get(1)).path("info").path("tags").path("reviewed").asText()).isEqualTo("yes");
    }

    @Test
    void otlpOnlyModeWithTheExperimentHeaderIsStoredAndPriced() throws IOException, InterruptedException {
        String experiment = "mlflow-otlp-" + OtlpExport.hex(8);
        JsonNode out = stack.run("otlp_only.py", Map.of(
                "OTEL_EXPORTER_OTLP_TRACES_ENDPOINT", stack.gateway.url("/v1/traces"),
                "OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "http/protobuf",
                "OTEL_EXPORTER_OTLP_TRACES_HEADERS", "x-mlflow-experiment-id=" + experiment
                        + ",authorization=Bearer%20" + MlflowStack.TOKEN));
        String traceId = out.path("trace_id").asText();
        assertThat(traceId).matches("tr-[0-9a-f]{32}");

        BigDecimal expectedCost = rate("input_cost_per_token").multiply(BigDecimal.valueOf(500))
                .add(rate("output_cost_per_token").multiply(BigDecimal.valueOf(50)));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode trace = OtlpExport.trace(stack, traceId);
            assertThat(trace).isNotNull();
            assertThat(trace.path("spans")).hasSize(2);
            assertThat(trace.path("info").path("trace_metadata").path("evalplane.trace.costStatus").asText())
                    .isEqualTo("PRICED");
        });
        JsonNode info = OtlpExport.trace(stack, traceId).path("info");
        assertThat(info.path("experiment_id").asText()).isEqualTo(experiment);
        assertThat(info.path("tags").path("mlflow.traceName").asText()).isEqualTo("otlp-pipeline");
        assertThat(JSON.readTree(info.path("trace_metadata").path("mlflow.trace.cost").asText()).path("total_cost")
                .decimalValue()).isEqualByComparingTo(expectedCost);
    }

    private static BigDecimal rate(String field) throws IOException, InterruptedException {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                stack.services.costService().url("/api/v1/prices?model=gpt-4.1-mini&provider=openai"))).build(),
                HttpResponse.BodyHandlers.ofString());
        return new BigDecimal(JSON.readTree(answer.body()).path("rates").path(field).asText());
    }

    private static JsonNode find(JsonNode spans, String name) {
        for (JsonNode span : spans) {
            if (span.path("name").asText().equals(name)) {
                return span;
            }
        }
        throw new AssertionError("no span " + name + " in " + spans);
    }

    private static List<String> spanNames(JsonNode spans) {
        List<String> names = new ArrayList<>();
        spans.forEach(s -> names.add(s.path("name").asText()));
        return names;
    }

    private static List<String> texts(JsonNode array) {
        List<String> list = new ArrayList<>();
        array.forEach(n -> list.add(n.asText()));
        return list;
    }
}
