package dev.evalplane.judge.scorer;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Judge prompts live in {@code src/main/resources/prompts/*.txt}, with {@code {{name}}} placeholders. Rendering is
 * one pass over the template: text pasted in for a placeholder is never scanned again.
 */
public final class PromptTemplates {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{\\s*([a-z_]+)\\s*}}");
    private static final Map<String, String> CACHE = new ConcurrentHashMap<>();

    public static String load(String name) {
        return CACHE.computeIfAbsent(name, PromptTemplates::read);
    }

    public static String render(String name, Map<String, String> values) {
        String template = load(name);
        Matcher m = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalStateException("prompt " + name + " needs a value for " + m.group(1));
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String read(String name) {
        try (InputStream in = PromptTemplates.class.getResourceAsStream("/prompts/" + name + ".txt")) {
            if (in == null) {
                throw new IllegalStateException("missing prompt resource prompts/" + name + ".txt");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private PromptTemplates() {
    }
}
