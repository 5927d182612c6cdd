package dev.evalplane.judge.service;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.evalplane.judge.domain.EvaluationRequest;

/** What a running evaluation shares across its rows: limiter, budget, prices, counters, the cancel flag. */
public final class RunContext {

    private final String runId;
    private final EvaluationRequest request;
    private final AdaptiveLimiter limiter;
    private final BudgetGuard budget;
    private final RunTracker tracker = new RunTracker();
    private final Map<String, ModelPrice> prices = new ConcurrentHashMap<>();
    private volatile boolean cancelled;
    private volatile long registeredAt;

    public RunContext(String runId, EvaluationRequest request) {
        this(runId, request, new AdaptiveLimiter(request.maxConcurrency()));
    }

    /** A context whose provider calls share {@code limiter} with others (online scoring: one per provider key). */
    public RunContext(String runId, EvaluationRequest request, AdaptiveLimiter limiter) {
        this.runId = runId;
        this.request = request;
        this.limiter = limiter;
        this.budget = new BudgetGuard(request.budgetUsd());
    }

    public String runId() {
        return runId;
    }

    public String experimentId() {
        return request.experimentId();
    }

    public EvaluationRequest request() {
        return request;
    }

    public AdaptiveLimiter limiter() {
        return limiter;
    }

    public BudgetGuard budget() {
        return budget;
    }

    public RunTracker tracker() {
        return tracker;
    }

    /** Rates by model URI; filled before the first call when the run has a budget. */
    public Map<String, ModelPrice> prices() {
        return prices;
    }

    public boolean cancelled() {
        return cancelled;
    }

    public void cancel() {
        cancelled = true;
    }

    /** Marks the moment this instance started executing the run (its row is committed by then). */
    void registered() {
        registeredAt = System.nanoTime();
    }

    boolean registeredBefore(long nanoTime) {
        return registeredAt != 0 && registeredAt - nanoTime < 0;
    }
}
