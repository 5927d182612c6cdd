package dev.evalplane.trace.support;

import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.path.json.config.JsonPathConfig;

/** Makes rest-assured read JSON numbers as BigDecimal, so money assertions are exact. */
public final class ExactJson {

    public static void enable() {
        RestAssured.config = RestAssured.config()
                .jsonConfig(JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.BIG_DECIMAL));
    }

    private ExactJson() {
    }
}
