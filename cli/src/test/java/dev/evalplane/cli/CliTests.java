package dev.evalplane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The CLI's own behaviour that needs no gateway: help, argument checks, template rules, output. */
class CliTests {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return EvalplaneCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(args);
    }

    @Test
    void helpIsAvailableOnEveryCommand() {
        for (String[] args : List.of(new String[] {"--help"}, new String[] {"scorers", "--help"},
                new String[] {"scorers", "list", "--help"}, new String[] {"scorers", "register-llm-judge", "--help"},
                new String[] {"scorers", "start", "--help"}, new String[] {"scorers", "update", "--help"},
                new String[] {"scorers", "stop", "--help"},
                new String[] {"traces", "evaluate", "--help"}, new String[] {"evaluate", "--help"})) {
            out.getBuffer().setLength(0);
            assertThat(run(args)).as(String.join(" ", args)).isZero();
            assertThat(out.toString()).startsWith("Usage: evalplane");
        }
        assertThat(out.toString()).contains("--data").contains("--scorers").contains("--budget-usd");
    }

    @Test
    void registerRejectsInstructionsWithoutVariablesBeforeCallingTheGateway() {
        // the URL is unreachable: a request would fail differently, so this proves the check is local
        int code = run("--url", "http://127.0.0.1:9", "scorers", "register-llm-judge", "-x", "1", "-n", "vague",
                "-i", "Is the answer good?");
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("invalid instructions").contains("at least one");
    }

    @Test
    void registerRejectsTraceMixedWithOutputs() {
        int code = run("--url", "http://127.0.0.1:9", "scorers", "register-llm-judge", "-x", "1", "-n", "mixed",
                "-i", "Look at {{ trace }} and {{ outputs }}");
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("cannot be combined");
    }

    @Test
    void anUpdateThatChangesNothingIsRejectedBeforeCallingTheGateway() {
        assertThat(run("--url", "http://127.0.0.1:9", "scorers", "update", "-x", "1", "-n", "polite")).isEqualTo(1);
        assertThat(err.toString()).contains("nothing to update");
        assertThat(run("--url", "http://127.0.0.1:9", "scorers", "update", "-x", "1", "-n", "polite", "--filter",
                "tags.a = 'b'", "--clear-filter")).isEqualTo(1);
        assertThat(err.toString()).contains("not both");
        assertThat(run("scorers", "start", "-x", "1", "-n", "polite")).isEqualTo(2);
        assertThat(err.toString()).contains("--sample-rate");
    }

    @Test
    void unreachableGatewayIsOneClearLine() {
        int code = run("--url", "http://127.0.0.1:9", "scorers", "list", "-x", "1");
        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).startsWith("error: cannot reach the evalplane gateway at http://127.0.0.1:9");
    }

    @Test
    void missingRequiredOptionsAreUsageErrors() {
        assertThat(run("traces", "evaluate", "--scorers", "Safety")).isEqualTo(2);
        assertThat(err.toString()).contains("--trace-ids");
    }

    @Test
    void builtinNamesBecomeBuiltinScorersAndOthersRegistered() {
        assertThat(EvaluationRunner.scorerSpecs(List.of("Correctness", " my_judge ")))
                .containsExactly(Map.of("builtin", "Correctness"), Map.of("registered", "my_judge"));
    }

    @Test
    void progressBarShowsDoneOverTotal() {
        assertThat(ProgressBar.render(3, 12, 12)).isEqualTo("[###.........] 3/12 rows");
        assertThat(ProgressBar.render(0, 0, 4)).isEqualTo("[....] 0/0 rows");
    }

    @Test
    void datasetFilesMayBeJsonLinesOrAnArray(@TempDir Path dir) throws Exception {
        Path jsonl = Files.writeString(dir.resolve("rows.jsonl"), "{\"inputs\":{\"q\":1}}\n\n{\"inputs\":{\"q\":2}}\n");
        Path array = Files.writeString(dir.resolve("rows.json"), "[{\"inputs\":{\"q\":1}}]");
        Path broken = Files.writeString(dir.resolve("bad.jsonl"), "{\"inputs\": \n");
        EvaluateCommand command = new EvaluateCommand();
        command.root = new EvalplaneCli();
        command.root.url = "http://127.0.0.1:9";
        command.data = jsonl;
        assertThat(command.rows()).hasSize(2);
        command.data = array;
        assertThat(command.rows()).hasSize(1);
        command.data = broken;
        org.assertj.core.api.Assertions.assertThatThrownBy(command::rows).isInstanceOf(CliException.class)
                .hasMessageContaining("not a JSON array or JSON Lines");
    }

    @Test
    void tablesAlignAndShortenCells() {
        StringWriter table = new StringWriter();
        Output.table(new PrintWriter(table, true), List.of("A", "LONG"), List.of(List.of("x".repeat(70), "y")));
        String[] lines = table.toString().split("\\R");
        assertThat(lines[0]).startsWith("A ").endsWith("LONG");
        assertThat(lines[1]).contains("...").endsWith("y");
    }
}
