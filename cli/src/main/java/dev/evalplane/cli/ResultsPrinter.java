package dev.evalplane.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Prints a finished run: its status line and its feedback, as a table or JSON. */
final class ResultsPrinter {

    static void print(PrintWriter out, ObjectMapper json, Output.Format format, JsonNode status, List<Map<String, String>> rows) {
        if (format == Output.Format.json) {
            Map<String, Object> all = new LinkedHashMap<>();
            all.put("run", status);
            all.put("results", rows);
            Output.json(out, json, all);
            return;
        }
        out.println("Run " + status.path("run_id").asText() + ": " + status.path("status").asText()
                + (status.hasNonNull("error") ? " (" + status.path("error").asText() + ")" : ""));
        List<List<String>> table = new ArrayList<>();
        rows.forEach(r -> table.add(List.of(r.get("trace_id"), r.get("scorer"), r.get("value"), r.get("judge_cost"), r.get("rationale"))));
        Output.table(out, List.of("TRACE_ID", "SCORER", "VALUE", "JUDGE_COST", "RATIONALE"), table);
    }

    private ResultsPrinter() {
    }
}
