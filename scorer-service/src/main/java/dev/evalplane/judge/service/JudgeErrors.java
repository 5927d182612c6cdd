package dev.evalplane.judge.service;

import dev.evalplane.events.AssessmentError;
import dev.evalplane.judge.provider.ProviderException;

/** Error codes of judge feedback that has no value. */
public final class JudgeErrors {

    public static final String BUDGET_EXCEEDED = "BUDGET_EXCEEDED";
    public static final String RATE_LIMITED = "RATE_LIMITED";
    public static final String PROVIDER_TIMEOUT = "PROVIDER_TIMEOUT";
    public static final String PROVIDER_UNREACHABLE = "PROVIDER_UNREACHABLE";
    public static final String PROVIDER_ERROR = "PROVIDER_ERROR";

    /** The error of a judgement whose provider calls all failed (after retries). */
    public static AssessmentError of(ProviderException failure, int attempts) {
        String code;
        if (failure.isRateLimited()) {
            code = RATE_LIMITED;
        } else if (failure.status() == 0) {
            code = failure.reason().contains("timed out") ? PROVIDER_TIMEOUT : PROVIDER_UNREACHABLE;
        } else {
            code = PROVIDER_ERROR;
        }
        return new AssessmentError(code, failure.getMessage() + " (after " + attempts + " attempt"
                + (attempts == 1 ? "" : "s") + ")");
    }

    private JudgeErrors() {
    }
}
