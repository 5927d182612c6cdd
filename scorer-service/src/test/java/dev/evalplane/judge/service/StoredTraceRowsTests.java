package dev.evalplane.judge.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;

import dev.evalplane.events.EventJson;
import dev.evalplane.judge.domain.EvalRow;
import dev.evalplane.judge.provider.ModelUri;
import dev.evalplane.judge.scorer.BuiltinJudges;
import dev.evalplane.judge.scorer.DerivedFeedback;
import dev.evalplane.judge.scorer.JudgeTask;
import dev.evalplane.judge.scorer.MissingInputException;
import dev.evalplane.judge.scorer.LlmJudge;
import dev.evalplane.judge.scorer.TaskVerdict;

/** A stored trace (trace-service's GET /api/v1/traces/{id} shape) as a row, and the retrieval judges on it. */
class StoredTraceRowsTests {

    private static final String TRACE = "tr-0123456789abcdef0123456789abcdef";
    private static final ModelUri MODEL = ModelUri.parse("openai:/gpt-4.1-mini");

    private static JsonNode storedTrace() throws Exception {
        return EventJson.mapper().readTree("""
                {"info": {"trace_id": "%s", "experiment_id": "7", "state": "OK", "tags": {},
                  "assessments": [
                    {"assessment_id": "a-1", "name": "expected_facts", "assessment_type": "EXPECTATION",
                     "value": ["MLflow tracks experiments"], "valid": true},
                    {"assessment_id": "a-2", "name": "expected_response", "assessment_type": "EXPECTATION",
                     "value": "outdated", "valid": false},
                    {"assessment_id": "a-3", "name": "correctness", "assessment_type": "FEEDBACK", "value": "yes"}]},
                 "spans": [
                   {"span_id": "bbbbbbbbbbbbbbbb", "parent_span_id": "aaaaaaaaaaaaaaaa", "name": "retrieve",
                    "span_type": "RETRIEVER", "inputs": {"query": "mlflow"},
                    "outputs": [{"page_content": "MLflow tracks experiments.", "metadata": {}}, "Kafka streams events."]},
                   {"span_id": "aaaaaaaaaaaaaaaa", "parent_span_id": null, "name": "agent", "span_type": "AGENT",
                    "inputs": {"messages": [{"role": "user", "content": "What does MLflow do?"}]},
                    "outputs": "It tracks experiments.", "status": {"code": "OK"}}]}""".formatted(TRACE));
    }

    @Test
    void rootSpanExpectationsAndRetrieverSpansBecomeTheRow() throws Exception {
        EvalRow row = StoredTraceRows.toRow(0, TRACE, storedTrace());
        assertThat(row.rootSpanId()).isEqualTo("aaaaaaaaaaaaaaaa");
        assertThat(row.outputs().asText()).isEqualTo("It tracks experiments.");
        assertThat(row.expectations().has("expected_facts")).isTrue();
        assertThat(row.expectations().has("expected_response")).as("invalidated expectations are ignored").isFalse();
        assertThat(row.retrievals()).hasSize(1);
        assertThat(row.retrievals().get(0).documents()).containsExactly("MLflow tracks experiments.", "Kafka streams events.");
        assertThat(row.trace().path("spans")).hasSize(2);
        assertThat(row.traceView().ofType("RETRIEVER")).singleElement()
                .satisfies(s -> assertThat(s.path("span_id").asText()).isEqualTo("bbbbbbbbbbbbbbbb"));
        assertThat(row.traceView().root().orElseThrow().path("name").asText()).isEqualTo("agent");
    }

    @Test
    void retrievalRelevanceJudgesEachDocumentAndDerivesPrecisionPerSpan() throws Exception {
        EvalRow row = StoredTraceRows.toRow(0, TRACE, storedTrace());
        LlmJudge relevance = BuiltinJudges.create("RetrievalRelevance", "retrieval_relevance", MODEL, List.of("mean"), null);
        List<JudgeTask> tasks = relevance.tasks(row);
        assertThat(tasks).hasSize(2);
        assertThat(tasks.get(0).idParts()).containsExactly("bbbbbbbbbbbbbbbb", "0");
        assertThat(tasks.get(0).spanId()).isEqualTo("bbbbbbbbbbbbbbbb");
        assertThat(tasks.get(0).prompt().user()).contains("<question>What does MLflow do?</question>")
                .contains("<document>MLflow tracks experiments.</document>");
        List<DerivedFeedback> precision = relevance.derive(row, List.of(
                new TaskVerdict(tasks.get(0), TextNode.valueOf("yes")), new TaskVerdict(tasks.get(1), TextNode.valueOf("no"))));
        assertThat(precision).singleElement().satisfies(p -> {
            assertThat(p.name()).isEqualTo("retrieval_relevance/precision");
            assertThat(p.value().decimalValue()).isEqualByComparingTo("0.5");
            assertThat(p.rationale()).isEqualTo("1 of 2 retrieved documents are relevant");
        });
    }

    @Test
    void groundednessAndSufficiencyJudgeEachRetrieverSpanOnce() throws Exception {
        EvalRow row = StoredTraceRows.toRow(0, TRACE, storedTrace());
        JudgeTask grounded = BuiltinJudges.create("RetrievalGroundedness", "retrieval_groundedness", MODEL,
                List.of("mean"), null).tasks(row).get(0);
        assertThat(grounded.prompt().user()).contains("[1] MLflow tracks experiments.\n[2] Kafka streams events.")
                .contains("<response>It tracks experiments.</response>");
        JudgeTask sufficient = BuiltinJudges.create("RetrievalSufficiency", "retrieval_sufficiency", MODEL,
                List.of("mean"), null).tasks(row).get(0);
        assertThat(sufficient.prompt().user()).contains("- MLflow tracks experiments");
    }

    @Test
    void aTraceWithoutRetrieverSpansCannotBeJudgedForRetrieval() throws Exception {
        JsonNode trace = storedTrace();
        ((com.fasterxml.jackson.databind.node.ArrayNode) trace.get("spans")).remove(0);
        EvalRow row = StoredTraceRows.toRow(0, TRACE, trace);
        assertThatThrownBy(() -> BuiltinJudges.create("RetrievalGroundedness", "retrieval_groundedness", MODEL,
                List.of("mean"), null).tasks(row)).isInstanceOf(MissingInputException.class)
                .hasMessageContaining("needs a trace with RETRIEVER spans");
    }

    @Test
    void judgeTracesAreNeverEvaluated() throws Exception {
        JsonNode judge = EventJson.mapper().readTree("{\"info\": {\"tags\": {\"mlflow.trace.sourceScorer\": \"safety\"}}}");
        assertThat(StoredTraceRows.isJudgeTrace(judge)).isTrue();
        assertThat(StoredTraceRows.isJudgeTrace(storedTrace())).isFalse();
    }
}
