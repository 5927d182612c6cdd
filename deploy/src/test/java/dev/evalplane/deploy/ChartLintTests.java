package dev.evalplane.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartLintTests {

    @Test
    void strictLintPassesWithTheDefaultValues() {
        LintResult result = new Helm(RenderedChart.CHART).lint().strict().call();

        assertThat(result.isFailed()).as("lint messages: %s", result.getMessages()).isFalse();
        assertThat(result.getMessages()).noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]"));
    }

    @Test
    void strictLintFailsWhenTheDefaultValuesBreakTheSchema(@TempDir Path dir) throws IOException {
        Path copy = copyChart(dir);
        Path values = copy.resolve("values.yaml");
        Files.writeString(values, Files.readString(values)
                .replace("securityProtocol: PLAINTEXT", "securityProtocol: SASL_SSL"));

        LintResult result = new Helm(copy).lint().strict().call();

        assertThat(result.isFailed()).isTrue();
        assertThat(String.join("\n", result.getMessages())).contains("mechanism");
    }

    private static Path copyChart(Path dir) throws IOException {
        Path target = dir.resolve("evalplane");
        try (Stream<Path> files = Files.walk(RenderedChart.CHART)) {
            for (Path source : files.sorted(Comparator.naturalOrder()).toList()) {
                Path dest = target.resolve(RenderedChart.CHART.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(source, dest);
                }
            }
        }
        return target;
    }
}
