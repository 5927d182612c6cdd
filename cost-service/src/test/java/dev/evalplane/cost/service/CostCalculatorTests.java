package dev.evalplane.cost.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;

import dev.evalplane.cost.BundledPrices;
import dev.evalplane.cost.domain.PriceTable;
import dev.evalplane.cost.domain.PricedUsage;
import dev.evalplane.cost.domain.ResolvedPrice;
import dev.evalplane.events.CostStatus;
import dev.evalplane.events.TokenUsage;

/** Golden cost cases (hand-computed in golden/cost-cases.csv) against the bundled price table. */
class CostCalculatorTests {

    private static final PriceTable TABLE = BundledPrices.table();

    @ParameterizedTest(name = "{0}")
    @CsvFileSource(resources = "/golden/cost-cases.csv", delimiter = '|', numLinesToSkip = 1)
    void pricesLikeTheHandComputedCase(String name, String provider, String model, Long input, Long output,
            Long cacheRead, Long cacheWrite, Long reasoning, BigDecimal inputCost, BigDecimal outputCost,
            BigDecimal totalCost, CostStatus status) {
        TokenUsage usage = new TokenUsage(input, output, null, cacheRead, cacheWrite, reasoning);
        ResolvedPrice resolved = ModelNameResolver.resolve(TABLE, provider, model).orElse(null);

        PricedUsage priced = CostCalculator.price(resolved, usage);

        assertThat(priced.status()).as("status").isEqualTo(status);
        assertExact("input_cost", priced.inputCost(), inputCost);
        assertExact("output_cost", priced.outputCost(), outputCost);
        assertExact("total_cost", priced.totalCost(), totalCost);
        if (status == CostStatus.UNPRICED) {
            assertThat(resolved).as("an unpriced model resolves to nothing").isNull();
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvFileSource(resources = "/golden/cost-cases-cache-1h.csv", delimiter = '|', numLinesToSkip = 1)
    void pricesOneHourCacheWritesLikeTheHandComputedCase(String name, String provider, String model, Long input,
            Long output, Long cacheRead, Long cacheWrite, Long cacheWrite1h, BigDecimal inputCost,
            BigDecimal outputCost, BigDecimal totalCost, CostStatus status) {
        TokenUsage usage = new TokenUsage(input, output, null, cacheRead, cacheWrite, null, cacheWrite1h);
        ResolvedPrice resolved = ModelNameResolver.resolve(TABLE, provider, model).orElseThrow();

        PricedUsage priced = CostCalculator.price(resolved, usage);

        assertThat(priced.status()).as("status").isEqualTo(status);
        assertExact("input_cost", priced.inputCost(), inputCost);
        assertExact("output_cost", priced.outputCost(), outputCost);
        assertExact("total_cost", priced.totalCost(), totalCost);
    }

    @Test
    void unpricedKeepsNoCostButTheUsageIsUntouched() {
        TokenUsage usage = new TokenUsage(123L, 45L, 168L, 10L, null, 5L);
        PricedUsage priced = CostCalculator.price(null, usage);
        assertThat(priced.status()).isEqualTo(CostStatus.UNPRICED);
        assertThat(priced.totalCost()).isNull();
        assertThat(usage.inputTokens()).isEqualTo(123L);
    }

    @Test
    void costsAreCanonicalSoEqualAmountsSerialiseEqually() {
        ResolvedPrice gpt41mini = ModelNameResolver.resolve(TABLE, "openai", "gpt-4.1-mini").orElseThrow();
        PricedUsage priced = CostCalculator.price(gpt41mini, TokenUsage.of(200, 0));
        // 200 x 0.0000004 = 0.0000800 before normalising
        assertThat(priced.inputCost().toPlainString()).isEqualTo("0.00008");
        assertThat(priced.outputCost()).isSameAs(BigDecimal.ZERO);
    }

    private static void assertExact(String what, BigDecimal actual, BigDecimal expected) {
        if (expected == null) {
            assertThat(actual).as(what).isNull();
            return;
        }
        assertThat(actual).as(what).isNotNull();
        assertThat(actual.stripTrailingZeros()).as(what).isEqualTo(expected.stripTrailingZeros());
    }
}
