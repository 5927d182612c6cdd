package dev.evalplane.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.evalplane.gateway.client.Upstream;
import dev.evalplane.gateway.client.UpstreamRoutes;

class UpstreamRoutesTests {

    @ParameterizedTest
    @CsvSource({
            "evaluations, SCORER_SERVICE",
            "evaluations/run-1, SCORER_SERVICE",
            "evaluations/run-1/cancel, SCORER_SERVICE",
            "evaluations/run-1/traces, TRACE_SERVICE",
            "evaluations/run-1/summary, TRACE_SERVICE",
            "experiments, TRACE_SERVICE",
            "experiments/7/scorers, SCORER_SERVICE",
            "experiments/7/scorers/my-judge, SCORER_SERVICE",
            "experiments/7/scorers/my-judge/versions, SCORER_SERVICE",
            "experiments/7/scorers/my-judge/start, SCORER_SERVICE",
            "experiments/7/scorers/my-judge/update, SCORER_SERVICE",
            "experiments/7/scorers/my-judge/stop, SCORER_SERVICE",
            "experiments/7/scorers/my-judge/online, SCORER_SERVICE",
            "experiments/7/online-scorers, SCORER_SERVICE",
            "traces/search, TRACE_SERVICE",
            "traces/tr-1/assessments/a-1, TRACE_SERVICE",
            "prices, COST_SERVICE",
            "prices/reprice, COST_SERVICE" })
    void everyPublicRouteHasOneOwner(String path, Upstream owner) {
        assertThat(UpstreamRoutes.ownerOf(path)).contains(owner);
    }

    @ParameterizedTest
    @CsvSource({ "nothing", "evaluations/run-1/traces/extra", "evaluations/run-1/cancel/now", "experiments/7",
            "experiments/7/online-scorers/x", "../etc/passwd" })
    void unknownRoutesHaveNoOwner(String path) {
        assertThat(UpstreamRoutes.ownerOf(path)).isEmpty();
    }
}
