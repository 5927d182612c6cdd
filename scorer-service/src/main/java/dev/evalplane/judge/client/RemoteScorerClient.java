package dev.evalplane.judge.client;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.evalplane.judge.EvalRow;
import dev.evalplane.judge.scorer.RemoteScorer;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Calls a remote scorer: {@code POST url} with {@code {inputs, outputs, expectations, trace}} and the configured
 * headers; reads a feedback {@code {value, rationale?, name?}} or a list of them. Fails with
 * {@link RemoteScorerException} (REMOTE_SCORER_TIMEOUT, REMOTE_SCORER_ERROR). Header values are never logged.
 */
@ApplicationScoped
public class RemoteScorerClient {

    private static final int MAX_ECHO = 300;

    /** One feedback the remote scorer answered; {@code name} null means the scorer's name. */
    public record RemoteFeedback(String name, JsonNode value, String rationale) {
    }

    private final WebClient client;
    private final ObjectMapper json;

    public RemoteScorerClient(WebClient client, ObjectMapper json) {
        this.client = client;
        this.json = json;
    }

    public Uni<List<RemoteFeedback>> score(RemoteScorer scorer, EvalRow row) {
        ObjectNode body = json.createObjectNode();
        body.set("inputs", row.inputs());
        body.set("outputs", row.outputs());
        body.set("expectations", row.expectations());
        body.set("trace", row.trace());
        var request = client.postAbs(scorer.url().toString()).timeout(scorer.timeout().toMillis())
                .putHeader("Content-Type", "application/json").putHeader("Accept", "application/json");
        scorer.headers().forEach(request::putHeader);
        Log.debugf("remote scorer %s: POST %s for trace %s", scorer.name(), scorer.url(), row.traceId());
        return request.sendBuffer(Buffer.buffer(body.toString()))
                .onFailure().transform(e -> transport(scorer, e))
                .map(response -> read(scorer, response));
    }

    private static RemoteScorerException transport(RemoteScorer scorer, Throwable e) {
        if (e.getClass().getSimpleName().contains("Timeout")) {
            return new RemoteScorerException(RemoteScorerException.TIMEOUT, "remote scorer " + scorer.name()
                    + " did not answer within " + scorer.timeout().toMillis() + " ms");
        }
        return new RemoteScorerException(RemoteScorerException.ERROR, "could not reach remote scorer " + scorer.name()
                + " at " + scorer.url() + ": " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : " " + e.getMessage()));
    }

    private List<RemoteFeedback> read(RemoteScorer scorer, HttpResponse<Buffer> response) {
        String text = response.body() == null ? "" : response.body().toString();
        if (response.statusCode() < 200 || response.statusCode() >= 300) {
            throw error(scorer, "answered HTTP " + response.statusCode() + ": " + echo(text));
        }
        JsonNode answer;
        try {
            answer = json.readTree(text);
        } catch (java.io.IOException e) {
            throw error(scorer, "answered a body that is not JSON: " + echo(text));
        }
        List<JsonNode> items = new ArrayList<>();
        if (answer != null && answer.isArray()) {
            answer.forEach(items::add);
        } else if (answer != null) {
            items.add(answer);
        }
        if (items.isEmpty()) {
            throw error(scorer, "answered no feedback; expected {\"value\": ..., \"rationale\"?, \"name\"?} or a list");
        }
        List<RemoteFeedback> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (JsonNode item : items) {
            out.add(feedback(scorer, item, names));
        }
        return out;
    }

    private static RemoteFeedback feedback(RemoteScorer scorer, JsonNode item, Set<String> names) {
        if (!item.isObject() || !item.hasNonNull("value")) {
            throw error(scorer, "answered a feedback without a \"value\": " + echo(item.toString()));
        }
        JsonNode name = item.get("name");
        String resolved = name == null || name.isNull() ? scorer.name() : name.asText("");
        if (resolved.isBlank() || resolved.length() > 100 || resolved.contains(".")) {
            throw error(scorer, "answered feedback name " + name + "; names are 1 to 100 characters without '.'");
        }
        if (!names.add(resolved)) {
            throw error(scorer, "answered two feedbacks named '" + resolved + "'; give each a distinct \"name\"");
        }
        JsonNode rationale = item.get("rationale");
        return new RemoteFeedback(name == null || name.isNull() ? null : resolved, item.get("value"),
                rationale == null || rationale.isNull() ? null : rationale.asText());
    }

    private static RemoteScorerException error(RemoteScorer scorer, String what) {
        return new RemoteScorerException(RemoteScorerException.ERROR, "remote scorer " + scorer.name() + " " + what);
    }

    private static String echo(String text) {
        String flat = text.replaceAll("\\s+", " ").trim();
        return flat.length() > MAX_ECHO ? flat.substring(0, MAX_ECHO) + "..." : flat;
    }
}
