package dev.evalplane.judge.support;

/**
 * An agent trace in trace-service's span shape, for data rows that bring their own trace: a root AGENT span with a
 * planner and a writer sub-agent, a retriever returning documents d1 and d2, two tool calls (search_web, then
 * calculator) and an LLM call named {@code openai.chat}. Times are relative to a fixed start, in milliseconds.
 */
public final class AgentTraces {

    public static final long T0 = 1_700_000_000_000_000_000L;
    public static final String ROOT = "a000000000000001";
    public static final String RETRIEVER = "a000000000000003";
    public static final String SEARCH = "a000000000000004";
    public static final String CALCULATOR = "a000000000000005";

    /** The trace JSON; the root span lasts {@code rootMs}. */
    public static String trace(long rootMs) {
        return """
                {"spans": [
                  %s,
                  %s,
                  %s,
                  %s,
                  %s,
                  %s,
                  %s]}""".formatted(
                span(ROOT, null, "agent", "AGENT", 0, rootMs, "{\"question\": \"What is 6 times 7?\"}",
                        "\"The answer is 42\""),
                span("a000000000000002", ROOT, "planner", "AGENT", 10, 200, "{\"goal\": \"multiply\"}", "\"use tools\""),
                span(RETRIEVER, ROOT, "retrieve", "RETRIEVER", 200, 400, "{\"query\": \"6 times 7\"}",
                        "[{\"id\": \"d1\", \"page_content\": \"Multiplication tables\"},"
                                + " {\"page_content\": \"Six sevens are 42\", \"metadata\": {\"doc_id\": \"d2\"}}]"),
                span(SEARCH, ROOT, "search_web", "TOOL", 400, 700, "{\"query\": \"6*7\"}",
                        "{\"results\": [\"secret-marker-7731: 6*7=42\"]}"),
                span(CALCULATOR, ROOT, "calculator", "TOOL", 700, 800, "{\"expression\": \"6*7\"}", "42"),
                span("a000000000000006", ROOT, "writer", "AGENT", 800, 1300, "{\"facts\": [42]}", "\"The answer is 42\""),
                span("a000000000000007", "a000000000000006", "openai.chat", "LLM", 900, 1250,
                        "{\"messages\": [{\"role\": \"user\", \"content\": \"Write the answer\"}]}",
                        "{\"choices\": [{\"message\": {\"content\": \"The answer is 42\"}}]}"));
    }

    private static String span(String id, String parent, String name, String type, long startMs, long endMs,
            String inputs, String outputs) {
        return ("{\"span_id\": \"%s\", \"parent_span_id\": %s, \"name\": \"%s\", \"span_type\": \"%s\","
                + " \"start_time_ns\": %d, \"end_time_ns\": %d, \"status\": {\"code\": \"OK\"},"
                + " \"inputs\": %s, \"outputs\": %s}").formatted(id, parent == null ? "null" : "\"" + parent + "\"", name,
                type, T0 + startMs * 1_000_000, T0 + endMs * 1_000_000, inputs, outputs);
    }

    private AgentTraces() {
    }
}
