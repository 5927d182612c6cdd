package dev.evalplane.judge.online;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.evalplane.judge.scorer.LlmJudge;
import dev.evalplane.judge.scorer.Scorer;
import dev.evalplane.judge.service.AdaptiveLimiter;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * One AIMD limiter per provider key for all online scoring of this replica: every started judge of a provider shares
 * its concurrency, which backs off on 429s and grows back with time (evaluations keep one limiter per run).
 */
@ApplicationScoped
public class OnlineLimiters {

    private final Map<String, AdaptiveLimiter> byKey = new ConcurrentHashMap<>();
    private final int concurrency;

    public OnlineLimiters(OnlineSettings settings) {
        this.concurrency = settings.providerConcurrency();
    }

    /** The limiter of the scorer's provider ({@code openai}, {@code anthropic}, ...), or of non-LLM scorers. */
    public AdaptiveLimiter of(Scorer scorer) {
        String key = scorer instanceof LlmJudge judge ? judge.model().provider() : "no-llm";
        return byKey.computeIfAbsent(key, k -> new AdaptiveLimiter(concurrency));
    }

    /** Current limit by provider key (for the monitoring view). */
    public Map<String, Integer> limits() {
        Map<String, Integer> out = new java.util.TreeMap<>();
        byKey.forEach((k, v) -> out.put(k, v.currentLimit()));
        return out;
    }
}
