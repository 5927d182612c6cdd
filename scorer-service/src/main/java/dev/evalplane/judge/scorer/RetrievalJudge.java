package dev.evalplane.judge.scorer;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.evalplane.judge.domain.EvalRow;
import dev.evalplane.judge.domain.RetrievedContext;
import dev.evalplane.judge.provider.ChatRequest;
import dev.evalplane.judge.provider.ModelUri;

/**
 * The retrieval judges, which read the evaluated trace's RETRIEVER spans: groundedness and sufficiency give one
 * Feedback per retriever span; relevance gives one per retrieved document plus {@code <name>/precision} per span.
 */
public final class RetrievalJudge extends JudgeIdentity {

    public enum Kind { GROUNDEDNESS, RELEVANCE, SUFFICIENCY }

    private final Kind kind;

    public RetrievalJudge(Kind kind, String name, ModelUri model, List<String> aggregations) {
        super(name, model, aggregations);
        this.kind = kind;
    }

    @Override
    public boolean needsRetrievalSpans() {
        return true;
    }

    @Override
    public List<JudgeTask> tasks(EvalRow row) {
        if (row.retrievals().isEmpty()) {
            throw new MissingInputException("Retrieval" + pascal() + " needs a trace with RETRIEVER spans, and this"
                    + " trace has none");
        }
        String scorer = "Retrieval" + pascal();
        String input = RowFields.input(row, scorer);
        String system = OutputFormat.builtinSystem(FeedbackValueType.YES_NO);
        List<JudgeTask> tasks = new ArrayList<>();
        for (RetrievedContext context : row.retrievals()) {
            if (kind == Kind.RELEVANCE) {
                for (int i = 0; i < context.documents().size(); i++) {
                    String user = PromptTemplates.render("retrieval_relevance",
                            Map.of("input", input, "document", context.documents().get(i)));
                    tasks.add(task(context, List.of(context.spanId(), String.valueOf(i)), system, user, row));
                }
                continue;
            }
            Map<String, String> vars = new LinkedHashMap<>();
            vars.put("input", input);
            vars.put("context", numbered(context.documents()));
            if (kind == Kind.GROUNDEDNESS) {
                vars.put("output", RowFields.output(row, scorer));
            } else {
                vars.put("ground_truth", RowFields.groundTruth(row, scorer));
            }
            String user = PromptTemplates.render(kind == Kind.GROUNDEDNESS ? "retrieval_groundedness"
                    : "retrieval_sufficiency", vars);
            tasks.add(task(context, List.of(context.spanId()), system, user, row));
        }
        return tasks;
    }

    private JudgeTask task(RetrievedContext context, List<String> idParts, String system, String user, EvalRow row) {
        ObjectNode inputs = (ObjectNode) RowFields.evaluatorInputs(row, kind == Kind.SUFFICIENCY);
        inputs.put("retriever_span_id", context.spanId());
        return new JudgeTask(name(), context.spanId(), idParts, new ChatRequest(system, user), FeedbackValueType.YES_NO, inputs);
    }

    @Override
    public List<DerivedFeedback> derive(EvalRow row, List<TaskVerdict> verdicts) {
        if (kind != Kind.RELEVANCE) {
            return List.of();
        }
        Map<String, int[]> perSpan = new LinkedHashMap<>();
        for (TaskVerdict v : verdicts) {
            if (v.value() != null) {
                int[] counts = perSpan.computeIfAbsent(v.task().spanId(), s -> new int[2]);
                counts[0] += YesNo.YES.equals(v.value().asText()) ? 1 : 0;
                counts[1]++;
            }
        }
        List<DerivedFeedback> derived = new ArrayList<>();
        perSpan.forEach((spanId, c) -> derived.add(new DerivedFeedback(name() + "/precision", spanId,
                List.of(spanId, "precision"), DecimalNode.valueOf(BigDecimal.valueOf(c[0])
                        .divide(BigDecimal.valueOf(c[1]), 4, RoundingMode.HALF_EVEN).stripTrailingZeros()),
                c[0] + " of " + c[1] + " retrieved documents are relevant")));
        return derived;
    }

    private static String numbered(List<String> documents) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < documents.size(); i++) {
            out.append('[').append(i + 1).append("] ").append(documents.get(i)).append('\n');
        }
        return out.toString().strip();
    }

    private String pascal() {
        return switch (kind) {
            case GROUNDEDNESS -> "Groundedness";
            case RELEVANCE -> "Relevance";
            case SUFFICIENCY -> "Sufficiency";
        };
    }

}
