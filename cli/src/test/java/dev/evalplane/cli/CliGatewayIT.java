package dev.evalplane.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.evalplane.testsupport.FakeLlmProvider;
import dev.evalplane.testsupport.RealStack;
import dev.evalplane.testsupport.ServiceProcess;

/** The CLI against the packaged gateway in front of the real services (fake LLM provider at the edge). */
class CliGatewayIT {

    private static final String EXPERIMENT = "cli-it";
    private static FakeLlmProvider provider;
    private static RealStack stack;
    private static ServiceProcess gateway;

    @BeforeAll
    static void startStack() {
        provider = FakeLlmProvider.start();
        stack = RealStack.start(provider);
        gateway = stack.startGateway();
    }

    @AfterAll
    static void stopStack() {
        if (gateway != null) {
            gateway.close();
        }
        if (stack != null) {
            stack.close();
        }
        if (provider != null) {
            provider.close();
        }
    }

    private record Result(int code, String out, String err) {
    }

    private static Result cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 2];
        all[0] = "--url";
        all[1] = gateway.url("");
        System.arraycopy(args, 0, all, 2, args.length);
        int code = EvalplaneCli.commandLine(new PrintWriter(out, true), new PrintWriter(err, true)).execute(all);
        return new Result(code, out.toString(), err.toString());
    }

    @Test
    void registerListAndEvaluateThroughTheGateway(@TempDir Path dir) throws Exception {
        Result first = cli("scorers", "register-llm-judge", "-x", EXPERIMENT, "-n", "polite", "-d", "Is it polite?",
                "-i", "Is {{ outputs }} a polite answer to {{ inputs }}?");
        assertThat(first.code()).as(first.err()).isZero();
        assertThat(first.out()).contains("Registered polite version 1");
        assertThat(cli("scorers", "register-llm-judge", "-x", EXPERIMENT, "-n", "polite",
                "-i", "Is {{ outputs }} polite and kind?").out()).contains("version 2");

        Result listed = cli("scorers", "list", "-x", EXPERIMENT, "--output", "json");
        JsonNode scorers = new ObjectMapper().readTree(listed.out());
        assertThat(scorers).hasSize(1);
        assertThat(scorers.get(0).path("name").asText()).isEqualTo("polite");
        assertThat(scorers.get(0).path("version").asInt()).isEqualTo(2);
        assertThat(cli("scorers", "list", "-x", EXPERIMENT).out()).contains("NAME").contains("polite");

        Path rows = Files.writeString(dir.resolve("rows.jsonl"),
                "{\"inputs\": {\"q\": \"hi\"}, \"outputs\": \"Hello, how can I help?\"}\n"
                        + "{\"inputs\": {\"q\": \"bye\"}, \"outputs\": \"Go away.\"}\n");
        Result evaluated = cli("evaluate", "-x", EXPERIMENT, "--data", rows.toString(), "--scorers", "Safety,polite",
                "--model", "openai:/gpt-4.1-mini", "--output", "json");
        assertThat(evaluated.code()).as(evaluated.err()).isZero();
        assertThat(evaluated.err()).contains("2/2 rows");
        JsonNode results = new ObjectMapper().readTree(evaluated.out());
        assertThat(results.path("run").path("status").asText()).isEqualTo("COMPLETED");
        assertThat(results.path("results")).hasSize(4);
        List<String> traceIds = new java.util.ArrayList<>();
        results.path("results").forEach(r -> traceIds.add(r.path("trace_id").asText()));

        Result again = cli("traces", "evaluate", "-x", EXPERIMENT, "--scorers", "Safety",
                "--trace-ids", String.join(",", traceIds.stream().distinct().toList()), "--model", "openai:/gpt-4.1-mini");
        assertThat(again.code()).as(again.err()).isZero();
        assertThat(again.out()).contains("COMPLETED").contains("TRACE_ID").contains("safety");
        assertThat(again.out().lines().filter(l -> l.startsWith("tr-")).count()).isEqualTo(2);
    }

    @Test
    void startUpdateAndStopOnlineScoringThroughTheGateway() {
        assertThat(cli("scorers", "register-llm-judge", "-x", "cli-online", "-n", "watch",
                "-i", "Is {{ outputs }} polite?").code()).isZero();
        Result started = cli("scorers", "start", "-x", "cli-online", "-n", "watch", "--sample-rate", "0.2",
                "--daily-budget-usd", "1.5", "--backfill-hours", "2");
        assertThat(started.code()).as(started.err()).isZero();
        assertThat(started.out()).contains("watch STARTED version 1 on experiment cli-online: sample_rate 0.2,"
                + " filter none, daily budget $1.5")
                .containsPattern("Backfill of the last 2 h: [0-9]+ stored traces looked at, [0-9]+ claimed for scoring");
        Result updated = cli("scorers", "update", "-x", "cli-online", "-n", "watch", "--sample-rate", "1",
                "--clear-budget");
        assertThat(updated.code()).as(updated.err()).isZero();
        assertThat(updated.out()).contains("sample_rate 1.0").contains("daily budget none");
        Result rejected = cli("scorers", "update", "-x", "cli-online", "-n", "watch", "--sample-rate", "2");
        assertThat(rejected.code()).isEqualTo(1);
        assertThat(rejected.err()).startsWith("error: ").contains("0 < sample_rate <= 1");
        Result stopped = cli("scorers", "stop", "-x", "cli-online", "-n", "watch");
        assertThat(stopped.code()).as(stopped.err()).isZero();
        assertThat(stopped.out()).contains("watch STOPPED");
        assertThat(cli("scorers", "stop", "-x", "cli-online", "-n", "watch").err()).contains("is not started");
    }

    @Test
    void aServerSideRejectionIsOneClearLine() {
        Result rejected = cli("traces", "evaluate", "-x", EXPERIMENT, "--scorers", "NoSuchScorer",
                "--trace-ids", "tr-00000000000000000000000000000000");
        assertThat(rejected.code()).isEqualTo(1);
        assertThat(rejected.err()).startsWith("error: ").contains("NoSuchScorer");
    }
}
