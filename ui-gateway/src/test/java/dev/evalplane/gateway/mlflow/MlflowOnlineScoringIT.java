package dev.evalplane.gateway.mlflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.evalplane.events.MlflowKeys;
import dev.evalplane.events.OnlineSampling;
import io.restassured.http.ContentType;

/**
 * Online scoring driven by the real MLflow client ({@code online_scoring.py}, one step per run): scorer.start,
 * update and stop on registered make_judge scorers, what get_scorer and list_scorers show after each, and what comes
 * of the client's own traces (default export, OTLP to the gateway): while started, a trace gets the judge's online
 * feedback with everything offline feedback carries; after update (rate 0.5, a filter on the root span's name)
 * exactly the traces the filter and the deterministic sample select get one; after stop none does. A second scorer,
 * started at rate 1 throughout, is the sentinel: its feedback on a trace says online scoring has seen it. The daily
 * budget set through evalplane's API survives the client's stop and start.
 */
class MlflowOnlineScoringIT {

    private static final String EXPERIMENT = "online-scoring-" + UUID.randomUUID();
    private static final Duration SCORED = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static MlflowStack stack;

    @BeforeAll
    static void start() {
        stack = MlflowStack.get();
        stack.llm.reset();
    }

    @AfterAll
    static void resetProvider() {
        stack.llm.reset();
    }

    private static JsonNode step(String step) {
        return stack.run("online_scoring.py", Map.of("EXPERIMENT_NAME", EXPERIMENT, "STEP", step));
    }

    @Test
    void theClientStartsUpdatesAndStopsAScorerAndItsTracesAreScoredAccordingly() throws Exception {
        JsonNode started = step("start");
        String experimentId = started.path("experiment_id").asText();
        // a registered scorer without an online config: the client says STOPPED with no rate
        assertThat(started.path("before_start").path("status").asText()).as(started.toString()).isEqualTo("STOPPED");
        assertThat(started.path("before_start").path("sample_rate").isNull()).isTrue();
        assertState(started.path("started"), 1.0, null, "STARTED");
        assertState(started.path("got"), 1.0, null, "STARTED");
        assertState(started.path("listed").path("polite"), 1.0, null, "STARTED");
        assertState(started.path("listed").path("sentinel"), 1.0, null, "STARTED");
        JsonNode config = online(experimentId, "polite");
        assertThat(config.path("status").asText()).isEqualTo("STARTED");
        assertThat(config.path("scorer_version").asInt()).isEqualTo(1);
        assertThat(config.path("daily_budget_usd").isNull()).isTrue();

        String first = started.path("traces").get(0).asText();
        JsonNode feedback = await().atMost(SCORED).until(() -> feedback(first, "polite"),
                f -> f != null && f.path("metadata").has(MlflowKeys.JUDGE_COST));
        JsonNode meta = feedback.path("metadata");
        assertThat(meta.path("evalplane.assessment.onlineConfig").asText()).isEqualTo(config.path("config_id").asText());
        assertThat(meta.path(MlflowKeys.SOURCE_RUN_ID).asText()).startsWith("online-");
        assertThat(meta.path(MlflowKeys.SCORER_TRACE_ID).asText()).startsWith("tr-");
        assertThat(meta.path(MlflowKeys.JUDGE_INPUT_TOKENS).asText()).matches("[1-9][0-9]*");
        assertThat(new BigDecimal(meta.path(MlflowKeys.JUDGE_COST).asText())).isPositive();
        assertThat(meta.path("evalplane.assessment.judgeCostStatus").asText()).isEqualTo("PRICED");
        assertThat(feedback.path("source").path("source_type").asText()).isEqualTo("LLM_JUDGE");

        JsonNode updated = step("update");
        String filter = "trace.name = 'support-answer'";
        assertState(updated.path("updated"), 0.5, filter, "STARTED");
        assertState(updated.path("got"), 0.5, filter, "STARTED");
        assertThat(online(experimentId, "polite").path("filter_string").asText()).isEqualTo(filter);
        List<String> support = texts(updated.path("support_traces"));
        List<String> smallTalk = texts(updated.path("small_talk_traces"));
        List<String> all = new ArrayList<>(support);
        all.addAll(smallTalk);
        awaitSeen(experimentId, all);
        List<String> expected = support.stream().filter(id -> OnlineSampling.selects(id, "polite", 0.5)).toList();
        System.out.printf("rate 0.5 with the filter: %d of %d support traces sampled%n", expected.size(), support.size());
        await().atMost(SCORED).untilAsserted(() -> assertThat(expected).allMatch(id -> feedback(id, "polite") != null));
        assertThat(all.stream().filter(id -> feedback(id, "polite") != null).toList())
                .as("the filter and the sample decide").containsExactlyInAnyOrderElementsOf(expected);

        stack.api().contentType(ContentType.JSON).body("{\"daily_budget_usd\": 5}")
                .post("/api/v1/experiments/" + experimentId + "/scorers/polite/update").then().statusCode(200);

        JsonNode stopped = step("stop");
        assertState(stopped.path("stopped"), 0.0, filter, "STOPPED");
        assertState(stopped.path("got"), 0.0, filter, "STOPPED");
        assertState(stopped.path("listed").path("polite"), 0.0, filter, "STOPPED");
        assertState(stopped.path("listed").path("sentinel"), 1.0, null, "STARTED");
        assertThat(stopped.path("versions")).hasSize(1);
        assertState(stopped.path("versions").get(0), 0.0, filter, "STOPPED");
        assertThat(stopped.path("update_without_rate").path("error_code").asText()).as(stopped.toString())
                .isEqualTo("INVALID_PARAMETER_VALUE");
        assertThat(stopped.path("update_without_rate").path("message").asText()).contains("sample_rate");
        assertThat(online(experimentId, "polite").path("status").asText()).isEqualTo("STOPPED");
        List<String> afterStop = texts(stopped.path("traces"));
        awaitSeen(experimentId, afterStop);
        assertThat(afterStop).as("a stopped scorer scores nothing").allMatch(id -> feedback(id, "polite") == null);

        JsonNode restarted = step("restart");
        assertState(restarted.path("restarted"), 0.25, null, "STARTED");
        assertState(restarted.path("stop_sentinel"), 0.0, null, "STOPPED");
        assertState(restarted.path("stop_again"), 0.0, null, "STOPPED");
        JsonNode after = online(experimentId, "polite");
        assertThat(after.path("status").asText()).isEqualTo("STARTED");
        assertThat(after.path("sample_rate").asDouble()).isEqualTo(0.25);
        assertThat(after.path("daily_budget_usd").decimalValue()).as("the budget is evalplane's own: kept")
                .isEqualByComparingTo("5");
    }

    private static void assertState(JsonNode state, double rate, String filter, String status) {
        assertThat(state.path("status").asText()).as(state.toString()).isEqualTo(status);
        assertThat(state.path("sample_rate").asDouble()).as(state.toString()).isEqualTo(rate);
        if (filter == null) {
            assertThat(state.path("filter_string").isNull()).as(state.toString()).isTrue();
        } else {
            assertThat(state.path("filter_string").asText()).as(state.toString()).isEqualTo(filter);
        }
    }

    private static JsonNode online(String experimentId, String scorer) {
        return readJson(stack.api().get("/api/v1/experiments/" + experimentId + "/scorers/" + scorer + "/online").then()
                .statusCode(200).extract().asString());
    }

    /**
     * Waits until the sentinel scored every one of these traces and nothing is left in the experiment's online
     * backlog: whatever online scoring makes of them is then stored.
     */
    private static void awaitSeen(String experimentId, List<String> traceIds) {
        await().atMost(SCORED).untilAsserted(() -> assertThat(traceIds).allMatch(id -> feedback(id, "sentinel") != null));
        await().atMost(SCORED).untilAsserted(() -> {
            JsonNode view = readJson(stack.api().get("/api/v1/experiments/" + experimentId + "/online-scorers").then()
                    .statusCode(200).extract().asString());
            for (JsonNode scorer : view.path("scorers")) {
                assertThat(scorer.path("backlog").asLong()).as(scorer.toString()).isZero();
            }
        });
    }

    /** The valid feedback of {@code name} on the trace in evalplane's own view, or null. */
    private static JsonNode feedback(String traceId, String name) {
        JsonNode trace = OtlpExport.trace(stack, traceId);
        if (trace == null) {
            return null;
        }
        for (JsonNode a : trace.path("info").path("assessments")) {
            if (name.equals(a.path("name").asText()) && "FEEDBACK".equals(a.path("assessment_type").asText())) {
                return a;
            }
        }
        return null;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static JsonNode readJson(String body) {
        try {
            return JSON.readTree(body);
        } catch (java.io.IOException e) {
            throw new AssertionError(body, e);
        }
    }
}
