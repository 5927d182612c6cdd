package dev.evalplane.judge.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import dev.evalplane.judge.support.UnreliableTraceService;
import dev.evalplane.testsupport.KafkaBrokerResource;
import dev.evalplane.testsupport.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * scorer-service's calls to trace-service under SmallRye Fault Tolerance, against a real HTTP server that is slow,
 * missing things or failing ({@link UnreliableTraceService}): each attempt times out at the configured timeout, a
 * failed read is retried (a 404 is not), and a service that keeps failing opens the circuit breaker, so calls fail
 * without reaching it until the breaker's delay has passed.
 */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, parallel = true)
@WithTestResource(value = PostgresResource.class, parallel = true)
@WithTestResource(UnreliableTraceService.class)
class TraceServiceFaultTests {

    @Inject
    TraceServiceClient traces;

    private static final Duration AWAIT = Duration.ofSeconds(30);

    @Test
    void aSlowServiceTimesOutEachAttemptAndIsRetried() {
        Throwable failure = catchThrowable(() -> traces.trace("tr-slow-1").await().atMost(AWAIT));

        assertThat(failure).isInstanceOf(ServiceCallException.class).hasMessageStartingWith("trace-service unreachable");
        assertThat(((ServiceCallException) failure).status()).isZero();
        assertThat(UnreliableTraceService.REQUESTS.count("GET /api/v1/traces/tr-slow-1")).as("one attempt and two retries")
                .isEqualTo(3);
    }

    @Test
    void aFailingReadIsRetriedUntilItPasses() {
        assertThat(traces.trace("tr-flaky-1").await().atMost(AWAIT).has("spans")).isTrue();
        assertThat(UnreliableTraceService.REQUESTS.count("GET /api/v1/traces/tr-flaky-1")).isEqualTo(3);
    }

    @Test
    void aNotFoundAnswerIsNotRetried() {
        Throwable failure = catchThrowable(() -> traces.trace("tr-missing-1").await().atMost(AWAIT));

        assertThat(failure).isInstanceOf(ServiceCallException.class);
        assertThat(((ServiceCallException) failure).notFound()).isTrue();
        assertThat(UnreliableTraceService.REQUESTS.count("GET /api/v1/traces/tr-missing-1")).isEqualTo(1);
    }

    @Test
    void aServiceThatKeepsFailingOpensTheBreakerUntilItsDelayHasPassed() {
        String path = "GET /api/v1/evaluations/run-breaker/summary";
        UnreliableTraceService.down.set(true);
        try {
            // 4 calls of 3 attempts each: the 10th failed attempt in a row opens the breaker
            for (int i = 0; i < 4; i++) {
                assertThat(catchThrowable(() -> traces.runSummary("run-breaker").await().atMost(AWAIT)))
                        .isInstanceOf(ServiceCallException.class);
            }
            int reached = UnreliableTraceService.REQUESTS.count(path);
            assertThat(reached).isEqualTo(10);

            Throwable refused = catchThrowable(() -> traces.runSummary("run-breaker").await().atMost(AWAIT));
            assertThat(refused).isInstanceOf(ServiceCallException.class).hasMessageContaining("trace-service unreachable");
            assertThat(UnreliableTraceService.REQUESTS.count(path)).as("the open breaker keeps calls off the service")
                    .isEqualTo(reached);
        } finally {
            UnreliableTraceService.down.set(false);
        }
        Awaitility.await().atMost(AWAIT).pollInterval(Duration.ofMillis(200)).ignoreExceptions().untilAsserted(() ->
                assertThat(traces.runSummary("run-breaker").await().atMost(AWAIT).path("judge_cost").has("total_cost"))
                        .isTrue());
        assertThat(UnreliableTraceService.REQUESTS.count(path)).isGreaterThan(10);
    }
}
