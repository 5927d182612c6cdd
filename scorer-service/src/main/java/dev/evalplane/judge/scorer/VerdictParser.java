package dev.evalplane.judge.scorer;

import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reads {@code {"result": ..., "rationale": ...}} out of what a model said: tolerates code fences, prose before or
 * after the object, and key case; does not accept single-quoted pseudo-JSON. Validates the result against the
 * judge's {@link FeedbackValueType}. Failures are {@link VerdictException}s, never crashes.
 */
@ApplicationScoped
public class VerdictParser {

    private static final Pattern FENCE = Pattern.compile("```(?:json|JSON)?\\s*(.*?)```", Pattern.DOTALL);
    private static final Pattern STEP_BY_STEP = Pattern.compile("^\\s*let'?s think step by step[\\s.:,!-]*",
            Pattern.CASE_INSENSITIVE);
    private static final int MAX_ECHO = 200;

    private final ObjectMapper json;

    public VerdictParser(ObjectMapper json) {
        this.json = json;
    }

    public Verdict parse(String answer, FeedbackValueType type) {
        if (answer == null || answer.isBlank()) {
            throw new VerdictException(VerdictException.UNPARSEABLE, "the judge answered with empty text");
        }
        JsonNode object = findObject(answer);
        JsonNode result = field(object, "result");
        if (result == null) {
            throw new VerdictException(VerdictException.UNPARSEABLE,
                    "the judge's JSON has no \"result\" field: " + echo(answer));
        }
        JsonNode rationale = field(object, "rationale");
        return new Verdict(type.normalise(result), rationale == null || rationale.isNull() ? null
                : sanitise(rationale.isTextual() ? rationale.asText() : rationale.toString()));
    }

    private JsonNode findObject(String answer) {
        Matcher fence = FENCE.matcher(answer);
        while (fence.find()) {
            JsonNode inFence = firstObject(fence.group(1));
            if (inFence != null) {
                return inFence;
            }
        }
        JsonNode found = firstObject(answer);
        if (found == null) {
            throw new VerdictException(VerdictException.UNPARSEABLE, "the judge's answer has no JSON object: " + echo(answer));
        }
        return found;
    }

    /**
     * The first JSON object with a "result" field, else the first JSON object, starting at any brace (trailing prose
     * after an object is ignored).
     */
    private JsonNode firstObject(String text) {
        JsonNode first = null;
        for (int i = text.indexOf('{'); i >= 0; i = text.indexOf('{', i + 1)) {
            try {
                JsonNode node = json.readTree(text.substring(i));
                if (node != null && node.isObject()) {
                    if (field(node, "result") != null) {
                        return node;
                    }
                    first = first == null ? node : first;
                }
            } catch (JsonProcessingException e) {
                // try the next brace
            }
        }
        return first;
    }

    private static JsonNode field(JsonNode object, String name) {
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().trim().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    static String sanitise(String rationale) {
        return STEP_BY_STEP.matcher(rationale).replaceFirst("").trim();
    }

    private static String echo(String answer) {
        String flat = answer.replaceAll("\\s+", " ").trim();
        return flat.length() > MAX_ECHO ? flat.substring(0, MAX_ECHO) + "..." : flat;
    }
}
