package dev.evalplane.judge.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

import dev.evalplane.events.EventJson;
import dev.evalplane.judge.domain.EvalRow;
import dev.evalplane.judge.config.RemoteScorerConfig;
import dev.evalplane.judge.outbound.RemoteScorerPolicy;
import dev.evalplane.judge.scorer.RemoteScorer;
import dev.evalplane.judge.support.RemoteScorerServer;
import io.vertx.core.Vertx;

/**
 * The call-time half of the remote scorer policy: a scorer that got past the request check (stored under a looser
 * policy, or a host whose DNS answer changed) is checked again before every call and refused without being called.
 */
class RemoteScorerClientTests {

    private static Vertx vertx;
    private static RemoteScorerServer server;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        server = new RemoteScorerServer();
    }

    @AfterAll
    static void stop() {
        server.close();
        vertx.close();
    }

    private static RemoteScorerClient client(List<String> allowed) {
        return new RemoteScorerClient(vertx, EventJson.mapper(), new RemoteScorerPolicy(config(allowed)), config(allowed));
    }

    private static RemoteScorerConfig config(List<String> allowed) {
        return new RemoteScorerConfig() {
            @Override
            public Optional<List<String>> allowedHosts() {
                return Optional.of(allowed);
            }

            @Override
            public int maxResponseBytes() {
                return 1_048_576;
            }
        };
    }

    private static final EvalRow ROW = new EvalRow(0, "tr-call-time", "root", JsonNodeFactory.instance.textNode("q"),
            JsonNodeFactory.instance.textNode("a few words"), JsonNodeFactory.instance.objectNode(), List.of(),
            JsonNodeFactory.instance.objectNode());

    @Test
    void aScorerOutsideThePolicyIsRefusedAtCallTimeWithoutBeingCalled() {
        RemoteScorer stored = new RemoteScorer("stored", URI.create(server.url("/concise")), Duration.ofSeconds(5),
                Map.of(), List.of("mean"));
        int before = server.received().size();

        assertThatThrownBy(() -> client(List.of("scorers.example.com")).score(stored, ROW).await()
                .atMost(Duration.ofSeconds(10)))
                .isInstanceOf(RemoteScorerException.class)
                .hasMessageStartingWith("remote scorer stored refused: address 127.0.0.1 is a loopback address");
        assertThat(server.received()).as("nothing was sent").hasSize(before);

        assertThat(client(List.of(URI.create(server.url("/")).getHost() + ":" + URI.create(server.url("/")).getPort()))
                .score(stored, ROW).await().atMost(Duration.ofSeconds(10)))
                .as("the same scorer where the policy allows it").singleElement()
                .satisfies(f -> assertThat(f.value().asText()).isEqualTo("yes"));
    }
}
