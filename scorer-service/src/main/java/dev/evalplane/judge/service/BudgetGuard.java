package dev.evalplane.judge.service;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Keeps a run's estimated judge spend under {@code budget_usd}: a call may start only if the spend so far, plus the
 * estimates of calls in flight, plus its own estimate stays within the budget. The estimate of a call is the larger
 * of its prompt-based estimate and the average actual cost of the calls that used tokens so far. Unlimited when no budget.
 */
public final class BudgetGuard {

    private final BigDecimal budget;
    private BigDecimal spent = BigDecimal.ZERO;
    private BigDecimal reserved = BigDecimal.ZERO;
    private long settledCalls;

    public BudgetGuard(BigDecimal budget) {
        this.budget = budget;
    }

    public BigDecimal budget() {
        return budget;
    }

    /** The amount reserved for the call, or null when it would exceed the budget (the call must not start). */
    public synchronized BigDecimal reserve(BigDecimal promptEstimate) {
        BigDecimal estimate = promptEstimate;
        if (settledCalls > 0) {
            estimate = estimate.max(spent.divide(BigDecimal.valueOf(settledCalls), MathContext.DECIMAL64));
        }
        if (budget != null && spent.add(reserved).add(estimate).compareTo(budget) > 0) {
            return null;
        }
        reserved = reserved.add(estimate);
        return estimate;
    }

    /** The call finished: swap its reservation for its actual cost (zero when it used no tokens). */
    public synchronized void settle(BigDecimal reservation, BigDecimal actual) {
        reserved = reserved.subtract(reservation);
        spent = spent.add(actual);
        if (actual.signum() > 0) {
            settledCalls++;
        }
    }

    public synchronized BigDecimal spent() {
        return spent;
    }
}
