package dev.evalplane.gateway.mlflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * Keeps the README's MLflow compatibility table true: every row marked supported names a Python-client IT that
 * exists, and every client call it lists is made by a script that IT runs; every unsupported row says why.
 */
class MlflowCompatibilityTableTests {

    private static final Pattern CODE = Pattern.compile("`([^`]+)`");
    private static final Pattern SCRIPT = Pattern.compile("\"([a-z_]+\\.py)\"");
    private static final Path TESTS = Path.of("src/test/java/dev/evalplane/gateway/mlflow");
    private static final Path SCRIPTS = Path.of("src/test/resources/mlflow");

    @Test
    void everySupportedCallIsExercisedByTheRealClient() throws IOException {
        List<String[]> rows = rows();
        assertThat(rows).hasSizeGreaterThan(10);
        int checkedCalls = 0;
        for (String[] row : rows) {
            String supported = row[2].trim();
            if (!supported.startsWith("yes")) {
                assertThat(supported).as("an unsupported row says why: " + row[0]).startsWith("no: ");
                continue;
            }
            List<String> tests = codes(row[3]);
            assertThat(tests).as("tests of " + row[0]).isNotEmpty();
            StringBuilder scripts = new StringBuilder();
            for (String test : tests) {
                Path source = TESTS.resolve(test + ".java");
                assertThat(source).as(row[0]).exists();
                Matcher script = SCRIPT.matcher(Files.readString(source));
                while (script.find()) {
                    scripts.append(Files.readString(SCRIPTS.resolve(script.group(1))));
                }
            }
            for (String call : codes(row[0])) {
                if (!call.matches("@?[A-Za-z_][A-Za-z0-9_.()]*")) {
                    continue;       // an argument such as return_type="list", not a call
                }
                String name = functionName(call);
                assertThat(scripts.toString()).as("a script of " + tests + " calls " + call)
                        .containsPattern("[.\\s@]" + Pattern.quote(name) + "\\(");
                checkedCalls++;
            }
        }
        assertThat(checkedCalls).isGreaterThan(20);
    }

    /** {@code MlflowClient().get_trace} → {@code get_trace}; {@code @mlflow.trace} → {@code trace}. */
    private static String functionName(String call) {
        String name = call.replaceAll("\\(.*$", "").replaceAll("^@", "").trim();
        return name.substring(name.lastIndexOf('.') + 1);
    }

    private static List<String> codes(String cell) {
        List<String> codes = new ArrayList<>();
        Matcher m = CODE.matcher(cell);
        while (m.find()) {
            codes.add(m.group(1));
        }
        return codes;
    }

    private static List<String[]> rows() throws IOException {
        Path readme = Path.of("..", "README.md");
        String text = Files.readString(readme);
        int start = text.indexOf("## MLflow compatibility");
        assertThat(start).as("README section").isNotNegative();
        int end = text.indexOf("\n## ", start + 1);
        List<String[]> rows = new ArrayList<>();
        for (String line : text.substring(start, end < 0 ? text.length() : end).split("\n")) {
            if (!line.startsWith("| ") || line.startsWith("| MLflow client call") || line.startsWith("|---")) {
                continue;
            }
            String[] cells = line.substring(2, line.length() - 2).split(" \\| ");
            assertThat(cells).as(line).hasSize(4);
            rows.add(cells);
        }
        return rows;
    }
}
