package dev.evalplane.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The collector options of the services are the same wherever they are started: the chart (JAVA_OPTS_APPEND),
 * scripts/run and bench/run (so the benchmark measures what a user runs). The heap limit differs on purpose (-Xmx384m
 * locally, a share of the container's limit in the chart); the collector and its young generation's shape do not.
 */
class ServiceJvmOptionsTests {

    /** SerialGC; survivor spaces a third of eden, so the span batches in flight at a minor collection fit in them. */
    static final List<String> COLLECTOR = List.of("-XX:+UseSerialGC", "-XX:SurvivorRatio=3");

    static List<String> collectorOptions(String options) {
        return Arrays.stream(options.trim().split("\\s+"))
                .filter(o -> o.startsWith("-XX:") && !o.startsWith("-XX:MaxRAMPercentage")
                        && !o.startsWith("-XX:TieredStopAtLevel"))
                .toList();
    }

    static String firstGroup(Path file, String regex) throws IOException {
        Matcher m = Pattern.compile(regex, Pattern.DOTALL).matcher(Files.readString(file));
        assertThat(m.find()).as("%s has %s", file, regex).isTrue();
        return m.group(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"scorer-service", "cost-service", "trace-service"})
    void chartScriptsRunAndBenchRunGiveTheServicesTheSameCollector(String service) throws IOException {
        String chart = RenderedChart.render().configMapData(service).get("JAVA_OPTS_APPEND");
        String scriptsRun = firstGroup(Path.of("..", "scripts", "run"), "\nCOMMON=\\(([^)]*)\\)");
        String benchRun = firstGroup(Path.of("..", "bench", "run"), "-Devalplane\\.service\\.jvm-options=\"([^$\"]*)");

        assertThat(collectorOptions(chart)).as("chart").isEqualTo(COLLECTOR);
        assertThat(collectorOptions(scriptsRun)).as("scripts/run").isEqualTo(COLLECTOR);
        assertThat(collectorOptions(benchRun)).as("bench/run").isEqualTo(COLLECTOR);
        assertThat(scriptsRun).contains("-Xmx384m");
    }
}
