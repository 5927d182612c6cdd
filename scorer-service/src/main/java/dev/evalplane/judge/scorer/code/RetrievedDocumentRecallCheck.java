package dev.evalplane.judge.scorer.code;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.DecimalNode;

import dev.evalplane.judge.domain.EvalRow;

/**
 * {@code retrieved_document_recall}: the share of {@code expectations.expected_document_ids} that the trace's
 * RETRIEVER spans returned, as a number from 0 to 1. A document's id is its {@code id}, {@code doc_id} or
 * {@code document_id}, at the top level or under {@code metadata}.
 */
final class RetrievedDocumentRecallCheck implements CodeCheck {

    static final String TYPE = "retrieved_document_recall";
    private static final List<String> ID_FIELDS = List.of("id", "doc_id", "document_id");

    static RetrievedDocumentRecallCheck from(CheckParams params) {
        params.allow();
        return new RetrievedDocumentRecallCheck();
    }

    @Override
    public boolean needsTrace() {
        return true;
    }

    @Override
    public List<CheckResult> apply(EvalRow row) {
        Set<String> expected = new LinkedHashSet<>(RowValues.names(
                RowValues.expectation(row, "expected_document_ids", TYPE), "expected_document_ids"));
        Set<String> retrieved = new LinkedHashSet<>();
        row.traceView().ofType("RETRIEVER").forEach(span -> span.path("outputs").forEach(doc -> {
            String id = documentId(doc);
            if (id != null) {
                retrieved.add(id);
            }
        }));
        List<String> found = expected.stream().filter(retrieved::contains).toList();
        List<String> missing = expected.stream().filter(id -> !retrieved.contains(id)).toList();
        BigDecimal recall = BigDecimal.valueOf(found.size()).divide(BigDecimal.valueOf(expected.size()), 4,
                RoundingMode.HALF_EVEN).stripTrailingZeros();
        return List.of(new CheckResult(null, null, DecimalNode.valueOf(recall), "retrieved " + found.size() + " of "
                + expected.size() + " expected documents" + (missing.isEmpty() ? "" : "; missing " + missing)
                + " (retrieved " + retrieved + ")"));
    }

    static String documentId(JsonNode doc) {
        for (JsonNode holder : new JsonNode[] { doc, doc.path("metadata") }) {
            for (String field : ID_FIELDS) {
                JsonNode id = holder.get(field);
                if (id != null && id.isValueNode() && !id.isNull()) {
                    return id.asText();
                }
            }
        }
        return null;
    }
}
