package dev.evalplane.judge.service;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.evalplane.judge.scorer.YesNo;

/**
 * MLflow's scorer aggregation: values become numbers (yes=1, no=0, true=1, false=0, numbers as they are; other
 * strings are skipped), then each asked aggregation ({@code min, max, mean, median, variance} (population),
 * {@code p90}) gives metric {@code <assessment name>/<aggregation>}.
 */
public final class Aggregator {

    public static final List<String> SUPPORTED = List.of("min", "max", "mean", "median", "variance", "p90");

    public static Map<String, Double> metrics(Map<String, List<JsonNode>> values, Map<String, List<String>> aggregations) {
        Map<String, Double> metrics = new LinkedHashMap<>();
        values.forEach((name, raw) -> {
            double[] numbers = numbers(raw);
            if (numbers.length == 0) {
                return;
            }
            for (String agg : aggregations.getOrDefault(name, List.of("mean"))) {
                metrics.put(name + "/" + agg, aggregate(agg, numbers));
            }
        });
        return metrics;
    }

    static double[] numbers(List<JsonNode> raw) {
        List<Double> out = new ArrayList<>();
        for (JsonNode v : raw) {
            if (v == null || v.isNull()) {
                continue;
            }
            if (v.isNumber()) {
                out.add(v.asDouble());
            } else if (v.isBoolean()) {
                out.add(v.asBoolean() ? 1.0 : 0.0);
            } else if (v.isTextual()) {
                String yn = YesNo.normalise(v);
                if (yn != null) {
                    out.add(YesNo.YES.equals(yn) ? 1.0 : 0.0);
                }
            }
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    static double aggregate(String agg, double[] v) {
        return switch (agg) {
            case "min" -> Arrays.stream(v).min().orElseThrow();
            case "max" -> Arrays.stream(v).max().orElseThrow();
            case "mean" -> Arrays.stream(v).average().orElseThrow();
            case "median" -> percentile(v, 50);
            case "variance" -> {
                double mean = Arrays.stream(v).average().orElseThrow();
                yield Arrays.stream(v).map(x -> (x - mean) * (x - mean)).sum() / v.length;
            }
            case "p90" -> percentile(v, 90);
            default -> throw new IllegalArgumentException("unsupported aggregation " + agg);
        };
    }

    /** Linear interpolation between closest ranks (numpy's default). */
    static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double rank = p / 100.0 * (sorted.length - 1);
        int lo = (int) Math.floor(rank);
        int hi = (int) Math.ceil(rank);
        return sorted[lo] + (sorted[hi] - sorted[lo]) * (rank - lo);
    }

    private Aggregator() {
    }
}
