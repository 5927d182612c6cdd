package dev.evalplane.judge.domain;

import dev.evalplane.support.error.ConflictException;
import dev.evalplane.support.error.InvalidInputException;
import dev.evalplane.support.error.NotFoundException;
import dev.evalplane.support.error.UnavailableException;

/** The scorer-service's kinds of refused request, thrown by the service layer and answered as problem+json. */
public final class Refusals {

    public static InvalidInputException invalidRequest(String detail) {
        return new InvalidInputException("invalid-evaluation-request", "Invalid evaluation request", detail);
    }

    public static NotFoundException runNotFound(String detail) {
        return new NotFoundException("run-not-found", "Evaluation run not found", detail);
    }

    public static ConflictException notAClientRun(String detail) {
        return new ConflictException("not-a-client-run", "Run is not a client run", detail);
    }

    public static InvalidInputException invalidScorer(String detail) {
        return new InvalidInputException("invalid-scorer", "Invalid scorer", detail);
    }

    public static NotFoundException scorerNotFound(String detail) {
        return new NotFoundException("scorer-not-found", "Scorer not found", detail);
    }

    public static InvalidInputException invalidOnlineScoring(String detail) {
        return new InvalidInputException("invalid-online-scoring", "Invalid online scoring settings", detail);
    }

    public static NotFoundException onlineScoringNotFound(String detail) {
        return new NotFoundException("online-scoring-not-found", "Online scoring not found", detail);
    }

    public static UnavailableException backfillFailed(String detail) {
        return new UnavailableException("backfill-failed", "Backfill failed", detail);
    }

    private Refusals() {
    }
}
