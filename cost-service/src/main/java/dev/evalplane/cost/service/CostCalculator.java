package dev.evalplane.cost.service;

import java.math.BigDecimal;

import dev.evalplane.cost.domain.ModelRates;
import dev.evalplane.cost.domain.PricedUsage;
import dev.evalplane.cost.domain.ResolvedPrice;
import dev.evalplane.events.CostStatus;
import dev.evalplane.events.TokenUsage;

/**
 * Exact cost of one LLM call from its usage and its model's rates (BigDecimal only). Usage follows the OTel GenAI
 * convention: input tokens include cache reads and writes, output tokens include reasoning. Buckets are made
 * exclusive before pricing, so a cache read is billed once, at the cache-read rate:
 * <pre>
 * input cost  = (input - cache_read - cache_write) x input rate + cache_read x cache-read rate
 *               + (cache_write - cache_write_1h) x cache-write rate + cache_write_1h x 1-hour cache-write rate
 * output cost = (output - reasoning) x output rate + reasoning x reasoning rate (else the output rate, as LiteLLM)
 * </pre>
 * A category with tokens and no rate has no fallback (LiteLLM would bill missing cache rates at $0, which we refuse):
 * that part's cost is null and the call is PARTIALLY_PRICED. So is usage that contradicts itself (cache tokens
 * above the input, 1-hour writes above the writes, reasoning above the output) or lacks the input or the output
 * count. Without a 5-minute / 1-hour split every cache write is a 5-minute write.
 */
public final class CostCalculator {

    private CostCalculator() {
    }

    public static PricedUsage price(ResolvedPrice resolved, TokenUsage usage) {
        if (usage == null || usage.isEmpty()) {
            return PricedUsage.noUsage();
        }
        if (resolved == null) {
            return PricedUsage.unpriced();
        }
        long cacheRead = TokenUsage.orZero(usage.cacheReadInputTokens());
        long cacheWrite = TokenUsage.orZero(usage.cacheCreationInputTokens());
        long cacheWrite1h = TokenUsage.orZero(usage.cacheCreation1hInputTokens());
        long reasoning = TokenUsage.orZero(usage.reasoningTokens());
        long inputForTier = usage.inputTokens() != null ? usage.inputTokens() : cacheRead + cacheWrite;
        ModelRates rates = resolved.price().ratesFor(inputForTier);

        BigDecimal input = usage.inputTokens() == null ? null
                : inputCost(usage.inputTokens(), cacheRead, cacheWrite, cacheWrite1h, rates);
        BigDecimal output = usage.outputTokens() == null ? null
                : outputCost(usage.outputTokens(), reasoning, rates);
        boolean complete = input != null && output != null;
        return new PricedUsage(normalise(input), normalise(output), complete ? normalise(input.add(output)) : null,
                complete ? CostStatus.PRICED : CostStatus.PARTIALLY_PRICED, resolved.price().key(),
                resolved.price().source(), resolved.match());
    }

    private static BigDecimal inputCost(long input, long cacheRead, long cacheWrite, long cacheWrite1h,
            ModelRates rates) {
        long uncached = input - cacheRead - cacheWrite;
        long cacheWrite5m = cacheWrite - cacheWrite1h;
        if (uncached < 0 || cacheWrite5m < 0) {
            return null;
        }
        return sum(times(uncached, rates.input()), times(cacheRead, rates.cacheRead()),
                times(cacheWrite5m, rates.cacheCreation()), times(cacheWrite1h, rates.cacheCreation1h()));
    }

    private static BigDecimal outputCost(long output, long reasoning, ModelRates rates) {
        long text = output - reasoning;
        if (text < 0) {
            return null;
        }
        BigDecimal reasoningRate = rates.reasoning() != null ? rates.reasoning() : rates.output();
        return sum(times(text, rates.output()), times(reasoning, reasoningRate));
    }

    /** tokens x rate; zero tokens need no rate; tokens without a rate are unknown (null). */
    private static BigDecimal times(long tokens, BigDecimal rate) {
        if (tokens == 0) {
            return BigDecimal.ZERO;
        }
        return rate == null ? null : rate.multiply(BigDecimal.valueOf(tokens));
    }

    private static BigDecimal sum(BigDecimal... parts) {
        BigDecimal total = BigDecimal.ZERO;
        for (BigDecimal part : parts) {
            if (part == null) {
                return null;
            }
            total = total.add(part);
        }
        return total;
    }

    /** Canonical form of an exact amount: no trailing zeros, so equal amounts compare and serialise equal. */
    public static BigDecimal normalise(BigDecimal amount) {
        if (amount == null) {
            return null;
        }
        return amount.signum() == 0 ? BigDecimal.ZERO : amount.stripTrailingZeros();
    }
}
