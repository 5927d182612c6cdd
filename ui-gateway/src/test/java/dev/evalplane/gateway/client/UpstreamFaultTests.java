package dev.evalplane.gateway.client;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The gateway's calls to the services under SmallRye Fault Tolerance, against a real HTTP server that hangs
 * ({@link SlowServices}): an attempt times out at the configured timeout and is a 502 problem, a GET is tried once
 * more and a POST is not, and a service that keeps hanging opens its circuit breaker so requests fail without
 * reaching it until the breaker's delay has passed; at most max-connections calls to one service are open at once.
 * (scorer-service's routes hang; cost-service's trip its breaker; trace-service's fill its connection pool.)
 */
@QuarkusTest
@WithTestResource(SlowServices.class)
class UpstreamFaultTests {

    @Test
    void aHangingServiceIsA502AfterTheTimeoutAndOnlyASafeMethodIsRetried() {
        given().get("/api/v1/evaluations/run-slow-get").then().statusCode(502)
                .contentType("application/problem+json").body("title", equalTo("scorer-service is unavailable"))
                .body("type", equalTo("https://evalplane.dev/problems/service-unavailable"));
        assertThat(SlowServices.REQUESTS.count("GET /api/v1/evaluations/run-slow-get")).as("one attempt and one retry")
                .isEqualTo(2);

        given().post("/api/v1/evaluations/run-slow-post/cancel").then().statusCode(502)
                .contentType("application/problem+json");
        assertThat(SlowServices.REQUESTS.count("POST /api/v1/evaluations/run-slow-post/cancel")).as("never retried")
                .isEqualTo(1);
    }

    @Test
    void aServiceThatKeepsHangingOpensItsBreakerUntilTheDelayHasPassed() {
        String path = "GET /api/v1/prices?model=slow";
        try {
            for (int i = 0; i < 3; i++) {
                given().get("/api/v1/prices?model=slow").then().statusCode(502);
            }
            assertThat(SlowServices.REQUESTS.count(path)).as("3 GETs of 2 attempts each").isEqualTo(6);

            given().get("/api/v1/prices?model=slow").then().statusCode(502)
                    .contentType("application/problem+json").body("title", equalTo("cost-service is unavailable"));
            assertThat(SlowServices.REQUESTS.count(path)).as("the open breaker keeps requests off the service").isEqualTo(6);
        } finally {
            SlowServices.hanging.set(false);
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                given().get("/api/v1/prices?model=slow").then().statusCode(200).body("ok", equalTo(true)));
        assertThat(SlowServices.REQUESTS.count(path)).isGreaterThan(6);
    }

    @Test
    void atMostMaxConnectionsCallsToOneServiceAreOpenAtOnce() {
        String hanging = "GET /api/v1/traces/tr-slow-pool-";
        SlowServices.REQUESTS.watch(hanging);
        ExecutorService callers = Executors.newFixedThreadPool(3 * SlowServices.MAX_CONNECTIONS);
        try {
            List<CompletableFuture<Integer>> calls = IntStream.range(0, 3 * SlowServices.MAX_CONNECTIONS)
                    .mapToObj(i -> CompletableFuture.supplyAsync(() ->
                            given().get("/api/v1/traces/tr-slow-pool-" + i).then().extract().statusCode(), callers))
                    .toList();
            assertThat(calls).allSatisfy(call -> assertThat(call.join()).isEqualTo(502));
        } finally {
            callers.shutdownNow();
        }
        assertThat(SlowServices.REQUESTS.mostAtOnce(hanging)).as("more than Vert.x's default pool of 5, up to the limit")
                .isGreaterThan(5).isLessThanOrEqualTo(SlowServices.MAX_CONNECTIONS);
    }
}
