package dev.evalplane.trace.domain;

import com.fasterxml.jackson.databind.JsonNode;

/** Request/response previews of a trace: the root span's inputs/outputs as text, cut to MLflow's 1000 characters. */
public final class Previews {

    public static final int MAX_LENGTH = 1000;

    public static String of(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        String text = value.isTextual() ? value.textValue() : value.toString();
        if (text.length() <= MAX_LENGTH) {
            return text;
        }
        int end = MAX_LENGTH;
        if (Character.isHighSurrogate(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(0, end);
    }

    private Previews() {
    }
}
