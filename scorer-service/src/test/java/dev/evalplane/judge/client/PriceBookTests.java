package dev.evalplane.judge.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import dev.evalplane.events.EventJson;
import dev.evalplane.judge.provider.ModelUri;
import dev.evalplane.judge.service.ModelPrice;

class PriceBookTests {

    private static ModelPrice parse(String body) {
        return PriceBook.parse(EventJson.mapper(), body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsCostServiceRatesPerToken() {
        ModelPrice price = parse("""
                {"model": "openai:/gpt-4.1-mini", "provider": "openai", "resolved_model": "gpt-4.1-mini",
                 "source": "bundled", "match": "PROVIDER_AND_MODEL", "rates": {"input_cost_per_token": 0.0000004, "output_cost_per_token": 0.0000016,
                 "cache_read_input_token_cost": 0.0000001}, "tiers": [], "price_table_version": "v1"}""");
        assertThat(price.inputPerToken()).isEqualByComparingTo("0.0000004");
        assertThat(price.outputPerToken()).isEqualByComparingTo("0.0000016");
        assertThat(price.source()).isEqualTo("cost-service");
        assertThat(price.cost(1000, 100)).isEqualByComparingTo(new BigDecimal("0.00056"));
    }

    @Test
    void readsOnlyTheOneDocumentedShape() {
        assertThat(parse("{\"input_mtok\": 3, \"output_mtok\": 15}")).isNull();
        assertThat(parse("{\"input_cost_per_token\": 0.000003, \"output_cost_per_token\": 0.000015}")).isNull();
        assertThat(parse("{\"rates\": {\"input_cost_per_token\": 0.000003}}")).isNull();
    }

    @Test
    void anAnswerWithoutRatesIsNoPrice() {
        assertThat(parse("{\"model\": \"x\", \"rates\": {}}")).isNull();
        assertThat(parse("not json")).isNull();
    }

    @Test
    void unknownModelsGetADeliberatelyHighEstimate() {
        ModelPrice unknown = FallbackPrices.estimate(ModelUri.parse("openai:/some-new-model"));
        ModelPrice known = FallbackPrices.estimate(ModelUri.parse("openai:/gpt-4.1-mini"));
        assertThat(unknown.inputPerToken()).isGreaterThan(known.inputPerToken());
        assertThat(unknown.source()).contains("conservative");
    }
}
