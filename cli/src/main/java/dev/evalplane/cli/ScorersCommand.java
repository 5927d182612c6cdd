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

/** {@code evalplane scorers ...}: the scorer registry of an experiment and online scoring of its traces. */
@Command(name = "scorers", mixinStandardHelpOptions = true,
        description = "List and register scorers of an experiment; start, update and stop scoring its new traces online.")
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

    @Command(name = "start", mixinStandardHelpOptions = true,
            description = "Score a sample of the experiment's new traces with a registered scorer as they complete.")
    int start(@Option(names = {"-x", "--experiment-id"}, required = true, description = "Experiment id.") String experimentId,
            @Option(names = {"-n", "--name"}, required = true, description = "Registered scorer name.") String name,
            @Option(names = "--sample-rate", required = true, description = "Share of traces scored, 0 < rate <= 1.") double sampleRate,
            @Option(names = "--filter", description = "Only traces this filter_string selects, e.g. \"tags.env = 'prod'\".") String filter,
            @Option(names = "--daily-budget-usd", description = "Judge spend per UTC day after which scoring stops until the next day.") java.math.BigDecimal budget,
            @Option(names = "--scorer-version", description = "Scorer version (default: the latest).") Integer version,
            @Option(names = "--backfill-hours", description = "Also score the traces stored in the last N hours (1 to 168), once.") Integer backfillHours) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sample_rate", sampleRate);
        putIfSet(body, "filter_string", filter);
        putIfSet(body, "daily_budget_usd", budget);
        putIfSet(body, "scorer_version", version);
        putIfSet(body, "backfill_hours", backfillHours);
        return online(experimentId, name, "start", body);
    }

    @Command(name = "update", mixinStandardHelpOptions = true,
            description = "Change the sample rate, filter or daily budget of a started scorer; what is not given stays.")
    int update(@Option(names = {"-x", "--experiment-id"}, required = true, description = "Experiment id.") String experimentId,
            @Option(names = {"-n", "--name"}, required = true, description = "Registered scorer name.") String name,
            @Option(names = "--sample-rate", description = "Share of traces scored, 0 < rate <= 1.") Double sampleRate,
            @Option(names = "--filter", description = "New filter_string.") String filter,
            @Option(names = "--clear-filter", description = "Score traces without a filter.") boolean clearFilter,
            @Option(names = "--daily-budget-usd", description = "New daily budget in USD.") java.math.BigDecimal budget,
            @Option(names = "--clear-budget", description = "No daily budget.") boolean clearBudget,
            @Option(names = "--scorer-version", description = "Move to this scorer version.") Integer version) {
        if ((clearFilter && filter != null) || (clearBudget && budget != null)) {
            throw new CliException("give either a new value or --clear-..., not both");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        putIfSet(body, "sample_rate", sampleRate);
        putIfSet(body, "filter_string", filter);
        putIfSet(body, "daily_budget_usd", budget);
        putIfSet(body, "scorer_version", version);
        if (clearFilter) {
            body.put("filter_string", null);
        }
        if (clearBudget) {
            body.put("daily_budget_usd", null);
        }
        if (body.isEmpty()) {
            throw new CliException("nothing to update: give --sample-rate, --filter, --daily-budget-usd or a --clear-... option");
        }
        return online(experimentId, name, "update", body);
    }

    @Command(name = "stop", mixinStandardHelpOptions = true, description = "Stop scoring new traces online with a scorer.")
    int stop(@Option(names = {"-x", "--experiment-id"}, required = true, description = "Experiment id.") String experimentId,
            @Option(names = {"-n", "--name"}, required = true, description = "Registered scorer name.") String name) {
        return online(experimentId, name, "stop", Map.of());
    }

    private int online(String experimentId, String name, String action, Map<String, Object> body) {
        JsonNode config = root.client().post("/experiments/" + GatewayClient.encode(experimentId) + "/scorers/"
                + GatewayClient.encode(name) + "/" + action, body);
        JsonNode today = config.path("today");
        spec.commandLine().getOut().printf("%s %s version %s on experiment %s: sample_rate %s, filter %s, daily budget %s"
                + " (today: $%s spent, %s scored%s)%n", Output.text(config.path("scorer_name")),
                Output.text(config.path("status")), Output.text(config.path("scorer_version")), experimentId,
                Output.text(config.path("sample_rate")), orNone(config.path("filter_string")),
                config.path("daily_budget_usd").isNull() ? "none" : "$" + Output.text(config.path("daily_budget_usd")),
                Output.text(today.path("spent_usd")), Output.text(today.path("scored")),
                today.path("budget_reached").asBoolean() ? ", budget reached: stopped until the next UTC day" : "");
        JsonNode backfill = config.path("backfill");
        if (backfill.isObject()) {
            spec.commandLine().getOut().printf("Backfill of the last %s h: %s stored traces looked at, %s claimed for"
                    + " scoring%s%n", Output.text(backfill.path("hours")), Output.text(backfill.path("traces_seen")),
                    Output.text(backfill.path("claimed")), backfill.path("truncated").asBoolean()
                            ? " (the window holds more: only the newest were taken)" : "");
        }
        return 0;
    }

    private static String orNone(JsonNode value) {
        return value == null || value.isNull() || value.isMissingNode() ? "none" : "'" + value.asText() + "'";
    }

    private static void putIfSet(Map<String, Object> body, String key, Object value) {
        if (value != null) {
            body.put(key, value);
        }
    }
}
