package dev.evalplane.judge;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.evalplane.events.Ids;
import dev.evalplane.judge.support.Runs;
import dev.evalplane.judge.support.StrictLimitsProfile;
import dev.evalplane.testsupport.KafkaBrokerResource;
import dev.evalplane.testsupport.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;

/**
 * Limits at the door and what a run says when Kafka refused part of it, through the real broker: a data row larger
 * than the row limit is a 400 naming it; a row whose span Kafka refuses makes the run FAILED (never COMPLETED with a
 * row missing) while the other rows' results are kept; remote scorers are refused while no host is allowed.
 */
@QuarkusTest
@TestProfile(StrictLimitsProfile.class)
@WithTestResource(value = KafkaBrokerResource.class, parallel = true)
@WithTestResource(value = PostgresResource.class, parallel = true)
class StrictLimitsTests {

    @Test
    void aDataRowOverTheRowLimitIsRefusedAtTheDoor() {
        String huge = "x".repeat(5 * 1024 * 1024);
        given().contentType(ContentType.JSON).body("{\"data\": [{\"inputs\": \"q\", \"outputs\": \"small\"},"
                + " {\"inputs\": \"q\", \"outputs\": \"" + huge + "\"}], \"scorers\": [{\"builtin\": \"Safety\"}]}")
                .post("/api/v1/evaluations").then().statusCode(400).contentType("application/problem+json")
                .body("detail", equalTo("data[1] is 5242907 bytes of JSON; a data row may have at most 524288 bytes"
                        + " (evalplane.judge.max-row-bytes), so that its trace and the judges' prompts fit in Kafka records"));
    }

    @Test
    void aRunThatLostARowToKafkaIsFailedAndTheOtherRowsAreKept() {
        String runId = Runs.start("{\"data\": [{\"inputs\": \"q\", \"outputs\": \"short answer\"},"
                + " {\"inputs\": \"q\", \"outputs\": \"" + "y".repeat(200_000) + "\"}],"
                + " \"scorers\": [{\"code\": {\"type\": \"contains\", \"substring\": \"answer\"}}]}");

        JsonPath run = Runs.awaitFinished(runId);
        assertThat(run.getString("status")).isEqualTo("FAILED");
        assertThat(run.getString("status_message")).startsWith("FAILED: 1 of 2 rows lost spans or feedback that could"
                + " not be written to Kafka, so the results are incomplete: could not write to Kafka topic spans:"
                + " RecordTooLargeException");
        String kept = Ids.traceId(runId, "row", "0");
        assertThat(Runs.spans(List.of(kept))).as("the row that fitted is stored").isNotEmpty();
        assertThat(Runs.values(Runs.assessments(runId))).anySatisfy(a -> assertThat(a.path("trace_id").asText())
                .isEqualTo(kept));

        String after = Runs.start("{\"data\": [{\"inputs\": \"q\", \"outputs\": \"another answer\"}],"
                + " \"scorers\": [{\"code\": {\"type\": \"contains\", \"substring\": \"answer\"}}]}");
        assertThat(Runs.awaitFinished(after).getString("status_message")).as("the producer keeps working")
                .isEqualTo("COMPLETED");
    }

    @Test
    void remoteScorersAreRefusedWhileNoHostIsAllowed() {
        given().contentType(ContentType.JSON).body("""
                {"data": [{"inputs": "q", "outputs": "a"}],
                 "scorers": [{"remote": {"name": "mine", "url": "https://scorers.example.com/score"}}]}""")
                .post("/api/v1/evaluations").then().statusCode(400).contentType("application/problem+json")
                .body("detail", equalTo("scorers[0]: remote scorer 'mine': remote scorers are disabled on this server;"
                        + " an operator enables them by listing the scorer services' hosts in"
                        + " evalplane.remote-scorers.allowed-hosts (environment variable"
                        + " EVALPLANE_REMOTE_SCORERS_ALLOWED_HOSTS), e.g. scorers.example.com, or 10.0.5.0/24:8443 for a"
                        + " private range"));
    }
}
