package dev.evalplane.cost.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import com.fasterxml.jackson.databind.JsonNode;

import dev.evalplane.cost.BundledPrices;
import dev.evalplane.cost.domain.ModelPrice;
import dev.evalplane.cost.domain.ModelRates;
import dev.evalplane.cost.domain.PriceSource;
import dev.evalplane.cost.domain.PriceTable;
import dev.evalplane.cost.domain.ResolvedPrice;
import dev.evalplane.cost.mapping.LiteLlmPriceReader;
import dev.evalplane.events.EventJson;
import dev.evalplane.events.PricedBy;

/** LiteLLM-style name resolution over the bundled table layered with the LiteLLM-format test fixture. */
class ModelNameResolverTests {

    private static final PriceTable TABLE = withFixture();

    static PriceTable withFixture() {
        JsonNode bundled = BundledPrices.file();
        return PriceTableBuilder.build(bundled.get("version").asText(),
                LiteLlmPriceReader.readModels(bundled.get("models"), PriceSource.BUNDLED), "fixture1",
                fixture(), List.of());
    }

    static Map<String, ModelPrice> fixture() {
        try (InputStream in = ModelNameResolverTests.class.getResourceAsStream("/litellm/model_prices_fixture.json")) {
            return LiteLlmPriceReader.readModels(EventJson.mapper().readTree(in), PriceSource.LITELLM);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest(name = "{0} / {1} -> {2} ({3})")
    @CsvSource(delimiter = '|', nullValues = "-", value = {
            "openai            | gpt-4o                                 | gpt-4o                         | P",
            "-                 | openai/gpt-4o                          | gpt-4o                         | P",
            "-                 | openai:/gpt-4o                         | gpt-4o                         | P",
            "openai            | openai:/gpt-4o-2024-08-06              | gpt-4o                         | P",
            "-                 | GPT-4.1-Mini                           | gpt-4.1-mini                   | P",
            "openai            | gpt-4.1-mini-2025-04-14                | gpt-4.1-mini                   | P",
            "openai            | gpt-4o-2024-05-13                      | gpt-4o-2024-05-13              | P",
            "anthropic         | claude-sonnet-4-5-20250929             | claude-sonnet-4-5              | P",
            "anthropic         | claude-sonnet-4-20250514               | claude-sonnet-4                | P",
            "-                 | anthropic/claude-opus-4-1-20250805     | claude-opus-4-1                | P",
            "openai            | ft:gpt-4o-mini:acme:custom:abc         | gpt-4o-mini                    | P",
            "openai            | ft:gpt-4.1-2025-04-14:acme::xyz        | ft:gpt-4.1-2025-04-14          | P",
            "gemini            | gemini-2.5-pro                         | gemini/gemini-2.5-pro          | P",
            "google            | gemini-2.5-flash-lite                  | gemini/gemini-2.5-flash-lite   | P",
            "vertex_ai         | gemini-2.5-pro                         | gemini-2.5-pro                 | P",
            "mistral           | mistral-large-latest                   | mistral/mistral-large-latest   | P",
            "-                 | mistral/codestral-latest               | mistral/codestral-latest       | P",
            "deepseek          | deepseek-chat                          | deepseek/deepseek-chat         | P",
            "-                 | groq/llama-3.3-70b-versatile           | groq/llama-3.3-70b-versatile   | P",
            "openai            | evalplane-fixture/string-rates         | evalplane-fixture/string-rates | P",
            "openai            | claude-sonnet-4-5                      | claude-sonnet-4-5              | M",
            "openai            | openai:/claude-sonnet-4-5-20250929     | claude-sonnet-4-5              | M",
            "openai            | claude-haiku-4-5                       | claude-haiku-4-5               | M",
            "litellm           | claude-sonnet-4-5                      | claude-sonnet-4-5              | M",
            "anthropic         | gpt-4o                                 | gpt-4o                         | M",
            "vertex_ai         | claude-sonnet-4@20250514               | claude-sonnet-4                | M",
            "openai            | mistral-large-latest                   | mistral/mistral-large-latest   | M",
            "openai            | deepseek-chat                          | deepseek/deepseek-chat         | M",
            "acme              | acme-large                             | -                              | -",
            "openai            | dall-e-3                               | -                              | -",
    })
    void resolvesLikeLiteLlmThenByModelNameAcrossProviders(String provider, String model, String expectedKey,
            String match) {
        var resolved = ModelNameResolver.resolve(TABLE, provider, model);
        if (expectedKey == null) {
            assertThat(resolved).isEmpty();
        } else {
            assertThat(resolved.map(r -> r.price().key())).contains(expectedKey);
            assertThat(resolved.map(ResolvedPrice::match))
                    .contains(match.equals("P") ? PricedBy.PROVIDER_AND_MODEL : PricedBy.MODEL_NAME);
        }
    }

    @Test
    void sameModelNameUnderProvidersWithEqualRatesIsNotAmbiguous() {
        ModelRates rates = new ModelRates(new BigDecimal("0.000001"), new BigDecimal("0.000002"), null, null, null,
                null);
        ModelRates sameByValue = new ModelRates(new BigDecimal("0.0000010"), new BigDecimal("0.00000200"), null, null,
                null, null);
        PriceTable table = new PriceTable("t", Map.of(
                "hosta/shared-model", new ModelPrice("hosta/shared-model", "hosta", "chat", PriceSource.LITELLM, rates,
                        null),
                "hostb/shared-model", new ModelPrice("hostb/shared-model", "hostb", "chat", PriceSource.LITELLM,
                        sameByValue, null)));
        assertThat(ModelNameResolver.resolve(table, "openai", "shared-model").map(r -> r.price().key()))
                .contains("hosta/shared-model");
        PriceTable differing = new PriceTable("t", Map.of(
                "hosta/shared-model", new ModelPrice("hosta/shared-model", "hosta", "chat", PriceSource.LITELLM, rates,
                        null),
                "hostb/shared-model", new ModelPrice("hostb/shared-model", "hostb", "chat", PriceSource.LITELLM,
                        new ModelRates(new BigDecimal("0.000001"), new BigDecimal("0.000003"), null, null, null, null),
                        null)));
        assertThat(ModelNameResolver.resolve(differing, "openai", "shared-model")).isEmpty();
    }

    @Test
    void liteLlmEntriesWinOverBundledOnesAndKeepTheirSource() {
        assertThat(ModelNameResolver.resolve(TABLE, "openai", "gpt-4o").orElseThrow().price().source())
                .isEqualTo(PriceSource.LITELLM);
        assertThat(ModelNameResolver.resolve(TABLE, "openai", "gpt-4.1").orElseThrow().price().source())
                .isEqualTo(PriceSource.BUNDLED);
        assertThat(TABLE.version()).isEqualTo("evalplane-2026-11-24+litellm-fixture1");
    }

    @Test
    void liteLlmFixtureIsReadWithExactDecimalsAndWithoutUnpricedEntries() {
        Map<String, ModelPrice> fixture = fixture();
        assertThat(fixture).doesNotContainKeys("sample_spec", "dall-e-3", "evalplane-fixture/not-an-object");
        ModelPrice stringRates = fixture.get("evalplane-fixture/string-rates");
        assertThat(stringRates.base().input()).isEqualByComparingTo("0.0000003");
        ModelPrice pro = fixture.get("gemini/gemini-2.5-pro");
        assertThat(pro.tiers()).containsOnlyKeys(200_000L);
        assertThat(pro.ratesFor(200_001).input()).isEqualByComparingTo("0.0000025");
        assertThat(pro.ratesFor(200_000).input()).isEqualByComparingTo("0.00000125");
        assertThat(pro.base().input().toPlainString()).isEqualTo("0.00000125");
    }

    @Test
    void resolvedPriceRemembersWhatWasAsked() {
        ResolvedPrice resolved = ModelNameResolver.resolve(TABLE, "OpenAI", "openai:/GPT-4o").orElseThrow();
        assertThat(resolved.requestedModel()).isEqualTo("openai:/GPT-4o");
        assertThat(resolved.requestedProvider()).isEqualTo("openai");
    }
}
