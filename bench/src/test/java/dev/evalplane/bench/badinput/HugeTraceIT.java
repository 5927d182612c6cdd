package dev.evalplane.bench.badinput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

import dev.evalplane.bench.Http;
import dev.evalplane.bench.support.TestStack;

/**
 * A huge trace through the gateway's OTLP endpoint: 5000 spans with about 1 MB of attributes spread over them plus
 * one 900 KB attribute value, about 3 MB of OTLP/JSON. Every span is stored and the whole trace is served back with
 * its attributes intact.
 */
class HugeTraceIT {

    private static final int SPANS = 5000;

    @Test
    void fiveThousandSpansWithMegabytesOfAttributesAreStoredAndServed() {
        TestStack stack = TestStack.get();
        String big = "0123456789abcdef".repeat(900 * 1024 / 16);
        OtlpJson request = new OtlpJson("b16b16b1600000000000000000000001")
                .span(0, -1, "huge-root", Map.of("mlflow.spanType", "\"AGENT\"", "bench.big", big));
        for (int i = 1; i < SPANS; i++) {
            Map<String, String> attributes = new HashMap<>();
            attributes.put("bench.payload", payload(i));
            request.span(i, i < 10 ? 0 : i / 10, "step-" + i, attributes);
        }
        String body = request.toString();
        System.out.printf("huge trace: %d spans, %.1f MB of OTLP/JSON%n", SPANS, body.length() / 1e6);
        Http.Reply accepted = Http.post(stack.gateway("/v1/traces"), "application/json", body);
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);

        long start = System.nanoTime();
        Http.Reply reply = await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .until(() -> Http.get(stack.gateway("/api/v1/traces/" + request.traceId())),
                        r -> r.status() == 200 && r.json().path("spans").size() == SPANS);
        System.out.printf("huge trace: all spans readable %.1f s after the export, served in %d ms (%.1f MB)%n",
                (System.nanoTime() - start) / 1e9, reply.nanos() / 1_000_000, reply.body().length() / 1e6);
        JsonNode trace = reply.json();
        int checked = 0;
        for (JsonNode span : trace.path("spans")) {
            int index = Integer.parseInt(span.path("span_id").asText(), 16) - 1;
            if (index == 0) {
                assertThat(span.path("attributes").path("bench.big").asText()).isEqualTo(big);
            } else {
                assertThat(span.path("attributes").path("bench.payload").asText()).as("span %d", index)
                        .isEqualTo(payload(index));
                assertThat(span.path("parent_span_id").asText()).isEqualTo(OtlpJson.spanHex(index < 10 ? 0 : index / 10));
            }
            checked++;
        }
        assertThat(checked).isEqualTo(SPANS);
        assertThat(trace.path("info").path("state").asText()).isEqualTo("OK");
    }

    private static String payload(int i) {
        return ("span " + i + " payload ").repeat(20).substring(0, 200);
    }
}
