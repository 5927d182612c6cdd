package dev.evalplane.judge.service;

import java.util.ArrayList;
import java.util.List;

import dev.evalplane.judge.provider.ChatRequest;
import dev.evalplane.judge.provider.ToolExchange;

/**
 * The context budget of an agent judge: a tool result longer than its limit is cut (saying so), and when the whole
 * prompt would exceed its budget the oldest tool exchanges (an assistant turn's calls with their results, so the
 * conversation stays valid) are dropped; the latest exchange is always kept.
 */
public final class ToolContext {

    static final String CUT_MARK = "...[cut: %d of %d characters shown]";

    /** {@code content} of at most {@code max} characters plus a note of how much was cut. */
    public static String cut(String content, int max) {
        if (content.length() <= max) {
            return content;
        }
        return content.substring(0, max) + CUT_MARK.formatted(max, content.length());
    }

    /** The newest exchanges that fit {@code maxChars} together with the prompt (at least the newest one). */
    public static List<ToolExchange> fit(ChatRequest prompt, List<ToolExchange> exchanges, int maxChars) {
        List<ToolExchange> kept = new ArrayList<>(exchanges);
        while (kept.size() > 1 && prompt.withExchanges(kept).promptChars() > maxChars) {
            kept.remove(0);
        }
        return kept;
    }

    private ToolContext() {
    }
}
