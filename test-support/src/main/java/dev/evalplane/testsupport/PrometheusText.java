package dev.evalplane.testsupport;

import java.util.Arrays;

/** Reads the Prometheus text format that services serve at {@code /q/metrics}. */
public final class PrometheusText {

    /** The sum of a metric's samples whose label set contains all of these {@code key="value"} strings. */
    public static double sum(String metricsText, String name, String... labels) {
        return metricsText.lines()
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .filter(line -> Arrays.stream(labels).allMatch(line::contains))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private PrometheusText() {
    }
}
