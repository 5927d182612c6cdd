package dev.evalplane.events;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Who made an assessment: source_type LLM_JUDGE, HUMAN or CODE, and an id (model URI, user, scorer). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AssessmentSource(String sourceType, String sourceId) {
    public static final String LLM_JUDGE = "LLM_JUDGE";
    public static final String HUMAN = "HUMAN";
    public static final String CODE = "CODE";
}
