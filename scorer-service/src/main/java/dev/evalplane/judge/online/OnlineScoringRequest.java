package dev.evalplane.judge.online;

import java.math.BigDecimal;
import java.util.Iterator;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import dev.evalplane.judge.rest.ProblemException;

/**
 * The body of start and update: {@code {sample_rate, filter_string?, daily_budget_usd?, scorer_version?}}, and on start
 * also {@code backfill_hours?} (1 to {@value #MAX_BACKFILL_HOURS}). On update an absent field keeps its value and an
 * explicit null clears {@code filter_string} or {@code daily_budget_usd}.
 */
public record OnlineScoringRequest(Double sampleRate, boolean hasFilter, String filterString, boolean hasBudget,
        BigDecimal dailyBudgetUsd, Integer scorerVersion, Integer backfillHours) {

    static final int MAX_FILTER = 2000;
    static final BigDecimal MAX_BUDGET = new BigDecimal("1000000");
    /** The longest backfill window: a week of stored traces. */
    static final int MAX_BACKFILL_HOURS = 168;
    private static final Set<String> FIELDS = Set.of("sample_rate", "filter_string", "daily_budget_usd",
            "scorer_version", "backfill_hours");

    /** Reads and checks a body; 400 problem naming the field that is wrong. */
    public static OnlineScoringRequest parse(JsonNode body, boolean start) {
        if (body == null || !body.isObject()) {
            throw invalid("the request body must be a JSON object {sample_rate, filter_string?, daily_budget_usd?}");
        }
        for (Iterator<String> it = body.fieldNames(); it.hasNext();) {
            String field = it.next();
            if (!FIELDS.contains(field)) {
                throw invalid("unknown field '" + field + "'; allowed: " + FIELDS);
            }
        }
        JsonNode rate = body.get("sample_rate");
        Double sampleRate = null;
        if (rate == null || rate.isNull()) {
            if (start) {
                throw invalid("sample_rate is required: a number with 0 < sample_rate <= 1");
            }
        } else if (!rate.isNumber() || !(rate.asDouble() > 0) || rate.asDouble() > 1) {
            throw invalid("sample_rate must be a number with 0 < sample_rate <= 1, got " + rate);
        } else {
            sampleRate = rate.asDouble();
        }
        JsonNode filter = body.get("filter_string");
        String filterString = null;
        if (filter != null && !filter.isNull()) {
            if (!filter.isTextual() || filter.asText().length() > MAX_FILTER) {
                throw invalid("filter_string must be a string of at most " + MAX_FILTER + " characters");
            }
            filterString = filter.asText().isBlank() ? null : filter.asText().trim();
        }
        JsonNode budget = body.get("daily_budget_usd");
        BigDecimal dailyBudget = null;
        if (budget != null && !budget.isNull()) {
            if (!budget.isNumber() || budget.decimalValue().signum() <= 0
                    || budget.decimalValue().compareTo(MAX_BUDGET) > 0) {
                throw invalid("daily_budget_usd must be a number of US dollars above 0 and at most " + MAX_BUDGET
                        + ", got " + budget);
            }
            dailyBudget = budget.decimalValue();
        }
        JsonNode version = body.get("scorer_version");
        Integer scorerVersion = null;
        if (version != null && !version.isNull()) {
            if (!version.isIntegralNumber() || version.asLong() < 1 || version.asLong() > Integer.MAX_VALUE) {
                throw invalid("scorer_version must be a positive whole number, got " + version);
            }
            scorerVersion = version.asInt();
        }
        JsonNode backfill = body.get("backfill_hours");
        Integer backfillHours = null;
        if (backfill != null && !backfill.isNull()) {
            if (!start) {
                throw invalid("backfill_hours is taken by start only (update does not score stored traces again)");
            }
            if (!backfill.isIntegralNumber() || backfill.asLong() < 1 || backfill.asLong() > MAX_BACKFILL_HOURS) {
                throw invalid("backfill_hours must be a whole number of hours from 1 to " + MAX_BACKFILL_HOURS
                        + ", got " + backfill);
            }
            backfillHours = backfill.asInt();
        }
        return new OnlineScoringRequest(sampleRate, start || body.has("filter_string"), filterString,
                start || body.has("daily_budget_usd"), dailyBudget, scorerVersion, backfillHours);
    }

    static ProblemException invalid(String detail) {
        return new ProblemException(400, "invalid-online-scoring", "Invalid online scoring settings", detail);
    }
}
