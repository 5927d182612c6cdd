package dev.evalplane.gateway.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** Dev and test run without tokens (the Helm chart turns authentication on); the security headers are always there. */
@QuarkusTest
class AuthOffByDefaultTests {

    @Test
    void apiIsOpenWhenAuthenticationIsOff() {
        given().get(GatewaySecurityTests.PROBE).then().statusCode(200).body(equalTo("reached"));
    }

    @Test
    void securityHeadersDoNotDependOnAuthentication() {
        given().get("/q/health/ready").then()
                .header("Content-Security-Policy", containsString("default-src 'self'"))
                .header("X-Frame-Options", "DENY");
    }
}
