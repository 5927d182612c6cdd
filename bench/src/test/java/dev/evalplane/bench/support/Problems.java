package dev.evalplane.bench.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;

import dev.evalplane.bench.Http;

/** Checks that a reply is a clear RFC 9457 problem: type, title, status and a detail saying what was wrong. */
public final class Problems {

    public static JsonNode assertProblem(Http.Reply reply, int status, String detailContains) {
        assertThat(reply.status()).as("status of %s", reply.body()).isEqualTo(status);
        assertThat(reply.contentType()).startsWith("application/problem+json");
        JsonNode problem = reply.json();
        assertThat(problem.path("type").asText()).isNotBlank();
        assertThat(problem.path("title").asText()).isNotBlank();
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("detail").asText()).containsIgnoringCase(detailContains);
        return problem;
    }

    private Problems() {
    }
}
