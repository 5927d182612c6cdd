package dev.evalplane.cli;

import java.io.PrintWriter;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code evalplane}: the command-line client of the evalplane gateway. */
@Command(name = "evalplane", mixinStandardHelpOptions = true, version = "evalplane 0.1.0",
        description = "Run LLM-as-a-judge evaluations and manage scorers through the evalplane gateway.",
        subcommands = {ScorersCommand.class, TracesCommand.class, EvaluateCommand.class, CommandLine.HelpCommand.class})
public class EvalplaneCli {

    @Option(names = "--url", defaultValue = "${env:EVALPLANE_URL:-http://localhost:8080}",
            description = "Gateway URL (env EVALPLANE_URL; default ${DEFAULT-VALUE}).")
    String url;

    @Option(names = "--token", defaultValue = "${env:EVALPLANE_TOKEN}",
            description = "API bearer token (env EVALPLANE_TOKEN).")
    String token;

    GatewayClient client() {
        return new GatewayClient(url, token);
    }

    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new EvalplaneCli());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            if (e instanceof CliException) {
                commandLine.getErr().println("error: " + e.getMessage());
                return 1;
            }
            throw e;
        });
        return cli;
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(commandLine(out, err).execute(args));
    }
}
