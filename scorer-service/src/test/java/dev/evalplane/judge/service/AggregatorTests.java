package dev.evalplane.judge.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

class AggregatorTests {

    private static final JsonNodeFactory N = JsonNodeFactory.instance;

    @Test
    void yesNoMeanIsThePassRateAndOtherStringsAreSkipped() {
        List<JsonNode> values = List.of(N.textNode("yes"), N.textNode("no"), N.textNode("yes"), N.textNode("maybe"));
        Map<String, Double> metrics = Aggregator.metrics(Map.of("correctness", values), Map.of());
        assertThat(metrics).containsOnlyKeys("correctness/mean");
        assertThat(metrics.get("correctness/mean")).isCloseTo(2.0 / 3, within(1e-12));
    }

    @Test
    void askedAggregationsFollowNumpyDefinitions() {
        List<JsonNode> values = List.of(N.numberNode(1), N.numberNode(2), N.numberNode(3), N.numberNode(4), N.numberNode(10));
        Map<String, Double> m = Aggregator.metrics(Map.of("score", values),
                Map.of("score", List.of("min", "max", "mean", "median", "variance", "p90")));
        assertThat(m.get("score/min")).isEqualTo(1.0);
        assertThat(m.get("score/max")).isEqualTo(10.0);
        assertThat(m.get("score/mean")).isEqualTo(4.0);
        assertThat(m.get("score/median")).isEqualTo(3.0);
        assertThat(m.get("score/variance")).isCloseTo(10.0, within(1e-12));
        assertThat(m.get("score/p90")).isCloseTo(7.6, within(1e-12));
    }

    @Test
    void booleansCountAsOneAndZero() {
        Map<String, Double> m = Aggregator.metrics(Map.of("ok", List.of(N.booleanNode(true), N.booleanNode(false))),
                Map.of());
        assertThat(m.get("ok/mean")).isEqualTo(0.5);
    }
}
