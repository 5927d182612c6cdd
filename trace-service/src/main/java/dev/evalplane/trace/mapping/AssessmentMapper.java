package dev.evalplane.trace.mapping;

import dev.evalplane.events.AssessmentSource;
import dev.evalplane.events.http.Assessment;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;

/** Rows of the view assessments_effective (selected with {@link #COLUMNS}) to the API shape. */
@ApplicationScoped
public class AssessmentMapper {

    public static final String COLUMNS = "assessment_id, trace_id, span_id, name, assessment_type, source_type,"
            + " source_id, value::text AS value, rationale, error::text AS error, metadata::text AS metadata,"
            + " create_time_ms, last_update_time_ms, overrides, valid";

    private final JsonCodec json;

    public AssessmentMapper(JsonCodec json) {
        this.json = json;
    }

    public Assessment map(Row row) {
        String sourceType = row.getString("source_type");
        String sourceId = row.getString("source_id");
        AssessmentSource source = sourceType == null && sourceId == null ? null
                : new AssessmentSource(sourceType, sourceId);
        return new Assessment(row.getString("assessment_id"), row.getString("trace_id"), row.getString("span_id"),
                row.getString("name"), row.getString("assessment_type"), source, json.tree(row.getString("value")),
                row.getString("rationale"), json.tree(row.getString("error")),
                json.stringMap(row.getString("metadata")), row.getLong("create_time_ms"),
                row.getLong("last_update_time_ms"), row.getString("overrides"), row.getBoolean("valid"));
    }
}
