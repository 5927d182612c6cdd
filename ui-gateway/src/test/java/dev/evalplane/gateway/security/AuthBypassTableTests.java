package dev.evalplane.gateway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

import dev.evalplane.gateway.GatewayRoutes;
import dev.evalplane.gateway.GatewayRoutes.Route;
import dev.evalplane.gateway.PathVariants;
import dev.evalplane.gateway.PathVariants.Variant;
import dev.evalplane.gateway.RawHttp;
import dev.evalplane.gateway.RawHttp.Answer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * Every route of the gateway, written every way in {@link PathVariants}, without a token: each is refused (400 for an
 * ambiguous path, 401 otherwise) with an error body, never proxied. Written as it is, with a token, each route does
 * reach its service (502 here: the services are down), so the table tests real routes. The statuses are written to
 * target/auth-bypass-table.txt.
 */
@QuarkusTest
@TestProfile(AuthEnabledProfile.class)
class AuthBypassTableTests {

    @Test
    void noEncodingOfAnyRouteGetsPastTheTokenCheck() throws Exception {
        SoftAssertions softly = new SoftAssertions();
        List<String> table = new ArrayList<>();
        for (Route route : GatewayRoutes.ALL) {
            if (route.open()) {
                continue;
            }
            for (Variant variant : PathVariants.ALL) {
                String target = variant.apply(route.path());
                Answer answer = send(route, target, Map.of());
                table.add(answer.status() + "\t" + route.method() + " " + target + "\t(" + variant + ")");
                softly.assertThat(answer.status()).as("%s %s (%s) without a token: %s", route.method(), target, variant, answer)
                        .isIn(400, 401);
                softly.assertThat(isErrorBody(answer)).as("error body of %s %s: %s", route.method(), target, answer).isTrue();
            }
        }
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target", "auth-bypass-table.txt"), table, StandardCharsets.UTF_8);
        softly.assertAll();
    }

    @Test
    void everyRouteWrittenCanonicallyReachesItsServiceWithAToken() {
        SoftAssertions softly = new SoftAssertions();
        for (Route route : GatewayRoutes.ALL) {
            Answer answer = send(route, route.path(), Map.of("Authorization", "Bearer " + AuthEnabledProfile.ADMIN_TOKEN));
            softly.assertThat(answer.status()).as("%s with a token: %s", route, answer).isEqualTo(route.reached());
        }
        softly.assertAll();
    }

    @Test
    void encodingsOfAPublicRouteAreRefusedOrNeedAToken() {
        for (Route route : GatewayRoutes.ALL.stream().filter(Route::open).toList()) {
            for (Variant variant : PathVariants.ALL) {
                String target = variant.apply(route.path());
                Answer answer = send(route, target, Map.of());
                String sameRequest = target.replaceFirst("^http://localhost", "").replaceFirst("\\?.*", "");
                if (sameRequest.equals(route.path())) {
                    assertThat(answer.status()).as("%s (%s)", target, variant).isEqualTo(200);
                } else {
                    assertThat(answer.status()).as("%s (%s): %s", target, variant, answer).isIn(400, 401);
                }
            }
        }
    }

    @Test
    void theIssuesProbesAreRefused() {
        for (String target : List.of("/api;/v1/experiments", "/api;jsessionid=1/v1/experiments", "/v1;/traces",
                "/api;/v1/prices/overrides/m", "/api/v1/traces/..;/..;/q/health")) {
            String method = target.startsWith("/v1") ? "POST" : target.contains("overrides") ? "PUT" : "GET";
            Answer answer = RawHttp.send(method, target, Map.of("Content-Type", "application/json"),
                    "{}".getBytes(StandardCharsets.UTF_8));
            assertThat(answer.status()).as(method + " " + target).isEqualTo(400);
            assertThat(answer.contentType()).startsWith("application/problem+json");
            assertThat(answer.body()).contains("\"status\":400").contains("refused");
        }
    }

    static Answer send(Route route, String target, Map<String, String> headers) {
        Map<String, String> all = new java.util.HashMap<>(headers);
        if (route.body() != null) {
            all.put("Content-Type", "application/json");
        }
        return RawHttp.send(route.method(), target, all,
                route.body() == null ? null : route.body().getBytes(StandardCharsets.UTF_8));
    }

    static boolean isErrorBody(Answer answer) {
        return answer.contentType().startsWith("application/problem+json") && answer.body().contains("\"status\":" + answer.status())
                || answer.contentType().startsWith("application/json") && answer.body().contains("\"error_code\"");
    }
}
