package dev.evalplane.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code evalplane traces ...}: evaluate stored traces. */
@Command(name = "traces", mixinStandardHelpOptions = true, description = "Work with stored traces.")
public class TracesCommand {

    @ParentCommand
    EvalplaneCli root;

    @Spec
    CommandSpec spec;

    @Command(name = "evaluate", mixinStandardHelpOptions = true,
            description = "Run scorers (built-in or registered names) over stored traces and print their feedback.")
    int evaluate(@Option(names = {"-x", "--experiment-id"}, defaultValue = "0", description = "Experiment id (default ${DEFAULT-VALUE}).") String experimentId,
            @Option(names = "--scorers", required = true, split = ",", description = "Comma-separated scorer names.") List<String> scorers,
            @Option(names = "--trace-ids", required = true, split = ",", description = "Comma-separated trace ids.") List<String> traceIds,
            @Option(names = "--model", description = "Judge model URI for built-in scorers.") String model,
            @Option(names = "--output", defaultValue = "table", description = "table or json.") Output.Format format) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("experiment_id", experimentId);
        request.put("trace_ids", traceIds);
        request.put("scorers", EvaluationRunner.scorerSpecs(scorers));
        if (model != null) {
            request.put("model", model);
        }
        GatewayClient client = root.client();
        EvaluationRunner runner = new EvaluationRunner(client, 500);
        JsonNode status = runner.run(request, null);
        ResultsPrinter.print(spec.commandLine().getOut(), client.json(), format, status, runner.settledResults(status, 30_000));
        return "FAILED".equals(status.path("status").asText()) ? 2 : 0;
    }
}
