package dev.evalplane.judge.online;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import dev.evalplane.events.Ids;
import dev.evalplane.events.Topics;
import dev.evalplane.testsupport.KafkaBrokerResource;
import dev.evalplane.testsupport.PostgresResource;
import dev.evalplane.testsupport.TopicClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;

/**
 * Back-pressure of online scoring on the real broker: a burst of completed traces larger than {@code max-backlog}
 * is not turned into claims all at once; the consumer waits while the backlog is full, so the rest stays in Kafka as
 * the group's lag (uncommitted records), and once claims finish (here: FAILED at once, trace-service being down in
 * this profile, which is what a slow provider's backlog looks like from the consumer) it drains to zero with every
 * trace claimed exactly once.
 */
@QuarkusTest
@TestProfile(OnlineBackPressureTests.SmallBacklog.class)
@WithTestResource(value = KafkaBrokerResource.class, parallel = true)
@WithTestResource(value = PostgresResource.class, parallel = true)
class OnlineBackPressureTests {

    static final int MAX_BACKLOG = 20;
    static final int TRACES = 200;

    /** A backlog of 20 claims, batches of 10 records, claims that fail on their first read. */
    public static class SmallBacklog implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("evalplane.online.max-backlog", String.valueOf(MAX_BACKLOG),
                    "mp.messaging.incoming.online-traces-stored.max.poll.records", "10",
                    "evalplane.online.trace-read-attempts", "1");
        }
    }

    @Inject
    Pool pool;

    @Test
    void aBurstPastTheBacklogWaitsInKafkaAsLagAndDrainsWithEveryTraceClaimedOnce() throws Exception {
        String exp = "online-burst-" + UUID.randomUUID();
        given().contentType(ContentType.JSON).body("{\"name\": \"polite\", \"scorer\": {\"judge\": {\"name\": \"polite\","
                + " \"instructions\": \"Is {{ outputs }} polite?\", \"feedback_value_type\": \"yes/no\"}}}")
                .post("/api/v1/experiments/" + exp + "/scorers").then().statusCode(201);
        given().contentType(ContentType.JSON).body("{\"sample_rate\": 1.0}")
                .post("/api/v1/experiments/" + exp + "/scorers/polite/start").then().statusCode(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> OnlineKafka.uncommitted() == 0);

        List<String> traces = new ArrayList<>();
        TopicClient kafka = TopicClient.onTestBroker();
        for (int i = 0; i < TRACES; i++) {
            String traceId = Ids.traceId(exp, String.valueOf(i));
            traces.add(traceId);
            kafka.sendAsync(Topics.TRACES_STORED, traceId, OnlineKafka.json(OnlineKafka.storedNow(traceId, exp)));
        }
        kafka.flush();

        AtomicBoolean waitedInKafka = new AtomicBoolean();
        AtomicLong mostClaimsAtOnce = new AtomicLong();
        // samples the backlog every 200 ms until the burst has drained
        await().atMost(Duration.ofSeconds(180)).pollInterval(Duration.ofMillis(200)).until(() -> {
            long lag = OnlineKafka.uncommitted();
            long claimed = count("SELECT count(*) FROM scoring.online_claims WHERE experiment_id = $1", exp);
            long pending = count("SELECT count(*) FROM scoring.online_claims WHERE experiment_id = $1"
                    + " AND status IN ('PENDING', 'SCORING')", exp);
            mostClaimsAtOnce.accumulateAndGet(pending, Math::max);
            if (lag > 0 && pending >= MAX_BACKLOG) {
                waitedInKafka.set(true);
            }
            return lag == 0 && claimed == TRACES && pending == 0;
        });
        System.out.printf("burst of %d traces, max-backlog %d: at most %d claims unfinished at once%n", TRACES,
                MAX_BACKLOG, mostClaimsAtOnce.get());
        assertThat(waitedInKafka.get()).as("records waited in Kafka while the backlog was full").isTrue();
        assertThat(mostClaimsAtOnce.get()).as("the backlog was bounded, not the whole burst").isLessThan(TRACES / 2);
        assertThat(OnlineKafka.uncommitted()).as("the lag drained").isZero();
        List<String> claimed = new ArrayList<>();
        pool.preparedQuery("SELECT trace_id FROM scoring.online_claims WHERE experiment_id = $1").execute(Tuple.of(exp))
                .await().atMost(Duration.ofSeconds(10)).forEach(r -> claimed.add(r.getString("trace_id")));
        assertThat(claimed).as("every trace claimed exactly once").containsExactlyInAnyOrderElementsOf(traces);
        given().contentType(ContentType.JSON).post("/api/v1/experiments/" + exp + "/scorers/polite/stop").then()
                .statusCode(200);
    }

    private long count(String sql, String experiment) {
        return pool.preparedQuery(sql).execute(Tuple.of(experiment)).await().atMost(Duration.ofSeconds(10)).iterator()
                .next().getLong(0);
    }
}
