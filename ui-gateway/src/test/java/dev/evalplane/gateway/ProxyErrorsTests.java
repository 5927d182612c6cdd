package dev.evalplane.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/** With every service down, the gateway answers clear problems instead of hanging or leaking stack traces. */
@QuarkusTest
@TestProfile(ProxyErrorsTests.ServicesDown.class)
class ProxyErrorsTests {

    public static class ServicesDown implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // port 9 (discard) is closed on test machines: connections are refused at once
            return Map.of("evalplane.trace-service.url", "http://127.0.0.1:9",
                    "evalplane.scorer-service.url", "http://127.0.0.1:9",
                    "evalplane.cost-service.url", "http://127.0.0.1:9");
        }
    }

    @Test
    void unknownRouteIsANotFoundProblem() {
        given().get("/api/v1/no-such-thing").then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("type", equalTo("https://evalplane.dev/problems/no-such-api-route"))
                .body("detail", containsString("/api/v1/no-such-thing"));
    }

    @Test
    void unreachableServiceIsABadGatewayProblem() {
        given().get("/api/v1/traces/tr-00000000000000000000000000000000").then().statusCode(502)
                .contentType("application/problem+json")
                .body("type", equalTo("https://evalplane.dev/problems/service-unavailable"))
                .body("title", equalTo("trace-service is unavailable"));
        given().contentType("application/json").body("{\"scorers\":[]}").post("/api/v1/evaluations").then()
                .statusCode(502).body("title", equalTo("scorer-service is unavailable"));
    }

    @Test
    void webUiIsServed() {
        given().get("/").then().statusCode(200).body(containsString("evalplane"));
        given().get("/app.js").then().statusCode(200).body(containsString("textContent"));
    }
}
