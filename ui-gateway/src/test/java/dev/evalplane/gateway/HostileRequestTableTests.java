package dev.evalplane.gateway;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

import dev.evalplane.events.http.ProblemTypes;
import dev.evalplane.gateway.GatewayRoutes.Route;
import dev.evalplane.gateway.RawHttp.Answer;
import dev.evalplane.gateway.security.AuthEnabledProfile;
import dev.evalplane.testsupport.HostileHeaders;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;

/**
 * A fixed table of hostile requests (bad paths, oversize bodies, URIs and headers, wrong methods, bad content types and
 * lengths) sent with a valid token to every gateway route ({@link GatewayRoutes}): the gateway answers each with a 4xx
 * and an error body (problem+json, or MLflow's error JSON on MLflow paths), never a 5xx of its own, never HTML, never
 * an empty body (but for the requests refused before gateway code runs, see {@link Hostile}). The services are down in this profile: a request the gateway rightly forwards is answered 502 (with
 * a problem body), the one 5xx allowed. Statuses go to target/hostile-request-table.txt.
 */
@QuarkusTest
@TestProfile(AuthEnabledProfile.class)
class HostileRequestTableTests {

    static final String AUTH = "Authorization: Bearer " + AuthEnabledProfile.ADMIN_TOKEN + "\r\n";

    /**
     * A hostile request; {@code bareStatus} (0 for none): the status Netty's HTTP codec answers, with no body, before
     * any gateway code runs (a malformed Content-Length, control characters in a header value, a request line or header
     * block over Netty's 64 KiB). Quarkus
     * gives no way to answer those with a body (SECURITY.md, residual risks); these rows pin down that the status is
     * still right and that nothing else is answered that way.
     */
    record Hostile(String name, Function<Route, byte[]> request, int bareStatus) {
        Hostile(String name, Function<Route, byte[]> request) {
            this(name, request, 0);
        }
    }

    static final List<Hostile> TABLE = Stream.concat(Stream.of(
            new Hostile("dot-dot-semicolon to health", r -> request(r.method(), r.path() + "/..;/..;/q/health", "", null)),
            new Hostile("encoded NUL in the path", r -> request(r.method(), r.path() + "%00", "", null)),
            new Hostile("lone percent", r -> request(r.method(), r.path() + "%", "", null)),
            new Hostile("bad percent-encoding", r -> request(r.method(), r.path() + "%zz", "", null)),
            new Hostile("encoded slash", r -> request(r.method(), r.path() + "%2F..%2F..", "", null)),
            new Hostile("body over the limit", r -> request(r.method(), r.path(), "Content-Type: application/json\r\n",
                    ("{\"x\":\"" + "a".repeat(4096) + "\"}").getBytes(StandardCharsets.UTF_8))),
            new Hostile("chunked body over the limit", r -> chunked(r, 8 * 1024)),
            new Hostile("URI over the limit", r -> request(r.method(), r.path() + "?q=" + "a".repeat(20_000), "", null)),
            new Hostile("headers over the limit", r -> request(r.method(), r.path(), "X-Big: " + "a".repeat(20_000) + "\r\n",
                    null)),
            new Hostile("many headers", r -> request(r.method(), r.path(), "X-A: b\r\n".repeat(3000), null)),
            new Hostile("non-ASCII bytes in forwarded headers", r -> withHeaderBytes(r, HostileHeaders.nonAsciiRunIdLine())),
            new Hostile("unknown method", r -> request("BREW", r.path(), "", null)),
            new Hostile("TRACE", r -> request("TRACE", r.path(), "", null)),
            new Hostile("PROPFIND", r -> request("PROPFIND", r.path(), "", null)),
            new Hostile("Content-Length not a number", r -> raw(r.method() + " " + r.path() + " HTTP/1.1\r\nHost: x\r\n"
                    + AUTH + "Content-Length: abc\r\nConnection: close\r\n\r\n"), 400),
            new Hostile("negative Content-Length", r -> raw(r.method() + " " + r.path() + " HTTP/1.1\r\nHost: x\r\n"
                    + AUTH + "Content-Length: -5\r\nConnection: close\r\n\r\n"), 400),
            new Hostile("huge Content-Length", r -> raw(r.method() + " " + r.path() + " HTTP/1.1\r\nHost: x\r\n"
                    + AUTH + "Content-Length: 99999999999999999999\r\nConnection: close\r\n\r\n"), 400),
            new Hostile("conflicting Content-Lengths", r -> raw(r.method() + " " + r.path() + " HTTP/1.1\r\nHost: x\r\n"
                    + AUTH + "Content-Length: 2\r\nContent-Length: 3\r\nConnection: close\r\n\r\n{}"), 400),
            new Hostile("request line over Netty's 64 KiB", r -> request(r.method(), r.path() + "?q=" + "a".repeat(70_000),
                    "", null), 414),
            new Hostile("headers over Netty's 64 KiB", r -> request(r.method(), r.path(), "X-Big: " + "a".repeat(70_000)
                    + "\r\n", null), 431),
            new Hostile("no Host header", r -> raw(r.method() + " " + r.path() + " HTTP/1.1\r\n" + AUTH
                    + "Connection: close\r\n\r\n")),
            new Hostile("form content type", r -> request(r.method(), r.path(),
                    "Content-Type: application/x-www-form-urlencoded\r\n", "a=1&b=%zz&=".getBytes(StandardCharsets.UTF_8))),
            new Hostile("multipart without boundary", r -> request(r.method(), r.path(), "Content-Type: multipart/form-data\r\n",
                    "--x\r\n\r\n".getBytes(StandardCharsets.UTF_8))),
            new Hostile("garbage content type", r -> request(r.method(), r.path(), "Content-Type: ;;;/\r\n",
                    "{}".getBytes(StandardCharsets.UTF_8))),
            new Hostile("HTML wanted", r -> request(r.method(), r.path() + ";x", "Accept: text/html\r\n", null)),
            new Hostile("invalid JSON", r -> request(r.method(), r.path(), "Content-Type: application/json\r\n",
                    "{\"a\":".getBytes(StandardCharsets.UTF_8)))),
            HostileHeaders.all().stream().map(HostileRequestTableTests::forwarded)).toList();

    /** A forwarded header with a hostile value ({@link HostileHeaders}, shared with trace-service's tests). */
    static Hostile forwarded(HostileHeaders.Hostile header) {
        return new Hostile(header.name(), r -> request(r.method(), r.path(), header.line(), null),
                header.codecRefusal() ? 400 : 0);
    }

    @Test
    void everyRouteAnswersHostileRequestsWithA4xxErrorBody() throws Exception {
        SoftAssertions softly = new SoftAssertions();
        List<String> table = new ArrayList<>();
        for (Route route : GatewayRoutes.ALL) {
            for (Hostile hostile : TABLE) {
                Answer answer = RawHttp.exchange(hostile.request().apply(route));
                table.add(answer.status() + "\t" + route + "\t(" + hostile.name() + ")");
                String what = route + " (" + hostile.name() + "): " + answer;
                softly.assertThat(answer.status()).as(what).satisfiesAnyOf(
                        s -> org.assertj.core.api.Assertions.assertThat(s).isBetween(200, 499),
                        s -> org.assertj.core.api.Assertions.assertThat(s).isEqualTo(route.reached()));
                if (hostile.bareStatus() != 0) {
                    softly.assertThat(answer.status()).as(what).isEqualTo(hostile.bareStatus());
                } else if (answer.status() >= 400) {
                    softly.assertThat(isErrorBody(answer)).as("error body of " + what).isTrue();
                }
                softly.assertThat(answer.contentType()).as(what).doesNotContain("html");
            }
        }
        Files.createDirectories(Path.of("target"));
        Files.write(Path.of("target", "hostile-request-table.txt"), table, StandardCharsets.UTF_8);
        softly.assertAll();
    }

    static boolean isErrorBody(Answer answer) {
        return answer.contentType().startsWith("application/problem+json")
                && answer.body().contains("\"type\":\"" + ProblemTypes.BASE)
                && answer.body().contains("\"status\":" + answer.status()) && answer.body().contains("\"detail\"")
                || answer.contentType().startsWith("application/json") && answer.body().contains("\"error_code\"");
    }

    static byte[] request(String method, String target, String headers, byte[] body) {
        String head = method + " " + target + " HTTP/1.1\r\nHost: localhost\r\n" + AUTH + headers
                + (body == null ? "" : "Content-Length: " + body.length + "\r\n") + "Connection: close\r\n\r\n";
        return concat(head.getBytes(StandardCharsets.UTF_8), body == null ? new byte[0] : body);
    }

    static byte[] chunked(Route route, int size) {
        String head = route.method() + " " + route.path() + " HTTP/1.1\r\nHost: localhost\r\n" + AUTH
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
        StringBuilder body = new StringBuilder();
        for (int sent = 0; sent < size; sent += 1024) {
            body.append("400\r\n").append("a".repeat(1024)).append("\r\n");
        }
        body.append("0\r\n\r\n");
        return concat(head.getBytes(StandardCharsets.UTF_8), body.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** A request with one header line given as raw bytes (not necessarily UTF-8). */
    static byte[] withHeaderBytes(Route route, byte[] headerLine) {
        byte[] head = (route.method() + " " + route.path() + " HTTP/1.1\r\nHost: localhost\r\n" + AUTH)
                .getBytes(StandardCharsets.UTF_8);
        return concat(concat(head, headerLine), "\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.UTF_8));
    }

    static byte[] raw(String request) {
        return request.getBytes(StandardCharsets.UTF_8);
    }

    static byte[] concat(byte[] a, byte[] b) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(a);
        out.writeBytes(b);
        return out.toByteArray();
    }
}
