package dev.evalplane.judge.online;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import dev.evalplane.events.Ids;
import dev.evalplane.events.OnlineSampling;
import dev.evalplane.events.Topics;
import dev.evalplane.events.TraceStoredEvent;
import dev.evalplane.testsupport.KafkaBrokerResource;
import dev.evalplane.testsupport.PostgresResource;
import dev.evalplane.testsupport.TopicClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;

/**
 * Starting, updating and stopping a registered scorer online, with its validation, and the consumer of trace-service's
 * {@code traces-stored} announcements on the real broker: stored traces of an experiment with a started scorer become
 * one claim per sampled trace, once however often they are announced; judge traces and other experiments' traces never
 * do; a record that is no valid announcement goes to {@code traces-stored-dlq} and the consumer goes on. (Scoring a
 * claim needs trace-service: the bench module's OnlineScoringIT covers it on the whole stack.)
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, parallel = true)
@WithTestResource(value = PostgresResource.class, parallel = true)
class OnlineScoringTests {

    @Inject
    Pool pool;

    @Inject
    OnlineClaimRepository claims;

    @Inject
    OnlineSettings settings;

    private static String scorers(String experiment) {
        return "/api/v1/experiments/" + experiment + "/scorers";
    }

    private static void registerJudge(String experiment, String name) {
        given().contentType(ContentType.JSON).body("{\"name\": \"" + name + "\", \"scorer\": {\"judge\": {\"name\": \""
                + name + "\", \"instructions\": \"Is {{ outputs }} polite?\", \"feedback_value_type\": \"yes/no\"}}}")
                .post(scorers(experiment)).then().statusCode(201);
    }

    private static ValidatableResponse post(String experiment, String path, String body) {
        return given().contentType(ContentType.JSON).body(body).post(scorers(experiment) + path).then();
    }

    private static void problem(ValidatableResponse response, int status, String detail) {
        response.statusCode(status).contentType("application/problem+json").body("status", equalTo(status))
                .body("detail", containsString(detail));
    }

    @Test
    void badSettingsAre400sNamingTheField() {
        String exp = "online-" + UUID.randomUUID();
        registerJudge(exp, "polite");
        problem(post(exp, "/polite/start", "{}"), 400, "sample_rate is required");
        problem(post(exp, "/polite/start", "{\"sample_rate\": 0}"), 400, "0 < sample_rate <= 1");
        problem(post(exp, "/polite/start", "{\"sample_rate\": 1.5}"), 400, "0 < sample_rate <= 1");
        problem(post(exp, "/polite/start", "{\"sample_rate\": \"0.5\"}"), 400, "sample_rate must be a number");
        problem(post(exp, "/polite/start", "{\"sample_rate\": 0.5, \"daily_budget_usd\": -1}"), 400, "daily_budget_usd");
        problem(post(exp, "/polite/start", "{\"sample_rate\": 0.5, \"filter_string\": 7}"), 400, "filter_string");
        problem(post(exp, "/polite/start", "{\"sample_rate\": 0.5, \"filter_string\": \"" + "x".repeat(2001) + "\"}"),
                400, "at most 2000");
        problem(post(exp, "/polite/start", "{\"sample_rate\": 0.5, \"rate\": 1}"), 400, "field rate cannot be changed or set here");
        problem(post(exp, "/polite/start", "{\"sample_rate\": 0.5, \"scorer_version\": 0}"), 400, "scorer_version");
        problem(post(exp, "/polite/start", "{not json"), 400, "not valid JSON");
        problem(post(exp, "/polite/start", "[1]"), 400, "JSON object");
        problem(post(exp, "/polite/start", "{\"sample_rate\": 0.5, \"backfill_hours\": 0}"), 400, "backfill_hours");
        problem(post(exp, "/polite/start", "{\"sample_rate\": 0.5, \"backfill_hours\": 169}"), 400,
                "from 1 to 168");
        problem(post(exp, "/polite/start", "{\"sample_rate\": 0.5, \"backfill_hours\": 1.5}"), 400, "whole number");
        problem(given().get("/api/v1/online-configs").then(), 400, "scorer_id is required");
        problem(given().get("/api/v1/online-configs?scorer_id=" + "x".repeat(201)).then(), 400, "scorer_id");
        problem(post(exp, "/unknown/start", "{\"sample_rate\": 0.5}"), 404, "no scorer 'unknown'");
        problem(post(exp, "/polite/start", "{\"sample_rate\": 0.5, \"scorer_version\": 9}"), 404, "version 9");
        problem(post(exp, "/polite/update", "{\"sample_rate\": 0.5}"), 404, "is not started");
        problem(post(exp, "/polite/stop", ""), 404, "is not started");
        problem(given().get(scorers(exp) + "/polite/online").then(), 404, "never started");
        problem(given().get("/api/v1/experiments/" + exp + "/online-scorers?bucket=week").then(), 400, "bucket");
    }

    @Test
    void updateKeepsWhatIsAbsentClearsWhatIsNullReplacesWhatIsGiven() {
        String exp = "online-" + UUID.randomUUID();
        registerJudge(exp, "polite");
        post(exp, "/polite/start", "{\"sample_rate\": 0.5, \"filter_string\": \"tags.team = 'a'\","
                + " \"daily_budget_usd\": 2.5}").statusCode(200);
        post(exp, "/polite/update", "{}").statusCode(200).body("sample_rate", equalTo(0.5f))
                .body("filter_string", equalTo("tags.team = 'a'")).body("daily_budget_usd", equalTo(2.5f));
        post(exp, "/polite/update", "{\"sample_rate\": null, \"daily_budget_usd\": null}").statusCode(200)
                .body("sample_rate", equalTo(0.5f)).body("filter_string", equalTo("tags.team = 'a'"))
                .body("daily_budget_usd", nullValue());
        post(exp, "/polite/update", "{\"filter_string\": \"tags.team = 'b'\", \"daily_budget_usd\": 3.5}")
                .statusCode(200).body("filter_string", equalTo("tags.team = 'b'"))
                .body("daily_budget_usd", equalTo(3.5f)).body("sample_rate", equalTo(0.5f));
        post(exp, "/polite/update", "{\"filter_string\": \"  \"}").statusCode(200).body("filter_string", nullValue())
                .body("daily_budget_usd", equalTo(3.5f));

        String invalid = "https://evalplane.dev/problems/invalid-online-scoring";
        problem(post(exp, "/polite/update", "{\"filter_string\": 7}"), 400,
                "field filter_string must be a string (a value of the wrong JSON type)");
        post(exp, "/polite/update", "{\"filter_string\": 7}").body("type", equalTo(invalid));
        problem(post(exp, "/polite/update", "{\"daily_budget_usd\": \"3\"}"), 400,
                "field daily_budget_usd must be a number");
        problem(post(exp, "/polite/update", "{\"daily_budget_usd\": 0}"), 400,
                "daily_budget_usd must be a number of US dollars above 0");
        post(exp, "/polite/update", "{\"daily_budget_usd\": 0}").body("type", equalTo(invalid));
        problem(post(exp, "/polite/update", "{\"filter_string\": \"" + "x".repeat(2001) + "\"}"), 400,
                "filter_string must be a string of at most 2000 characters");
        problem(post(exp, "/polite/update", "{\"sample_rate\": 2}"), 400, "0 < sample_rate <= 1");
        problem(post(exp, "/polite/update", "{\"scorer_version\": 1.5}"), 400,
                "field scorer_version must be a whole number");
        problem(post(exp, "/polite/update", ""), 400, "JSON object");
        given().get(scorers(exp) + "/polite/online").then().statusCode(200).body("filter_string", nullValue())
                .body("daily_budget_usd", equalTo(3.5f)).body("sample_rate", equalTo(0.5f));
    }

    @Test
    void startUpdateStopKeepWhatIsNotChanged() {
        String exp = "online-" + UUID.randomUUID();
        registerJudge(exp, "polite");
        String configId = post(exp, "/polite/start", "{\"sample_rate\": 0.25, \"filter_string\": \"tags.team = 'a'\","
                + " \"daily_budget_usd\": 2.5}").statusCode(200)
                .body("status", equalTo("STARTED")).body("scorer_version", equalTo(1))
                .body("sample_rate", equalTo(0.25f)).body("filter_string", equalTo("tags.team = 'a'"))
                .body("daily_budget_usd", equalTo(2.5f)).body("today.spent_usd", equalTo(0))
                .body("today.budget_reached", equalTo(false))
                .extract().path("config_id");
        registerJudge(exp, "polite");
        post(exp, "/polite/update", "{\"sample_rate\": 1}").statusCode(200).body("sample_rate", equalTo(1.0f))
                .body("filter_string", equalTo("tags.team = 'a'")).body("daily_budget_usd", equalTo(2.5f))
                .body("scorer_version", equalTo(1)).body("config_id", equalTo(configId));
        post(exp, "/polite/update", "{\"filter_string\": null, \"scorer_version\": 2}").statusCode(200)
                .body("filter_string", nullValue()).body("scorer_version", equalTo(2))
                .body("daily_budget_usd", equalTo(2.5f));
        problem(post(exp, "/polite/update", "{\"backfill_hours\": 2}"), 400,
                "field backfill_hours cannot be changed or set here");
        String scorerId = given().get(scorers(exp) + "/polite").then().statusCode(200).extract().path("scorer_id");
        given().get(scorers(exp) + "/polite/online").then().statusCode(200).body("scorer_id", equalTo(scorerId))
                .body("backfill", nullValue());
        given().get("/api/v1/online-configs?scorer_id=" + scorerId + "&scorer_id=unknown").then().statusCode(200)
                .body("configs.size()", equalTo(1)).body("configs[0].config_id", equalTo(configId))
                .body("configs[0].scorer_id", equalTo(scorerId)).body("configs[0].status", equalTo("STARTED"));
        post(exp, "/polite/stop", "").statusCode(200).body("status", equalTo("STOPPED"));
        given().get(scorers(exp) + "/polite/online").then().statusCode(200).body("status", equalTo("STOPPED"));
        given().get("/api/v1/experiments/" + exp + "/online-scorers").then().statusCode(200)
                .body("bucket", equalTo("hour")).body("scorers[0].config.scorer_name", equalTo("polite"))
                .body("scorers[0].config.status", equalTo("STOPPED")).body("scorers[0].backlog", equalTo(0));
        post(exp, "/polite/start", "{\"sample_rate\": 0.5}").statusCode(200).body("status", equalTo("STARTED"))
                .body("config_id", equalTo(configId)).body("scorer_version", equalTo(2))
                .body("daily_budget_usd", nullValue());
        post(exp, "/polite/stop", "").statusCode(200);
    }

    @Test
    void storedTracesOfSampledTracesBecomeOneClaimEachAndNothingElseDoes() throws Exception {
        String exp = "online-" + UUID.randomUUID();
        registerJudge(exp, "polite");
        registerJudge(exp, "everything");
        post(exp, "/polite/start", "{\"sample_rate\": 0.5}").statusCode(200);
        post(exp, "/everything/start", "{\"sample_rate\": 1.0}").statusCode(200);
        List<String> traces = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            traces.add(Ids.traceId(exp, String.valueOf(i)));
        }
        String judgeTrace = Ids.traceId(exp, "judge");
        String otherExperiment = Ids.traceId(exp, "other");
        TopicClient producer = TopicClient.onTestBroker();
        for (int round = 0; round < 2; round++) {
            for (String trace : traces) {
                OnlineKafka.send(producer, OnlineKafka.storedNow(trace, exp));
            }
        }
        OnlineKafka.send(producer, OnlineKafka.stored(judgeTrace, exp, System.currentTimeMillis(), true, Instant.now()));
        OnlineKafka.send(producer, OnlineKafka.storedNow(otherExperiment, "other-" + exp));
        long sampled = traces.stream().filter(t -> OnlineSampling.selects(t, "polite", 0.5)).count();
        assertThat(sampled).as("the sample is neither empty nor everything").isBetween(1L, 19L);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(claims(exp, "everything")).hasSize(20));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(claims(exp, "polite")).hasSize((int) sampled));
        assertThat(claims(exp, "everything")).containsExactlyInAnyOrderElementsOf(traces);
        assertThat(claims(exp, "polite")).containsExactlyInAnyOrderElementsOf(
                traces.stream().filter(t -> OnlineSampling.selects(t, "polite", 0.5)).toList());
        assertThat(count("SELECT count(*) FROM scoring.online_claims WHERE trace_id = ANY($1)",
                new String[] { judgeTrace, otherExperiment })).isZero();
        given().get("/api/v1/experiments/" + exp + "/online-scorers").then().statusCode(200)
                .body("scorers.size()", equalTo(2));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(OnlineKafka.uncommitted())
                .as("consumer lag").isZero());
        post(exp, "/polite/stop", "").statusCode(200);
        post(exp, "/everything/stop", "").statusCode(200);
    }

    @Test
    void recordsThatAreNotATraceStoredEventGoToTheDlqAndTheTracesAfterThemAreClaimed() throws Exception {
        String exp = "online-" + UUID.randomUUID();
        registerJudge(exp, "polite");
        post(exp, "/polite/start", "{\"sample_rate\": 1.0}").statusCode(200);
        String before = Ids.traceId(exp, "before");
        String after = Ids.traceId(exp, "after");
        String poisonKey = Ids.traceId(exp, "poison");
        TraceStoredEvent running = OnlineKafka.stored(poisonKey, exp, 0, false, Instant.now());
        List<String> poison = List.of("not json", "[]", OnlineKafka.json(running),
                OnlineKafka.json(OnlineKafka.storedNow(poisonKey, exp)).replace(poisonKey, "tr-not-hex"));
        TopicClient producer = TopicClient.onTestBroker();
        OnlineKafka.send(producer, OnlineKafka.storedNow(before, exp));
        for (String record : poison) {
            producer.send(Topics.TRACES_STORED, poisonKey, record);
        }
        OnlineKafka.send(producer, OnlineKafka.storedNow(after, exp));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(claims(exp, "polite")).containsExactlyInAnyOrder(before, after));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<ConsumerRecord<String, String>> dead = producer.readToEnd(Topics.deadLetter(Topics.TRACES_STORED))
                    .stream().filter(r -> poisonKey.equals(r.key())).toList();
            assertThat(dead).extracting(ConsumerRecord::value).containsExactlyElementsOf(poison);
            assertThat(new String(dead.get(2).headers().lastHeader("dead-letter-reason").value(),
                    StandardCharsets.UTF_8)).contains("root_end_time_ns");
        });
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(OnlineKafka.uncommitted())
                .as("consumer lag").isZero());
        post(exp, "/polite/stop", "").statusCode(200);
    }

    @Test
    void theGraceStartsAtTheRootSpansEndBoundedByItsStore() throws Exception {
        String exp = "online-" + UUID.randomUUID();
        registerJudge(exp, "polite");
        post(exp, "/polite/start", "{\"sample_rate\": 1.0}").statusCode(200);
        long grace = settings.grace().toMillis();
        long storedMs = System.currentTimeMillis() - 100;
        Instant stored = Instant.ofEpochMilli(storedMs);
        String ended = Ids.traceId(exp, "ended-before-store");
        String future = Ids.traceId(exp, "end-in-the-future");
        String late = Ids.traceId(exp, "exported-an-hour-late");
        String ahead = Ids.traceId(exp, "stored-by-a-clock-ahead");
        TopicClient producer = TopicClient.onTestBroker();
        OnlineKafka.send(producer, OnlineKafka.stored(ended, exp, storedMs - grace / 2, false, stored));
        OnlineKafka.send(producer, OnlineKafka.stored(future, exp, storedMs + 3_600_000, false, stored));
        OnlineKafka.send(producer, OnlineKafka.stored(late, exp, storedMs - 3_600_000, false, stored));
        long sent = System.currentTimeMillis();
        OnlineKafka.send(producer, OnlineKafka.stored(ahead, exp, sent + 3_600_000, false,
                Instant.ofEpochMilli(sent + 3_600_000)));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(claims(exp, "polite")).hasSize(4));
        assertThat(graceStart(ended)).as("the root's own end").isEqualTo(storedMs - grace / 2);
        assertThat(graceStart(future)).as("a client clock ahead: the store").isEqualTo(storedMs);
        assertThat(graceStart(late)).as("an end long before the store: due at the store").isEqualTo(storedMs - grace);
        assertThat(graceStart(ahead)).as("a store time ahead of the consumer's clock: its clock")
                .isBetween(sent, System.currentTimeMillis());
        for (String trace : List.of(ended, future, late, ahead)) {
            assertThat(dueAfterGraceStart(trace)).as("due a grace period after its start (reads again only later)")
                    .isGreaterThanOrEqualTo(grace);
        }
        post(exp, "/polite/stop", "").statusCode(200);
    }

    /**
     * Extending leases never waits for a claim another statement holds (a claim being finished or put back): waiting
     * closed deadlock cycles with those statements under load. The held claim keeps its lease until the next extension.
     */
    @Test
    void extendingLeasesSkipsAClaimAnotherTransactionHolds() {
        String owner = "lease-test-" + UUID.randomUUID();
        String exp = "online-" + UUID.randomUUID();
        List<String> traces = List.of(Ids.traceId(exp, "a"), Ids.traceId(exp, "b"), Ids.traceId(exp, "c"));
        for (String trace : traces) {
            pool.preparedQuery("INSERT INTO scoring.online_claims (trace_id, scorer_name, scorer_version, config_id,"
                    + " experiment_id, status, completed_at, due_at, lease_owner, lease_until)"
                    + " VALUES ($1, 'polite', 1, 'cfg', $2, 'SCORING', now(), now(), $3, now() + interval '1 minute')")
                    .execute(Tuple.of(trace, exp, owner)).await().atMost(Duration.ofSeconds(10));
        }
        Duration lease = Duration.ofMinutes(10);
        Integer extendedWhileHeld = pool.withTransaction(tx -> tx.preparedQuery("SELECT 1 FROM scoring.online_claims"
                + " WHERE trace_id = $1 FOR UPDATE").execute(Tuple.of(traces.get(0)))
                .chain(() -> claims.extendLeases(owner, lease))).await().atMost(Duration.ofSeconds(30));
        assertThat(extendedWhileHeld).as("the held claim is skipped, not waited for").isEqualTo(2);
        assertThat(count("SELECT count(*) FROM scoring.online_claims WHERE trace_id = ANY($1)"
                + " AND lease_until > now() + interval '5 minutes'", traces.toArray(String[]::new))).isEqualTo(2);
        assertThat(claims.extendLeases(owner, lease).await().atMost(Duration.ofSeconds(10))).isEqualTo(3);
        pool.preparedQuery("DELETE FROM scoring.online_claims WHERE lease_owner = $1").execute(Tuple.of(owner))
                .await().atMost(Duration.ofSeconds(10));
    }

    @Test
    void theDailyBudgetStopsCallsForTheRestOfTheUtcDayAndTheNextDayStartsAfresh() {
        String config = "budget-" + UUID.randomUUID();
        BigDecimal budget = new BigDecimal("0.010");
        BigDecimal estimate = new BigDecimal("0.004");
        Instant lateToday = Instant.parse("2026-03-10T23:59:30Z");
        Instant tomorrow = Instant.parse("2026-03-11T00:00:05Z");
        assertThat(reserve(config, lateToday, estimate, budget)).isEqualByComparingTo(estimate);
        assertThat(reserve(config, lateToday, estimate, budget)).isEqualByComparingTo(estimate);
        assertThat(reserve(config, lateToday, estimate, budget)).as("0.012 would pass the budget: no call").isNull();
        claims.settle(config, lateToday, estimate, new BigDecimal("0.003")).await().atMost(Duration.ofSeconds(10));
        assertThat(reserve(config, lateToday, estimate, budget)).as("spent 0.003 + reserved 0.004 + 0.004 > 0.010")
                .isNull();
        Row day = spendOf(config, "2026-03-10");
        assertThat(day.getInteger("skipped_budget")).isEqualTo(2);
        assertThat(day.getOffsetDateTime("budget_reached_at")).as("the stop is recorded").isNotNull();

        assertThat(reserve(config, tomorrow, estimate, budget)).as("a new UTC day: scoring resumes")
                .isEqualByComparingTo(estimate);
        assertThat(spendOf(config, "2026-03-11").getOffsetDateTime("budget_reached_at")).isNull();
        assertThat(spendOf(config, "2026-03-10").getInteger("skipped_budget")).isEqualTo(2);
    }

    private BigDecimal reserve(String config, Instant at, BigDecimal estimate, BigDecimal budget) {
        return claims.reserve(config, at, estimate, budget).await().atMost(Duration.ofSeconds(10));
    }

    private Row spendOf(String config, String day) {
        return pool.preparedQuery("SELECT skipped_budget, budget_reached_at FROM scoring.online_spend WHERE config_id = $1"
                + " AND day = $2").execute(Tuple.of(config, java.time.LocalDate.parse(day)))
                .await().atMost(Duration.ofSeconds(10)).iterator().next();
    }

    private List<String> claims(String experiment, String scorer) {
        List<String> out = new ArrayList<>();
        for (Row r : pool.preparedQuery("SELECT trace_id FROM scoring.online_claims WHERE experiment_id = $1"
                + " AND scorer_name = $2").execute(Tuple.of(experiment, scorer)).await().atMost(Duration.ofSeconds(10))) {
            out.add(r.getString("trace_id"));
        }
        return out;
    }

    private long graceStart(String traceId) {
        return millis("SELECT (extract(epoch FROM completed_at) * 1000)::bigint FROM scoring.online_claims"
                + " WHERE trace_id = $1", traceId);
    }

    private long dueAfterGraceStart(String traceId) {
        return millis("SELECT (extract(epoch FROM due_at - completed_at) * 1000)::bigint FROM scoring.online_claims"
                + " WHERE trace_id = $1", traceId);
    }

    private long millis(String sql, String traceId) {
        return pool.preparedQuery(sql).execute(Tuple.of(traceId)).await().atMost(Duration.ofSeconds(10)).iterator()
                .next().getLong(0);
    }

    private long count(String sql, String[] ids) {
        return pool.preparedQuery(sql).execute(Tuple.of(ids)).await().atMost(Duration.ofSeconds(10)).iterator().next()
                .getLong(0);
    }
}
