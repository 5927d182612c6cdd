package dev.evalplane.gateway.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

import dev.evalplane.gateway.RawHttp;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;

@QuarkusTest
@TestProfile(AuthEnabledProfile.class)
class GatewaySecurityTests {

    static final String PROBE = "/api/test-auth-probe";

    @Test
    void apiWithoutTokenIsRejectedWithProblemJson() {
        given().get(PROBE).then()
                .statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer realm=\"evalplane\"")
                .body("type", equalTo("https://evalplane.dev/problems/unauthorized"))
                .body("title", equalTo("Unauthorized"))
                .body("status", equalTo(401))
                .body("detail", containsString("Authorization: Bearer"));
    }

    @Test
    void otlpIngestionWithoutTokenIsRejectedBeforeAnyProxying() {
        given().contentType("application/json").body("{\"resourceSpans\":[]}").post("/v1/traces").then()
                .statusCode(401)
                .body("title", equalTo("Unauthorized"));
    }

    @Test
    void wrongTokenIsRejectedAsInvalid() {
        given().header("Authorization", "Bearer " + AuthEnabledProfile.TOKEN + "x").get(PROBE).then()
                .statusCode(401)
                .header("WWW-Authenticate", containsString("invalid_token"))
                .body("detail", containsString("not valid"));
    }

    @Test
    void eitherConfiguredTokenReachesTheRoute() {
        given().header("Authorization", "Bearer " + AuthEnabledProfile.TOKEN).get(PROBE).then()
                .statusCode(200).body(equalTo("reached"));
        given().header("Authorization", "bearer " + AuthEnabledProfile.SECOND_TOKEN).get(PROBE).then()
                .statusCode(200).body(equalTo("reached"));
    }

    @Test
    void ambiguousPathsAreRefusedEvenWithAToken() {
        for (String path : new String[] {"//api/test-auth-probe", "/q/../api/test-auth-probe", "/%61pi/test-auth-probe",
                "/api;/test-auth-probe"}) {
            RawHttp.Answer answer = RawHttp.send("GET", path,
                    java.util.Map.of("Authorization", "Bearer " + AuthEnabledProfile.TOKEN), null);
            org.assertj.core.api.Assertions.assertThat(answer.status()).as(path).isEqualTo(400);
            org.assertj.core.api.Assertions.assertThat(answer.contentType()).startsWith("application/problem+json");
            org.assertj.core.api.Assertions.assertThat(answer.body()).contains("refused");
        }
    }

    @Test
    void onlyThePublicListIsOpen() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health").then().statusCode(200);
        given().get("/q/openapi").then().statusCode(200);
        given().get("/").then().statusCode(200);
        given().get("/index.html").then().statusCode(200);
        given().get("/app.js").then().statusCode(200);
        given().get("/q/metrics").then().statusCode(401);
        given().get("/q/dev-ui").then().statusCode(401);
        given().get("/anything-else").then().statusCode(401).contentType("application/problem+json");
        given().get("/Q/HEALTH/ready").then().statusCode(401);
        given().header("Authorization", "Bearer " + AuthEnabledProfile.TOKEN).get("/q/metrics").then().statusCode(200);
        given().header("Authorization", "Bearer " + AuthEnabledProfile.TOKEN).get("/anything-else").then()
                .statusCode(404).contentType("application/problem+json");
    }

    @Test
    void mlflowPathsAnswerMlflowStyleErrors() {
        given().get("/api/2.0/mlflow/experiments/search").then().statusCode(401)
                .contentType("application/json")
                .header("WWW-Authenticate", "Bearer realm=\"evalplane\"")
                .body("error_code", equalTo("UNAUTHENTICATED"))
                .body("message", containsString("Authorization: Bearer"));
        given().get("/ajax-api/2.0/mlflow/runs/get").then().statusCode(401).body("error_code", equalTo("UNAUTHENTICATED"));
        given().get("/api/3.0/mlflow/traces/get").then().statusCode(401).body("error_code", equalTo("UNAUTHENTICATED"));
    }

    @Test
    void priceChangesNeedAnAdminToken() {
        String user = "Bearer " + AuthEnabledProfile.TOKEN;
        String admin = "Bearer " + AuthEnabledProfile.ADMIN_TOKEN;
        given().header("Authorization", user).post("/api/v1/prices/reprice").then().statusCode(403)
                .contentType("application/problem+json").body("detail", containsString("admin"))
                .body("type", equalTo("https://evalplane.dev/problems/admin-token-required"));
        given().header("Authorization", user).contentType("application/json").body("{}")
                .put("/api/v1/prices/overrides/m").then().statusCode(403);
        given().header("Authorization", user).delete("/api/v1/prices/overrides/m").then().statusCode(403);
        given().post("/api/v1/prices/reprice").then().statusCode(401);
        // the admin token passes (502: the services are down in this profile), and reading prices needs no admin
        given().header("Authorization", admin).post("/api/v1/prices/reprice").then().statusCode(502);
        given().header("Authorization", admin).contentType("application/json").body("{}")
                .put("/api/v1/prices/overrides/m").then().statusCode(502);
        given().header("Authorization", user).get("/api/v1/prices").then().statusCode(502);
        given().header("Authorization", admin).get("/api/v1/experiments").then().statusCode(502);
    }

    @Test
    void securityHeadersAreOnOpenAndRejectedResponses() {
        assertSecurityHeaders(given().get("/q/health/ready").then());
        assertSecurityHeaders(given().get(PROBE).then().statusCode(401));
        assertSecurityHeaders(given().header("Authorization", "Bearer " + AuthEnabledProfile.TOKEN).get(PROBE).then());
    }

    @Test
    void corsPreflightFromTheAllowedOriginNeedsNoToken() {
        given().header("Origin", AuthEnabledProfile.ALLOWED_ORIGIN)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization,content-type")
                .options("/api/v1/evaluations").then()
                .statusCode(200)
                .header("Access-Control-Allow-Origin", AuthEnabledProfile.ALLOWED_ORIGIN)
                .header("Access-Control-Allow-Methods", containsString("POST"));
        given().header("Origin", "https://evil.example.org")
                .header("Access-Control-Request-Method", "POST")
                .options("/api/v1/evaluations").then()
                .header("Access-Control-Allow-Origin", nullValue());
    }

    @Test
    void bodiesOverTheLimitAreRefused() {
        String small = "x".repeat(512);
        String large = "x".repeat(4096);
        given().header("Authorization", "Bearer " + AuthEnabledProfile.TOKEN).contentType("text/plain").body(small)
                .post(PROBE).then().statusCode(200).body(equalTo("received 512 bytes"));
        given().header("Authorization", "Bearer " + AuthEnabledProfile.TOKEN).contentType("text/plain").body(large)
                .post(PROBE).then().statusCode(413);
    }

    private static void assertSecurityHeaders(ValidatableResponse response) {
        response.header("Content-Security-Policy", containsString("default-src 'self'"))
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Frame-Options", "DENY");
    }
}
