package dev.evalplane.cost.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.evalplane.cost.BundledPrices;
import dev.evalplane.cost.domain.ModelPrice;
import dev.evalplane.cost.domain.PriceOverride;
import dev.evalplane.cost.domain.PriceSource;
import dev.evalplane.cost.domain.PriceTable;
import dev.evalplane.cost.mapping.LiteLlmPriceReader;
import dev.evalplane.cost.mapping.OverrideFields;

/** Precedence overrides > LiteLLM > bundled, override merging, and the table version string. */
class PriceTableBuilderTests {

    private static PriceTable build(List<PriceOverride> overrides) {
        JsonNode bundled = BundledPrices.file();
        Map<String, ModelPrice> liteLlm = ModelNameResolverTests.fixture();
        return PriceTableBuilder.build("evalplane-2026-11-24",
                LiteLlmPriceReader.readModels(bundled.get("models"), PriceSource.BUNDLED), "abcdef12", liteLlm,
                overrides);
    }

    @Test
    void overrideReplacesOnlyTheRatesItSets() {
        PriceOverride discount = OverrideFields.toOverride("gpt-4o", Map.of("input-cost-per-token", "0.000002"));
        PriceTable table = build(List.of(discount));
        ModelPrice gpt4o = table.exact("gpt-4o").orElseThrow();
        assertThat(gpt4o.source()).isEqualTo(PriceSource.OVERRIDE);
        assertThat(gpt4o.base().input()).isEqualByComparingTo("0.000002");
        assertThat(gpt4o.base().output()).isEqualByComparingTo("0.00001");
        assertThat(gpt4o.base().cacheRead()).isEqualByComparingTo("0.00000125");
        assertThat(gpt4o.litellmProvider()).isEqualTo("openai");
    }

    @Test
    void deploymentInheritsItsBaseModelsRatesAndTiers() {
        PriceOverride deployment = OverrideFields.toOverride("My-Sonnet-Deployment",
                Map.of("base_model", "claude-sonnet-4-5-20250929", "output_cost_per_token", "0.00001"));
        ModelPrice price = build(List.of(deployment)).exact("my-sonnet-deployment").orElseThrow();
        assertThat(price.base().input()).isEqualByComparingTo("0.000003");
        assertThat(price.base().output()).isEqualByComparingTo("0.00001");
        assertThat(price.ratesFor(300_000).input()).isEqualByComparingTo("0.000006");
        assertThat(price.litellmProvider()).isEqualTo("anthropic");
    }

    @Test
    void versionNamesEveryLayerAndChangesWithAnOverridesValue() {
        PriceTable none = build(List.of());
        PriceTable one = build(List.of(OverrideFields.toOverride("x", Map.of("input_cost_per_token", "0.1"))));
        PriceTable other = build(List.of(OverrideFields.toOverride("x", Map.of("input_cost_per_token", "0.2"))));
        assertThat(none.version()).isEqualTo("evalplane-2026-11-24+litellm-abcdef12");
        assertThat(one.version()).matches("evalplane-2026-11-24\\+litellm-abcdef12\\+overrides-1-[0-9a-f]{8}");
        assertThat(other.version()).isNotEqualTo(one.version());
    }

    @Test
    void badOverrideFieldsAreRejectedWithTheFieldNamed() {
        assertThatThrownBy(() -> OverrideFields.toOverride("m", Map.of("input_cost", "1")))
                .hasMessageContaining("unknown field 'input_cost'");
        assertThatThrownBy(() -> OverrideFields.toOverride("m", Map.of("input_cost_per_token", "-1")))
                .hasMessageContaining("negative");
        assertThatThrownBy(() -> OverrideFields.toOverride("m", Map.of("input_cost_per_token", "cheap")))
                .hasMessageContaining("not a decimal");
        assertThatThrownBy(() -> OverrideFields.toOverride("m", Map.of("litellm_provider", "openai")))
                .hasMessageContaining("sets no rate");
    }
}
