package dev.evalplane.judge;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.evalplane.events.Ids;
import dev.evalplane.judge.support.FakeLlm;
import dev.evalplane.judge.support.LogCapture;
import dev.evalplane.judge.support.RemoteScorerServer;
import dev.evalplane.judge.support.Runs;
import dev.evalplane.testsupport.KafkaBrokerResource;
import dev.evalplane.testsupport.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;

/**
 * Remote scorer header values are secrets: the registry never returns them (registration answer, GET, LIST,
 * versions show {@code ***}), the scorer spec stored for reading back and a run's stored scorer list hold only the
 * mask, nothing logs them (DEBUG included), and registering a new version without re-sending them keeps the stored
 * values, for the same host only, while the user's scorer still receives the real value.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, parallel = true)
@WithTestResource(value = PostgresResource.class, parallel = true)
class RemoteScorerSecretsTests {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static RemoteScorerServer server;

    @Inject
    Pool pool;

    @BeforeAll
    static void startScorerService() throws Exception {
        server = new RemoteScorerServer();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void headerValuesAreNeverReturnedStoredInTheSpecOrLoggedAndAreKeptAcrossVersions() {
        FakeLlm.get();
        String token = "tok-" + UUID.randomUUID();
        String bearer = "Bearer sk-" + UUID.randomUUID();
        String exp = "secrets-" + UUID.randomUUID();
        String base = "/api/v1/experiments/" + exp + "/scorers";
        try (LogCapture logs = LogCapture.start("dev.evalplane", "io.vertx", "io.quarkus.rest", "org.jboss.resteasy")) {
            register(base, """
                    {"name": "guarded", "scorer": {"remote": {"name": "guarded", "url": "%s",
                     "headers": {"x-scorer-token": "%s", "Authorization": "%s"}}}}"""
                    .formatted(server.url("/concise"), token, bearer))
                    .statusCode(201).body("scorer.remote.headers.x-scorer-token", equalTo("***"))
                    .body("scorer.remote.headers.Authorization", equalTo("***"));
            for (String read : List.of(base, base + "/guarded", base + "/guarded?version=1", base + "/guarded/versions")) {
                String body = given().get(read).then().statusCode(200).extract().asString();
                assertThat(body).as(read).contains("\"x-scorer-token\":\"***\"").doesNotContain(token)
                        .doesNotContain(bearer.substring(7));
            }

            register(base, """
                    {"name": "guarded", "scorer": {"remote": {"name": "guarded", "url": "%s", "timeout_ms": 5000}}}"""
                    .formatted(server.url("/concise"))).statusCode(201).body("version", equalTo(2))
                    .body("scorer.remote.headers.x-scorer-token", equalTo("***"));
            String kept = run(exp, "{\"registered\": \"guarded\"}");
            assertThat(received(kept)).as("no headers sent again: the stored values are kept").isEqualTo(token);

            String rotated = "tok-" + UUID.randomUUID();
            register(base, """
                    {"name": "guarded", "scorer": {"remote": {"name": "guarded", "url": "%s",
                     "headers": {"x-scorer-token": "%s", "Authorization": "***"}}}}"""
                    .formatted(server.url("/concise"), rotated)).statusCode(201).body("version", equalTo(3));
            assertThat(received(run(exp, "{\"registered\": \"guarded\"}"))).isEqualTo(rotated);
            assertThat(received(run(exp, "{\"registered\": \"guarded\", \"version\": 1}"))).isEqualTo(token);

            register(base, """
                    {"name": "guarded", "scorer": {"remote": {"name": "guarded", "url": "%s"}}}"""
                    .formatted(server.url("/concise").replace("127.0.0.1", "localhost"))).statusCode(400)
                    .body("detail", containsString("send its \"headers\" again"));
            register(base, """
                    {"name": "guarded", "scorer": {"remote": {"name": "guarded", "url": "%s",
                     "headers": {"x-other": "***"}}}}""".formatted(server.url("/concise"))).statusCode(400)
                    .body("detail", containsString("no earlier version of 'guarded' stored a value for it"));
            given().contentType(ContentType.JSON).body("""
                    {"data": [{"inputs": "q", "outputs": "a"}], "scorers": [{"remote": {"name": "inline", "url": "%s",
                     "headers": {"x-scorer-token": "***"}}}]}""".formatted(server.url("/concise")))
                    .post("/api/v1/evaluations").then().statusCode(400).contentType("application/problem+json")
                    .body("detail", containsString("the mask shown for stored values"));

            register(base, """
                    {"name": "crashing", "scorer": {"remote": {"name": "crashing", "url": "%s",
                     "headers": {"x-scorer-token": "%s", "Authorization": "%s"}}}}"""
                    .formatted(server.url("/broken"), token, bearer)).statusCode(201);
            String failed = run(exp, "{\"registered\": \"crashing\"}");
            String inline = Runs.start("""
                    {"data": [{"inputs": "q", "outputs": "a"}], "scorers": [{"remote": {"name": "inline", "url": "%s",
                     "timeout_ms": 200, "headers": {"x-scorer-token": "%s"}}}]}""".formatted(server.url("/slow"), token));
            Runs.awaitFinished(inline);

            for (String runId : List.of(kept, failed, inline)) {
                assertThat(Runs.values(Runs.assessments(runId)).toString()).doesNotContain(token).doesNotContain(bearer);
                String stored = pool.preparedQuery("SELECT scorers::text AS s FROM scoring.runs WHERE run_id = $1")
                        .execute(Tuple.of(runId)).await().atMost(WAIT).iterator().next().getString("s");
                assertThat(stored).as("a run's stored scorer list").contains("***").doesNotContain(token);
            }
            pool.preparedQuery("SELECT scorer::text AS s, secret_headers::text AS h FROM scoring.scorers"
                    + " WHERE experiment_id = $1").execute(Tuple.of(exp)).await().atMost(WAIT).forEach(row -> {
                        assertThat(row.getString("s")).doesNotContain(token).doesNotContain(rotated);
                        assertThat(row.getString("h")).contains("x-scorer-token");
                    });

            assertThat(logs.lines()).as("the capture sees the remote scorer calls at DEBUG")
                    .anyMatch(l -> l.contains("remote scorer guarded: POST"));
            assertThat(logs.lines()).noneMatch(l -> l.contains(token) || l.contains(rotated)
                    || l.contains(bearer.substring(7)));
        }
    }

    private static ValidatableResponse register(String base, String body) {
        return given().contentType(ContentType.JSON).body(body).post(base).then();
    }

    private static String run(String exp, String scorer) {
        String runId = Runs.start("{\"experiment_id\": \"" + exp + "\", \"data\": [{\"inputs\": \"q\", \"outputs\": \"" + exp
                + "\", \"expectations\": {\"max_words\": 5}}], \"scorers\": [" + scorer + "]}");
        Runs.awaitFinished(runId);
        return runId;
    }

    /** The token header the user's scorer received for this run's row. */
    private static String received(String runId) {
        String row = Ids.traceId(runId, "row", "0");
        return server.received().stream().filter(r -> r.body().toString().contains(row)).map(r -> r.token())
                .findFirst().orElseThrow();
    }
}
