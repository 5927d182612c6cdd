package dev.evalplane.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.evalplane.events.JudgeTemplate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code evalplane scorers ...}: the scorer registry of an experiment. */
@Command(name = "scorers", mixinStandardHelpOptions = true, description = "List and register scorers of an experiment.")
public class ScorersCommand {

    @ParentCommand
    EvalplaneCli root;

    @Spec
    CommandSpec spec;

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the latest version of every registered scorer.")
    int list(@Option(names = {"-x", "--experiment-id"}, required = true, description = "Experiment id.") String experimentId,
            @Option(names = "--output", defaultValue = "table", description = "table or json.") Output.Format format) {
        JsonNode answer = root.client().get("/experiments/" + GatewayClient.encode(experimentId) + "/scorers");
        JsonNode scorers = answer.path("scorers");
        if (format == Output.Format.json) {
            Output.json(spec.commandLine().getOut(), root.client().json(), scorers);
            return 0;
        }
        List<List<String>> rows = new ArrayList<>();
        scorers.forEach(s -> rows.add(List.of(Output.text(s.path("name")), Output.text(s.path("version")),
                Output.text(s.path("description")))));
        Output.table(spec.commandLine().getOut(), List.of("NAME", "VERSION", "DESCRIPTION"), rows);
        return 0;
    }

    @Command(name = "register-llm-judge", mixinStandardHelpOptions = true,
            description = "Register a yes/no LLM judge from instructions using {{ inputs }}, {{ outputs }}, {{ expectations }} or {{ trace }} (alone).")
    int registerLlmJudge(
            @Option(names = {"-x", "--experiment-id"}, required = true, description = "Experiment id.") String experimentId,
            @Option(names = {"-n", "--name"}, required = true, description = "Judge name.") String name,
            @Option(names = {"-i", "--instructions"}, required = true, description = "Judge instructions (a template).") String instructions,
            @Option(names = {"-d", "--description"}, description = "What the judge checks.") String description,
            @Option(names = {"-m", "--model"}, description = "Judge model URI, e.g. openai:/gpt-4.1-mini.") String model) {
        String violation = JudgeTemplate.violation(instructions);
        if (violation != null) {
            throw new CliException("invalid instructions: " + violation);
        }
        Map<String, Object> judge = new LinkedHashMap<>();
        judge.put("name", name);
        judge.put("instructions", instructions);
        judge.put("feedback_value_type", "yes/no");    // the CLI registers yes/no judges only, as MLflow's does
        if (description != null) {
            judge.put("description", description);
        }
        if (model != null) {
            judge.put("model", model);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("description", description);
        body.put("scorer", Map.of("judge", judge));
        JsonNode registered = root.client().post("/experiments/" + GatewayClient.encode(experimentId) + "/scorers", body);
        spec.commandLine().getOut().println("Registered " + Output.text(registered.path("name")) + " version "
                + Output.text(registered.path("version")) + " in experiment " + experimentId);
        return 0;
    }
}
