package dev.evalplane.cost.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.evalplane.internalauth.InternalToken;
import dev.evalplane.testsupport.KafkaBrokerResource;
import dev.evalplane.testsupport.PostgresResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** With evalplane.internal.token set, cost-service answers only callers that send it; probes and metrics stay open. */
@QuarkusTest
@TestProfile(InternalTokenTests.WithToken.class)
@WithTestResource(value = KafkaBrokerResource.class, parallel = true)
@WithTestResource(value = PostgresResource.class, parallel = true)
class InternalTokenTests {

    static final String TOKEN = "internal-3b9f";

    public static class WithToken implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("evalplane.internal.token", TOKEN);
        }
    }

    @Test
    void callersWithoutTheTokenAreRefused() {
        given().get("/api/v1/prices").then().statusCode(401).contentType("application/problem+json")
                .body("detail", containsString(InternalToken.HEADER));
        given().header(InternalToken.HEADER, TOKEN + "x").post("/api/v1/prices/reprice").then().statusCode(401);
        given().header(InternalToken.HEADER, TOKEN).queryParam("model", "gpt-4o").queryParam("provider", "openai")
                .get("/api/v1/prices").then().statusCode(200);
    }

    @Test
    void probesAndMetricsNeedNoToken() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(401);
    }
}
