package dev.evalplane.judge;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.evalplane.events.Ids;
import dev.evalplane.judge.repository.RunRepository;
import dev.evalplane.judge.support.FakeLlm;
import dev.evalplane.judge.support.Runs;
import dev.evalplane.testsupport.FakeLlmProvider;
import dev.evalplane.testsupport.KafkaBrokerResource;
import dev.evalplane.testsupport.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;

/**
 * Several scorer-service replicas share one database: a cancel may reach an instance that does not execute the run,
 * and an instance may die under a name that never comes back. Runs of "other instances" are rows written as their
 * owner would write them (heartbeat 500 ms and silence limit 10 s in the test profile).
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, parallel = true)
@WithTestResource(value = PostgresResource.class, parallel = true)
class RunLivenessTests {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    Pool pool;

    @Inject
    RunRepository repository;

    @Test
    void cancelOfARunExecutingElsewhereIsRecordedForItsOwner() {
        String runId = otherInstancesRun("scorer-elsewhere", "now()");
        given().post("/api/v1/evaluations/" + runId + "/cancel").then().statusCode(202);

        assertThat(bool("SELECT cancel_requested FROM scoring.runs WHERE run_id = $1", runId)).isTrue();
        assertThat(repository.heartbeat("scorer-elsewhere").await().atMost(WAIT))
                .as("the owner's next heartbeat hands it the cancel").containsEntry(runId, true);
        assertThat(status(runId)).as("only its owner finishes it").isEqualTo("RUNNING");
    }

    @Test
    void aCancelAnotherInstanceRecordedStopsTheRunExecutingHere() {
        FakeLlmProvider fake = FakeLlm.get().latency(Duration.ofMillis(300));
        String runId = Runs.start(rows(20));
        await().atMost(WAIT).until(() -> !fake.requests().isEmpty());
        // what POST .../cancel on another replica does
        pool.preparedQuery("UPDATE scoring.runs SET cancel_requested = true WHERE run_id = $1")
                .execute(Tuple.of(runId)).await().atMost(WAIT);

        JsonPath run = Runs.awaitFinished(runId);
        assertThat(run.getString("status")).isEqualTo("CANCELLED");
        assertThat(fake.requests().size()).isLessThan(20);
    }

    @Test
    void runsOfAnInstanceThatWentSilentAreFailedByAnyInstance() {
        String silent = otherInstancesRun("scorer-killed-pod", "now() - interval '5 minutes'");
        String alive = otherInstancesRun("scorer-live-pod", "now()");

        await().atMost(WAIT).until(() -> !"RUNNING".equals(status(silent)));
        JsonPath run = given().get("/api/v1/evaluations/" + silent).then().statusCode(200).extract().jsonPath();
        assertThat(run.getString("status")).isEqualTo("FAILED");
        assertThat(run.getString("error")).isEqualTo("scorer-service stopped before the run finished");
        assertThat(run.getString("finished_at")).isNotNull();
        assertThat(status(alive)).as("its owner stamped it less than orphan-after ago").isEqualTo("RUNNING");
    }

    @Test
    void runsThisInstanceExecutesAreStampedAsAlive() {
        FakeLlm.get().latency(Duration.ofMillis(300));
        String runId = Runs.start(rows(10));
        double first = number("SELECT extract(epoch FROM heartbeat_at) FROM scoring.runs WHERE run_id = $1", runId);
        await().atMost(WAIT).until(() -> number("SELECT extract(epoch FROM heartbeat_at) FROM scoring.runs"
                + " WHERE run_id = $1", runId) > first);
        assertThat(number("SELECT extract(epoch FROM now() - heartbeat_at) FROM scoring.runs WHERE run_id = $1",
                runId)).isLessThan(2.0);
        assertThat(Runs.awaitFinished(runId).getString("status")).isEqualTo("COMPLETED");
    }

    @Test
    void aRunFailedByAnotherReplicaStopsBeingJudgedHere() {
        FakeLlmProvider fake = FakeLlm.get().latency(Duration.ofMillis(300));
        String runId = Runs.start(rows(20));
        await().atMost(WAIT).until(() -> fake.requests().size() >= 2);
        // what another replica does when this one looked silent for orphan-after
        pool.preparedQuery("UPDATE scoring.runs SET status = 'FAILED', error = 'failed elsewhere', finished_at = now()"
                + " WHERE run_id = $1").execute(Tuple.of(runId)).await().atMost(WAIT);

        // proves a negative, so it takes time: judging has stopped when two polls 1 s apart see the same number of
        // provider calls (a running executor calls again within the fake's 300 ms)
        AtomicInteger calls = new AtomicInteger(-1);
        await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).until(() -> {
            int now = fake.requests().size();
            return calls.getAndSet(now) == now;
        });
        assertThat(fake.requests().size()).as("the remaining rows were not judged").isLessThan(15);
        JsonPath run = given().get("/api/v1/evaluations/" + runId).then().statusCode(200).extract().jsonPath();
        assertThat(run.getString("status")).isEqualTo("FAILED");
        assertThat(run.getString("error")).isEqualTo("failed elsewhere");
    }

    /** Back to a fast fake for the next test class (FakeLlm.get() resets it). */
    @AfterEach
    void resetFake() {
        FakeLlm.get();
    }

    private String otherInstancesRun(String owner, String heartbeat) {
        String runId = "run-" + Ids.newSpanId();
        pool.preparedQuery("INSERT INTO scoring.runs (run_id, experiment_id, status, source_kind, model,"
                + " max_concurrency, scorers, owner, created_at, heartbeat_at) VALUES ($1, 'exp-liveness', 'RUNNING',"
                + " 'data', 'openai:/gpt-4.1-mini', 4, '[]'::jsonb, $2, now(), " + heartbeat + ")")
                .execute(Tuple.of(runId, owner)).await().atMost(WAIT);
        return runId;
    }

    private static String rows(int n) {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            rows.add("{\"inputs\": {\"question\": \"q" + i + "\"}, \"outputs\": \"a" + i + "\"}");
        }
        return "{\"data\": [" + String.join(", ", rows) + "], \"scorers\": [{\"builtin\": \"Safety\"}],"
                + " \"max_concurrency\": 1}";
    }

    private String status(String runId) {
        return given().get("/api/v1/evaluations/" + runId).then().statusCode(200).extract().path("status");
    }

    private double number(String sql, String runId) {
        return pool.preparedQuery(sql).execute(Tuple.of(runId)).await().atMost(WAIT).iterator().next()
                .getNumeric(0).doubleValue();
    }

    private boolean bool(String sql, String runId) {
        return pool.preparedQuery(sql).execute(Tuple.of(runId)).await().atMost(WAIT).iterator().next().getBoolean(0);
    }
}
