package dev.evalplane.judge.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

import dev.evalplane.events.JsonErrors;
import dev.evalplane.judge.online.OnlineScoringResource;

/**
 * What was wrong with a request body that could not be bound to its record, as a 400 problem of the route's own kind
 * (an invalid scorer for the registry, an invalid evaluation request elsewhere): the field and the JSON type it needs, the record's own
 * complaint, or the parser's.
 */
final class UnreadableBody {

    static String detail(JsonProcessingException e) {
        if (e instanceof MismatchedInputException mismatch && mismatch.getPath().isEmpty()) {
            return "the request body must be a JSON object";
        }
        if (e instanceof ValueInstantiationException && e.getCause() instanceof IllegalArgumentException invalid) {
            return invalid.getMessage();
        }
        return JsonErrors.describe(e).replace("the body is not valid JSON", "the request body is not valid JSON");
    }

    /** The problem a route answers for a body it cannot use, by the resource that serves it. */
    static ProblemException problem(Class<?> resource, String detail) {
        if (resource == ScorerRegistryResource.class) {
            return ProblemException.invalidScorer(detail);
        }
        if (resource == OnlineScoringResource.class) {
            return ProblemException.invalidOnlineScoring(detail);
        }
        return ProblemException.badRequest(detail);
    }

    private UnreadableBody() {
    }
}
