package dev.evalplane.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.evalplane.gateway.security.AuthEnabledProfile;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/** 200 distinct malformed or unknown URLs add a bounded number of series to the gateway's HTTP server metrics. */
@QuarkusTest
@TestProfile(AuthEnabledProfile.class)
class MetricsLabelsTests {

    static final Map<String, String> TOKEN = Map.of("Authorization", "Bearer " + AuthEnabledProfile.TOKEN);

    @Test
    void bogusUrlsDoNotGrowTheSeriesCount() {
        Set<String> before = series();
        for (int i = 0; i < 200; i++) {
            String bogus = "bogus-" + UUID.randomUUID();
            switch (i % 5) {
                case 0 -> RawHttp.send("GET", "/api/v1/" + bogus, Map.of(), null);          // 401
                case 1 -> RawHttp.send("GET", "/" + bogus + ";x/api", Map.of(), null);      // 400
                case 2 -> RawHttp.send("GET", "/" + bogus, TOKEN, null);                   // 404
                case 3 -> RawHttp.send("GET", "/api/v1/traces/" + bogus, TOKEN, null);     // 502 (services down)
                default -> RawHttp.send("DELETE", "/q/" + bogus, TOKEN, null);             // 404
            }
        }
        Set<String> after = series();
        assertThat(after).noneMatch(s -> s.contains("bogus"));
        // at most one new series per (method, status, label) the five kinds of request produce
        assertThat(after.size() - before.size()).isLessThanOrEqualTo(8);
    }

    private static Set<String> series() {
        String metrics = RawHttp.send("GET", "/q/metrics", TOKEN, null).body();
        return metrics.lines().filter(l -> l.startsWith("http_server_requests_seconds_count{"))
                .map(l -> l.substring(0, l.lastIndexOf(' '))).collect(Collectors.toSet());
    }
}
