package dev.evalplane.events.http;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * {@code PATCH /api/v1/traces/{trace_id}/tags} and {@code PATCH /api/v1/experiments/{experiment_id}/tags}: tags to
 * set and tag keys to delete. trace-service reads it; the gateway's MLflow routes write it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "Tags to set and tag keys to delete")
public record TagEdit(@Schema(nullable = true, description = "key to value") Map<String, String> set,
        @Schema(nullable = true, description = "keys to remove") List<String> delete) {

    public static TagEdit setting(String key, String value) {
        return new TagEdit(Map.of(key, value), null);
    }

    public static TagEdit deleting(String key) {
        return new TagEdit(null, List.of(key));
    }
}
