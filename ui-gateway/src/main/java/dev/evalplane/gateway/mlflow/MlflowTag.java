package dev.evalplane.gateway.mlflow;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** MLflow's key/value tag message (experiment tags, trace tags, run tags). */
public record MlflowTag(String key, String value) {

    public static List<MlflowTag> list(Map<String, String> tags) {
        return tags == null ? List.of() : tags.entrySet().stream().map(e -> new MlflowTag(e.getKey(), e.getValue())).toList();
    }

    public static Map<String, String> map(List<MlflowTag> tags) {
        Map<String, String> map = new LinkedHashMap<>();
        if (tags != null) {
            for (MlflowTag tag : tags) {
                if (tag == null || tag.key() == null) {
                    throw MlflowException.missing("key");
                }
                map.put(tag.key(), tag.value() == null ? "" : tag.value());
            }
        }
        return map;
    }
}
