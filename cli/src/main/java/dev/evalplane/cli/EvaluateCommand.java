package dev.evalplane.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code evalplane evaluate}: evaluate a dataset file with a progress bar. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Evaluate rows of a JSON array or JSON Lines file ({inputs, outputs, expectations}) with a progress bar.")
public class EvaluateCommand implements java.util.concurrent.Callable<Integer> {

    @ParentCommand
    EvalplaneCli root;

    @Spec
    CommandSpec spec;

    @Option(names = "--data", required = true, description = "Dataset file: a JSON array or JSON Lines.")
    Path data;

    @Option(names = "--scorers", required = true, split = ",", description = "Comma-separated scorer names.")
    List<String> scorers;

    @Option(names = {"-x", "--experiment-id"}, defaultValue = "0", description = "Experiment id (default ${DEFAULT-VALUE}).")
    String experimentId;

    @Option(names = "--name", description = "Run name.")
    String name;

    @Option(names = "--model", description = "Judge model URI for built-in scorers.")
    String model;

    @Option(names = "--max-concurrency", description = "Judge calls at once.")
    Integer maxConcurrency;

    @Option(names = "--budget-usd", description = "Stop new judge calls once the estimated spend would exceed this.")
    String budgetUsd;

    @Option(names = "--output", defaultValue = "table", description = "table or json.")
    Output.Format format;

    @Override
    public Integer call() {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("experiment_id", experimentId);
        if (name != null) {
            request.put("name", name);
        }
        request.put("data", rows());
        request.put("scorers", EvaluationRunner.scorerSpecs(scorers));
        if (model != null) {
            request.put("model", model);
        }
        if (maxConcurrency != null) {
            request.put("max_concurrency", maxConcurrency);
        }
        if (budgetUsd != null) {
            request.put("budget_usd", new java.math.BigDecimal(budgetUsd));
        }
        GatewayClient client = root.client();
        EvaluationRunner runner = new EvaluationRunner(client, 500);
        JsonNode status = runner.run(request, spec.commandLine().getErr());
        ResultsPrinter.print(spec.commandLine().getOut(), client.json(), format, status, runner.settledResults(status, 30_000));
        return "FAILED".equals(status.path("status").asText()) ? 2 : 0;
    }

    List<JsonNode> rows() {
        String text;
        try {
            text = Files.readString(data).strip();
        } catch (IOException e) {
            throw new CliException("cannot read " + data + ": " + e.getMessage());
        }
        List<JsonNode> rows = new ArrayList<>();
        try {
            if (text.startsWith("[")) {
                root.client().json().readTree(text).forEach(rows::add);
            } else {
                for (String line : text.split("\\R")) {
                    if (!line.isBlank()) {
                        rows.add(root.client().json().readTree(line));
                    }
                }
            }
        } catch (IOException e) {
            throw new CliException(data + " is not a JSON array or JSON Lines file: " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (rows.isEmpty()) {
            throw new CliException(data + " has no rows");
        }
        return rows;
    }
}
