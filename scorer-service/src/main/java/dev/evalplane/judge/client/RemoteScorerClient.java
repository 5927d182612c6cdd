package dev.evalplane.judge.client;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.evalplane.judge.domain.EvalRow;
import dev.evalplane.judge.config.RemoteScorerConfig;
import dev.evalplane.judge.outbound.RemoteScorerPolicy;
import dev.evalplane.judge.outbound.RemoteTarget;
import dev.evalplane.judge.scorer.RemoteScorer;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Calls a remote scorer: {@code POST url} with {@code {inputs, outputs, expectations, trace}} and the configured
 * headers; reads a feedback {@code {value, rationale?, name?}} or a list of them. Before every call the URL is checked
 * against the operator's policy again and its host resolved and checked ({@link RemoteScorerPolicy}); the call goes to
 * the checked address (the host name still names the virtual host and the TLS server). No redirects are followed, the
 * answer is read up to {@code evalplane.remote-scorers.max-response-bytes} and the whole call, body included, ends at
 * the scorer's timeout. Errors say what went wrong without repeating the answer's body. Fails with
 * {@link RemoteScorerException} (REMOTE_SCORER_TIMEOUT, REMOTE_SCORER_ERROR). Header values are never logged.
 */
@ApplicationScoped
public class RemoteScorerClient {

    /** One feedback the remote scorer answered; {@code name} null means the scorer's name. */
    public record RemoteFeedback(String name, JsonNode value, String rationale) {
    }

    private record Answer(int status, Buffer body) {
    }

    private final Vertx vertx;
    private final HttpClient client;
    private final ObjectMapper json;
    private final RemoteScorerPolicy policy;
    private final int maxResponseBytes;

    public RemoteScorerClient(Vertx vertx, ObjectMapper json, RemoteScorerPolicy policy, RemoteScorerConfig config) {
        this.vertx = vertx;
        this.json = json;
        this.policy = policy;
        this.maxResponseBytes = config.maxResponseBytes();
        this.client = vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(64).setConnectTimeout(10_000)
                .setTryUseCompression(false).setVerifyHost(true));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    public Uni<List<RemoteFeedback>> score(RemoteScorer scorer, EvalRow row) {
        ObjectNode body = json.createObjectNode();
        body.set("inputs", row.inputs());
        body.set("outputs", row.outputs());
        body.set("expectations", row.expectations());
        body.set("trace", row.trace());
        long timeoutMs = scorer.timeout().toMillis();
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        Log.debugf("remote scorer %s: POST %s for trace %s", scorer.name(), scorer.url(), row.traceId());
        return policy.resolveOffLoop(scorer.url().toString())
                .onFailure(IllegalArgumentException.class).transform(e -> error(scorer, "refused: " + e.getMessage()))
                .chain(address -> Uni.createFrom().completionStage(() -> post(scorer, address,
                        Buffer.buffer(body.toString()), deadline).toCompletionStage()))
                .ifNoItem().after(scorer.timeout()).failWith(TimeoutException::new)
                .onFailure(e -> !(e instanceof RemoteScorerException)).transform(e -> transport(scorer, e, deadline))
                .map(answer -> read(scorer, answer));
    }

    private Future<Answer> post(RemoteScorer scorer, InetSocketAddress address, Buffer body, long deadline) {
        RemoteTarget target = policy.target(scorer.url().toString());
        long remainingMs = Math.max(1, (deadline - System.nanoTime() + 999_999) / 1_000_000);
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST)
                .setServer(SocketAddress.inetSocketAddress(address))
                .setHost(target.host()).setPort(target.port()).setSsl(target.https()).setURI(target.pathAndQuery())
                .setFollowRedirects(false).setConnectTimeout(Math.min(remainingMs, 10_000))
                .putHeader("Content-Type", "application/json").putHeader("Accept", "application/json");
        scorer.headers().forEach(options::putHeader);
        return client.request(options).compose(request -> {
            long timer = vertx.setTimer(remainingMs, id -> request.reset(0, new TimeoutException()));
            return request.send(body).compose(response -> readCapped(request, response))
                    .onComplete(done -> vertx.cancelTimer(timer));
        });
    }

    /** The body up to the size cap; a non-2xx answer's body is not read at all. */
    private Future<Answer> readCapped(HttpClientRequest request, HttpClientResponse response) {
        int status = response.statusCode();
        response.exceptionHandler(e -> { }); // a reset below is ours; a failure while reading is reported below
        if (status < 200 || status >= 300) {
            request.reset();
            return Future.succeededFuture(new Answer(status, null));
        }
        String length = response.getHeader("Content-Length");
        if (length != null && length.matches("\\d{1,18}") && Long.parseLong(length) > maxResponseBytes) {
            request.reset();
            return Future.failedFuture(new TooLarge());
        }
        Promise<Answer> done = Promise.promise();
        Buffer collected = Buffer.buffer();
        response.handler(chunk -> {
            if (collected.length() + chunk.length() > maxResponseBytes) {
                request.reset();
                done.tryFail(new TooLarge());
            } else {
                collected.appendBuffer(chunk);
            }
        });
        response.exceptionHandler(done::tryFail);
        response.endHandler(v -> done.tryComplete(new Answer(status, collected)));
        return done.future();
    }

    private static final class TooLarge extends RuntimeException {
        TooLarge() {
            super(null, null, false, false);
        }
    }

    /** A failed call: past the deadline it is a timeout, whichever of our two timers (or the connection) saw it first. */
    private RemoteScorerException transport(RemoteScorer scorer, Throwable e, long deadline) {
        if (e instanceof TooLarge) {
            return error(scorer, "answered more than " + maxResponseBytes + " bytes"
                    + " (evalplane.remote-scorers.max-response-bytes)");
        }
        if (e instanceof TimeoutException || System.nanoTime() - deadline >= 0) {
            return new RemoteScorerException(RemoteScorerException.TIMEOUT, "remote scorer " + scorer.name()
                    + " did not answer within " + scorer.timeout().toMillis() + " ms");
        }
        return new RemoteScorerException(RemoteScorerException.ERROR, "could not reach remote scorer " + scorer.name()
                + " at " + scorer.url() + ": " + e.getClass().getSimpleName());
    }

    private List<RemoteFeedback> read(RemoteScorer scorer, Answer answer) {
        if (answer.status() < 200 || answer.status() >= 300) {
            throw error(scorer, "answered HTTP " + answer.status());
        }
        JsonNode parsed;
        try {
            parsed = json.readTree(answer.body().toString());
        } catch (java.io.IOException e) {
            throw error(scorer, "answered a body that is not JSON (" + answer.body().length() + " bytes)");
        }
        List<JsonNode> items = new ArrayList<>();
        if (parsed != null && parsed.isArray()) {
            parsed.forEach(items::add);
        } else if (parsed != null) {
            items.add(parsed);
        }
        if (items.isEmpty()) {
            throw error(scorer, "answered no feedback; expected {\"value\": ..., \"rationale\"?, \"name\"?} or a list");
        }
        List<RemoteFeedback> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            out.add(feedback(scorer, items.get(i), i, names));
        }
        return out;
    }

    private static RemoteFeedback feedback(RemoteScorer scorer, JsonNode item, int index, Set<String> names) {
        String which = index == 0 ? "a feedback" : "feedback " + (index + 1);
        if (!item.isObject() || !item.hasNonNull("value")) {
            throw error(scorer, "answered " + which + " without a \"value\"; expected {\"value\": ..., \"rationale\"?,"
                    + " \"name\"?}");
        }
        JsonNode name = item.get("name");
        String resolved = name == null || name.isNull() ? scorer.name() : name.asText("");
        if (resolved.isBlank() || resolved.length() > 100 || resolved.contains(".")) {
            throw error(scorer, "answered " + which + " whose \"name\" is not 1 to 100 characters without '.'");
        }
        if (!names.add(resolved)) {
            throw error(scorer, "answered two feedbacks with the same name; give each a distinct \"name\"");
        }
        JsonNode rationale = item.get("rationale");
        return new RemoteFeedback(name == null || name.isNull() ? null : resolved, item.get("value"),
                rationale == null || rationale.isNull() ? null : rationale.asText());
    }

    private static RemoteScorerException error(RemoteScorer scorer, String what) {
        return new RemoteScorerException(RemoteScorerException.ERROR, "remote scorer " + scorer.name() + " " + what);
    }
}
