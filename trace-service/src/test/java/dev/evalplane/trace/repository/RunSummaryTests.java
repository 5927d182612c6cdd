package dev.evalplane.trace.repository;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;

import dev.evalplane.events.AssessmentError;
import dev.evalplane.events.AssessmentEvent;
import dev.evalplane.events.AssessmentSource;
import dev.evalplane.events.CostStatus;
import dev.evalplane.events.Ids;
import dev.evalplane.events.MlflowKeys;
import dev.evalplane.events.Topics;
import dev.evalplane.events.TraceCostEvent;
import dev.evalplane.testsupport.KafkaBrokerResource;
import dev.evalplane.testsupport.PostgresResource;
import dev.evalplane.trace.repository.RunSummaryRepository.Summary;
import dev.evalplane.trace.support.Events;
import dev.evalplane.trace.support.ExactJson;
import dev.evalplane.trace.support.Spans;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;

/**
 * A run's summary is kept incrementally (V6__run_summary_totals.sql). After a mix of writes through the real doors
 * (spans, feedback and trace costs over Kafka, in both orders and at the same time; a cost's newer version; human
 * feedback that overrides a judge, is edited and deleted; a deleted trace; another run's feedback on the same trace;
 * every Kafka record delivered again), the kept summary must equal the summary aggregated from scratch over the
 * base tables, exactly, for both runs.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, parallel = true)
@WithTestResource(value = PostgresResource.class, parallel = true)
class RunSummaryTests {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String EXPERIMENT = "exp-summary";

    @Inject
    Pool pool;

    @Inject
    RunSummaryRepository summaries;

    private final String run = "run-summary-" + Ids.newSpanId();
    private final String other = "run-other-" + Ids.newSpanId();
    private final List<AssessmentEvent> feedbackSent = new ArrayList<>();
    private final List<TraceCostEvent> costsSent = new ArrayList<>();

    @Test
    void keptSummaryEqualsTheSummaryComputedFromScratchAfterEveryKindOfWrite() {
        ExactJson.enable();
        List<String> rows = new ArrayList<>();
        List<String> judges = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            rows.add(Ids.newTraceId());
            judges.add(Ids.newTraceId());
        }
        // two judge traces are priced before their feedback exists
        cost(judges.get(0), 1, "0.0004", CostStatus.PRICED, List.of());
        cost(judges.get(1), 1, "0.00064", CostStatus.PRICED, List.of());
        for (int i = 0; i < rows.size(); i++) {
            Spans.sendTrace(rows.get(i), EXPERIMENT, 1000 + i, null, Map.of(MlflowKeys.SOURCE_RUN, run));
            Spans.sendTrace(judges.get(i), EXPERIMENT, 1500 + i, Map.of(MlflowKeys.SOURCE_SCORER_TAG, "correctness"),
                    Map.of(MlflowKeys.SOURCE_RUN, run));
            feedback(Events.judgeFeedback(rows.get(i), "correctness", TextNode.valueOf(i % 3 == 1 ? "no" : "yes"),
                    run, judges.get(i)));
        }
        feedback(Events.judgeFeedback(rows.get(0), "relevance", IntNode.valueOf(4), run, null));
        feedback(Events.judgeFeedback(rows.get(1), "relevance", DecimalNode.valueOf(new BigDecimal("2.5")), run, null));
        feedback(Events.judgeFeedback(rows.get(2), "relevance", IntNode.valueOf(5), run, null));
        feedback(new AssessmentEvent(1, Ids.assessmentId(run, rows.get(3), "safety"), rows.get(3), null, "safety",
                AssessmentEvent.FEEDBACK, new AssessmentSource(AssessmentSource.LLM_JUDGE, "openai:/gpt-4.1-mini"),
                null, null, new AssessmentError("TIMEOUT", "the judge timed out"),
                Map.of(MlflowKeys.SOURCE_RUN_ID, run), 1_732_600_000_000L, null, null));
        // another run judged the first trace too: its feedback belongs to that run's summary only
        feedback(Events.judgeFeedback(rows.get(0), "correctness", TextNode.valueOf("no"), other, null));
        // 30 more rows whose feedback and judge cost are sent at the same moment, on two topics and two consumers
        for (int i = 0; i < 30; i++) {
            String row = Ids.newTraceId();
            String judge = Ids.newTraceId();
            Spans.sendTrace(row, EXPERIMENT, 2000 + i, null, Map.of(MlflowKeys.SOURCE_RUN, run));
            if (i % 2 == 0) {
                cost(judge, 1, "0.00001", CostStatus.PRICED, List.of());
            }
            feedback(Events.judgeFeedback(row, "groundedness", TextNode.valueOf(i % 4 == 0 ? "no" : "yes"), run,
                    judge));
            if (i % 2 == 1) {
                cost(judge, 1, "0.00002", CostStatus.PRICED, List.of());
            }
        }

        await().atMost(WAIT).untilAsserted(() -> assertThat(summary(run).getLong("traces")).isEqualTo(36));
        awaitConsumed();
        assertKeptEqualsFromScratch(run);
        assertKeptEqualsFromScratch(other);
        assertThat(new BigDecimal(summary(run).getString("judge_cost.known_cost"))).isEqualByComparingTo("0.00149");

        // the other judge traces are priced once their feedback is counted; one is not priced, one gets a newer version
        cost(judges.get(2), 1, "0.0002", CostStatus.PRICED, List.of());
        cost(judges.get(3), 1, null, CostStatus.UNPRICED, List.of("acme-judge-large"));
        cost(judges.get(4), 1, "0.0001", CostStatus.PRICED, List.of());
        cost(judges.get(4), 2, "0.0003", CostStatus.PRICED, List.of());
        awaitConsumed();
        assertKeptEqualsFromScratch(run);
        JsonPath first = summary(run);
        assertThat(first.getString("judge_cost.cost_status")).isEqualTo("PARTIALLY_PRICED");
        assertThat(first.getList("judge_cost.unpriced_models")).containsExactly("acme-judge-large");
        assertThat(new BigDecimal(first.getString("judge_cost.known_cost")))
                .as("0.0004 + 0.00064 + 0.0002 + 0.0003 (version 2) + 15 x 0.00001 + 15 x 0.00002")
                .isEqualByComparingTo("0.00199");
        String correctness = "scorers.find { it.name == 'correctness' }";
        assertThat(first.getLong(correctness + ".count")).isEqualTo(6);
        assertThat(new BigDecimal(first.getString("scorers.find { it.name == 'relevance' }.mean")))
                .isBetween(new BigDecimal("3.8333"), new BigDecimal("3.8334"));
        assertThat(first.getLong("scorers.find { it.name == 'safety' }.errors")).isEqualTo(1);
        assertThat(summary(other).getLong("traces")).isEqualTo(1);

        // a human overrides the judge of row 1; human feedback (no source run) counts in every run listing the trace
        String judgeOfRow1 = Ids.assessmentId(run, rows.get(1), "correctness");
        human(rows.get(1), Map.of("name", "correctness", "assessment_type", "FEEDBACK", "value", "yes",
                "source", Map.of("source_type", "HUMAN", "source_id", "ann@example.com"), "overrides", judgeOfRow1));
        String thumbs = human(rows.get(0), Map.of("name", "thumbs_up", "assessment_type", "FEEDBACK", "value", true));
        given().contentType(ContentType.JSON).body(Map.of("value", false))
                .patch("/api/v1/traces/" + rows.get(0) + "/assessments/" + thumbs).then().statusCode(200);
        String deleted = human(rows.get(2), Map.of("name", "thumbs_up", "assessment_type", "FEEDBACK", "value", true));
        given().delete("/api/v1/traces/" + rows.get(2) + "/assessments/" + deleted).then().statusCode(204);
        given().contentType(ContentType.JSON).body(Map.of("trace_ids", List.of(rows.get(5))))
                .post("/api/v1/traces/delete").then().statusCode(200);
        assertKeptEqualsFromScratch(run);
        assertKeptEqualsFromScratch(other);
        String beforeRedelivery = summary(run).prettify();
        // every record delivered again, the older cost version after the newer one
        feedbackSent.forEach(Events::send);
        costsSent.forEach(Events::send);
        awaitConsumed();

        assertKeptEqualsFromScratch(run);
        assertKeptEqualsFromScratch(other);
        JsonPath after = summary(run);
        assertThat(after.prettify()).as("redelivered records changed nothing").isEqualTo(beforeRedelivery);
        assertThat(after.getLong("traces")).isEqualTo(35);
        assertThat(after.getLong(correctness + ".count")).as("6 judged, one overridden, one trace deleted, one human")
                .isEqualTo(5);
        assertThat(new BigDecimal(after.getString("scorers.find { it.name == 'thumbs_up' }.pass_rate")))
                .isEqualByComparingTo("0");
        JsonPath otherAfter = summary(other);
        assertThat(otherAfter.getList("scorers.name")).containsExactly("correctness", "thumbs_up");

        // a cost row as a replica of the previous version writes it (before V7): the whole event, no unpriced_models
        pool.preparedQuery("UPDATE trace_costs SET unpriced_models = NULL, event = jsonb_build_object("
                + "'unpriced_models', jsonb_build_array('acme-judge-v6')) WHERE trace_id = $1")
                .execute(Tuple.of(judges.get(3))).await().atMost(WAIT);
        assertKeptEqualsFromScratch(run);
        assertThat(summary(run).getList("judge_cost.unpriced_models")).containsExactly("acme-judge-v6");
    }

    @Test
    void aRunNothingWasWrittenForIsAnsweredWithoutKeepingAnything() {
        String unknown = "run-never-written-" + Ids.newSpanId();
        JsonPath summary = summary(unknown);
        assertThat(summary.getInt("traces")).isZero();
        assertThat(summary.getList("scorers")).isEmpty();
        assertThat(summary.getString("judge_cost.cost_status")).isEqualTo("NO_USAGE");
        assertThat(pool.preparedQuery("SELECT count(*) FROM run_summary_scorers WHERE run_id = $1")
                .execute(Tuple.of(unknown)).await().atMost(WAIT).iterator().next().getLong(0)).isZero();
    }

    /** The summary kept for the run (after folding what is pending) equals the one aggregated from scratch. */
    private void assertKeptEqualsFromScratch(String runId) {
        summaries.fold(pool, true).await().atMost(WAIT);
        Summary kept = summaries.read(pool, runId).await().atMost(WAIT);
        Summary fromScratch = FromScratchSummary.of(pool, runId);
        assertThat(kept.scorers()).as("run %s has feedback", runId).isNotEmpty();
        assertThat(kept).usingRecursiveComparison().withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
                .isEqualTo(fromScratch);
        JsonPath served = summary(runId);
        assertThat(served.getList("scorers.name")).isEqualTo(kept.scorers().stream().map(s -> s.name()).toList());
        assertThat(served.getString("judge_cost.cost_status")).isEqualTo(kept.total().costStatus());
    }

    /** Every record sent so far on the feedback and cost topics is consumed and committed by trace-service. */
    private static void awaitConsumed() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                KafkaBrokerResource.bootstrapServers()))) {
            await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> lag(admin) == 0);
        }
    }

    private static long lag(Admin admin) throws InterruptedException, ExecutionException {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets("trace-service")
                .partitionsToOffsetAndMetadata().get();
        Set<String> topics = Set.of(Topics.ASSESSMENTS, Topics.TRACE_COSTS);
        Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
        admin.describeTopics(topics).allTopicNames().get().forEach((topic, description) -> description.partitions()
                .forEach(p -> ends.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest())));
        long lag = 0;
        for (var end : admin.listOffsets(ends).all().get().entrySet()) {
            OffsetAndMetadata at = committed.get(end.getKey());
            lag += end.getValue().offset() - (at == null ? 0 : at.offset());
        }
        return lag;
    }

    private void feedback(AssessmentEvent event) {
        feedbackSent.add(event);
        Events.send(event);
    }

    private void cost(String judgeTrace, long version, String total, CostStatus status, List<String> unpriced) {
        TraceCostEvent event = Events.cost(judgeTrace, version, 100, 10, total, status, unpriced);
        costsSent.add(event);
        Events.send(event);
    }

    private static String human(String trace, Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).post("/api/v1/traces/" + trace + "/assessments")
                .then().statusCode(201).extract().path("assessment_id");
    }

    private static JsonPath summary(String runId) {
        return given().get("/api/v1/evaluations/" + runId + "/summary").then().statusCode(200).extract().jsonPath();
    }
}
