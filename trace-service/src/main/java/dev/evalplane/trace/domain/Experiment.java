package dev.evalplane.trace.domain;

import java.util.Map;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * A named experiment. An experiment id that only appears in traces reads as an experiment named after its id, created
 * at its first trace ({@code registered} false until a name or tag is stored for it).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Experiment(String experimentId, String name, Map<String, String> tags, long creationTimeMs,
        long lastUpdateTimeMs, boolean registered) {
}
