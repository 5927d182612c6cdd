package dev.evalplane.events;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Why an assessment has no value (a failing judge still produces a Feedback, with this set). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AssessmentError(String errorCode, String errorMessage) {
}
