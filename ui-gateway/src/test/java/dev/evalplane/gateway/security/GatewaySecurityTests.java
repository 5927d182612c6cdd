package dev.evalplane.gateway.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import org.junit.jupiter.api.Test;

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
                .body("type", equalTo("about:blank"))
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
    void pathTricksDoNotBypassTheFilter() {
        given().urlEncodingEnabled(false).get("//api/test-auth-probe").then().statusCode(401);
        given().urlEncodingEnabled(false).get("/q/../api/test-auth-probe").then().statusCode(401);
        given().urlEncodingEnabled(false).get("/%61pi/test-auth-probe").then().statusCode(401);
    }

    @Test
    void healthAndTheUiStayOpen() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/live").then().statusCode(200);
        given().get("/").then().statusCode(not(401));
        given().get("/index.html").then().statusCode(not(401));
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
