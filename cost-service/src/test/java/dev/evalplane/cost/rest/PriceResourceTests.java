package dev.evalplane.cost.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import dev.evalplane.cost.Spans;
import dev.evalplane.cost.TraceCosts;
import dev.evalplane.events.CostStatus;
import dev.evalplane.events.Ids;
import dev.evalplane.events.SpanEvent;
import dev.evalplane.events.Topics;
import dev.evalplane.events.TraceCostEvent;
import dev.evalplane.testsupport.KafkaBrokerResource;
import dev.evalplane.testsupport.PostgresResource;
import dev.evalplane.testsupport.TopicClient;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.config.JsonConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.config.JsonPathConfig;

/** GET /api/v1/prices, overrides and POST /api/v1/prices/reprice against the real broker and PostgreSQL. */
@QuarkusTest
@WithTestResource(value = KafkaBrokerResource.class, parallel = true)
@WithTestResource(value = PostgresResource.class, parallel = true)
class PriceResourceTests {

    private static final RestAssuredConfig DECIMALS = RestAssuredConfig.config()
            .jsonConfig(JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.BIG_DECIMAL));

    private final TopicClient kafka = TopicClient.onTestBroker();

    @Test
    void bundledPriceWithItsRatesSourceAndTableVersion() {
        given().config(DECIMALS).queryParam("model", "openai:/gpt-4.1-mini-2025-04-14").get("/api/v1/prices")
                .then().statusCode(200)
                .body("model", equalTo("openai:/gpt-4.1-mini-2025-04-14"))
                .body("resolved_model", equalTo("gpt-4.1-mini"))
                .body("litellm_provider", equalTo("openai"))
                .body("source", equalTo("bundled"))
                .body("match", equalTo("PROVIDER_AND_MODEL"))
                .body("rates.input_cost_per_token", equalTo(new BigDecimal("4E-7")))
                .body("rates.cache_read_input_token_cost", equalTo(new BigDecimal("1E-7")))
                .body("price_table_version", startsWith("evalplane-2026-11-24+litellm-"));
    }

    @Test
    void liteLlmMapAndConfigOverrideAreLayeredOverTheBundledTable() {
        given().queryParam("model", "gpt-4o").queryParam("provider", "openai").get("/api/v1/prices")
                .then().statusCode(200).body("source", equalTo("litellm"));
        given().queryParam("model", "deepseek-chat").queryParam("provider", "deepseek").get("/api/v1/prices")
                .then().statusCode(200).body("source", equalTo("litellm"))
                .body("resolved_model", equalTo("deepseek/deepseek-chat"));
        given().config(DECIMALS).queryParam("model", "evalplane-test-deployment").get("/api/v1/prices")
                .then().statusCode(200).body("source", equalTo("override"))
                .body("rates.input_cost_per_token", equalTo(new BigDecimal("0.000002")));
        given().config(DECIMALS).queryParam("model", "claude-sonnet-4-5").get("/api/v1/prices")
                .then().statusCode(200).body("tiers[0].above_input_tokens", equalTo(200000))
                .body("tiers[0].rates.input_cost_per_token", equalTo(new BigDecimal("0.000006")));
    }

    @Test
    void anotherProvidersModelBehindAnOpenAiCompatibleProxyResolvesByModelName() {
        given().queryParam("model", "claude-sonnet-4-5").queryParam("provider", "openai").get("/api/v1/prices")
                .then().statusCode(200).body("resolved_model", equalTo("claude-sonnet-4-5"))
                .body("litellm_provider", equalTo("anthropic")).body("match", equalTo("MODEL_NAME"));
    }

    @Test
    void unknownModelIsANotFoundProblemAndAMissingModelABadRequest() {
        given().queryParam("model", "acme-large-2").get("/api/v1/prices")
                .then().statusCode(404).contentType("application/problem+json")
                .body("status", equalTo(404)).body("title", equalTo("Not Found"))
                .body("detail", containsString("acme-large-2"));
        given().get("/api/v1/prices")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("'model' is required"));
        given().contentType("application/json").body("{\"input_cost\": 1}").put("/api/v1/prices/overrides/x")
                .then().statusCode(400).contentType("application/problem+json")
                .body("detail", containsString("unknown field 'input_cost'"));
        given().contentType("application/json").body("{not json").put("/api/v1/prices/overrides/x")
                .then().statusCode(400).contentType("application/problem+json");
        given().delete("/api/v1/prices/overrides/never-set").then().statusCode(404);
    }

    @Test
    void anOverrideTakesKnownRatesTiersAndKebabCaseAndRefusesWrongTypesNamingTheField() {
        String model = "evalplane-typed-" + UUID.randomUUID();
        given().config(DECIMALS).contentType("application/json").body("""
                {"input-cost-per-token": "0.000001", "output_cost_per_token": 0.000004,
                 "input_cost_per_token_above_200k_tokens": "0.000002", "litellm_provider": "openai"}""")
                .put("/api/v1/prices/overrides/" + model).then().statusCode(200).body("source", equalTo("override"))
                .body("rates.input_cost_per_token", equalTo(new BigDecimal("0.000001")))
                .body("rates.output_cost_per_token", equalTo(new BigDecimal("0.000004")))
                .body("tiers[0].above_input_tokens", equalTo(200000))
                .body("tiers[0].rates.input_cost_per_token", equalTo(new BigDecimal("0.000002")));

        given().contentType("application/json").body("{\"input_cost_per_token\": \"cheap\"}")
                .put("/api/v1/prices/overrides/" + model).then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("input_cost_per_token"));
        given().contentType("application/json").body("{\"input_cost_per_token_above_1k_tokens\": true}")
                .put("/api/v1/prices/overrides/" + model).then().statusCode(400)
                .contentType("application/problem+json")
                .body("detail", containsString("input_cost_per_token_above_1k_tokens"));
        given().contentType("application/json").body("{\"base_model\": 5}")
                .put("/api/v1/prices/overrides/" + model).then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("field base_model must be a string"));
        given().contentType("application/json").body("{\"output_cost_per_token\": -1}")
                .put("/api/v1/prices/overrides/" + model).then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("output_cost_per_token is negative"));
        StringBuilder tiers = new StringBuilder("{");
        for (int i = 1; i <= PriceOverrideRequest.MAX_TIERS + 1; i++) {
            tiers.append(i == 1 ? "" : ", ").append("\"input_cost_per_token_above_").append(i).append("k_tokens\": 1");
        }
        given().contentType("application/json").body(tiers.append("}").toString())
                .put("/api/v1/prices/overrides/" + model).then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("more than 64 tier fields"));
        given().contentType("application/json").put("/api/v1/prices/overrides/" + model).then().statusCode(400)
                .contentType("application/problem+json");
        given().delete("/api/v1/prices/overrides/" + model).then().statusCode(204);
    }

    @Test
    void theOpenApiDocumentDescribesTheOverrideBodyItBinds() {
        given().queryParam("format", "json").get("/q/openapi").then().statusCode(200)
                .body("paths.'/api/v1/prices/overrides/{model}'.put.requestBody.content.'application/json'.schema.$ref",
                        equalTo("#/components/schemas/PriceOverrideFields"))
                .body("components.schemas.PriceOverrideFields.properties.input_cost_per_token.type",
                        anyOf(equalTo("number"), hasItem("number")))
                .body("components.schemas.PriceOverrideFields.properties.base_model.maxLength", equalTo(256))
                .body("components.schemas.PriceOverrideFields.properties.tiers", equalTo(null))
                .body("components.schemas.PriceOverrideFields.additionalProperties.type",
                        anyOf(equalTo("number"), hasItem("number")));
    }

    @Test
    void anOverlongModelNameWithAValidBodyIsABadRequestNotADatabaseError() {
        StringBuilder longName = new StringBuilder();
        while (longName.length() < 3000) {
            longName.append(UUID.randomUUID());
        }
        given().contentType("application/json").body(Map.of("input_cost_per_token", "0.000001"))
                .put("/api/v1/prices/overrides/" + longName).then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("longer than 256 characters"));
        given().contentType("application/json").body(Map.of("base_model", longName.toString()))
                .put("/api/v1/prices/overrides/short-name").then().statusCode(400)
                .contentType("application/problem+json").body("detail", containsString("longer than 256 characters"));
    }

    @Test
    void repriceEmitsCorrectedTotalsWithHigherVersions() {
        String model = "evalplane-reprice-" + UUID.randomUUID();
        String trace = Ids.newTraceId();
        SpanEvent span = Spans.llm(trace, Ids.newSpanId(), null, "openai", model, Spans.usage(1000, 500, 0, 0, 0));
        kafka.send(Topics.SPANS, trace, Spans.json(span));
        TraceCosts traceCosts = new TraceCosts(kafka);
        Duration wait = Duration.ofSeconds(60);
        TraceCostEvent unpriced = TraceCosts.latest(traceCosts.awaitEach(List.of(trace), e -> true, wait)).get(trace);
        assertThat(unpriced.costStatus()).isEqualTo(CostStatus.UNPRICED);

        // 1000 x 0.000001 + 500 x 0.000003 = 0.001 + 0.0015 = 0.0025
        given().contentType("application/json")
                .body(Map.of("input_cost_per_token", "0.000001", "output_cost_per_token", "0.000003",
                        "litellm_provider", "openai"))
                .put("/api/v1/prices/overrides/" + model).then().statusCode(200).body("source", equalTo("override"));
        given().contentType("application/json").body(Map.of("trace_ids", List.of(trace)))
                .post("/api/v1/prices/reprice").then().statusCode(200)
                .body("traces_repriced", equalTo(1)).body("spans_repriced", equalTo(1))
                .body("traces_changed", equalTo(1));
        TraceCostEvent priced = TraceCosts.latest(traceCosts.awaitEach(List.of(trace),
                e -> e.costStatus() == CostStatus.PRICED, wait)).get(trace);
        assertThat(priced.version()).isGreaterThan(unpriced.version());
        assertThat(priced.totalCost()).isEqualByComparingTo("0.0025");
        assertThat(priced.priceTableVersion()).contains("+overrides-");

        // a new rate, then re-price everything (no body): 1000 x 0.000002 + 500 x 0.000003 = 0.0035
        given().contentType("application/json").body(Map.of("input_cost_per_token", "0.000002",
                "output_cost_per_token", "0.000003")).put("/api/v1/prices/overrides/" + model).then().statusCode(200);
        given().contentType("application/json").post("/api/v1/prices/reprice").then().statusCode(200);
        TraceCostEvent repriced = TraceCosts.latest(traceCosts.awaitEach(List.of(trace),
                e -> e.totalCost() != null && e.totalCost().compareTo(new BigDecimal("0.0035")) == 0, wait)).get(trace);
        assertThat(repriced.version()).isGreaterThan(priced.version());

        // an unchanged table changes nothing: no new version
        given().contentType("application/json").body(Map.of("trace_ids", List.of(trace)))
                .post("/api/v1/prices/reprice").then().statusCode(200).body("traces_changed", equalTo(0));

        // without the override the model is unknown again
        given().delete("/api/v1/prices/overrides/" + model).then().statusCode(204);
        given().contentType("application/json").body(Map.of("trace_ids", List.of(trace)))
                .post("/api/v1/prices/reprice").then().statusCode(200).body("traces_changed", equalTo(1));
        TraceCostEvent back = TraceCosts.latest(traceCosts.awaitEach(List.of(trace),
                e -> e.version() > repriced.version(), wait)).get(trace);
        assertThat(back.costStatus()).isEqualTo(CostStatus.UNPRICED);
        assertThat(back.totalCost()).isNull();
        assertThat(back.inputTokens()).isEqualTo(1000);
    }
}
