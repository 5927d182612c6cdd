package dev.evalplane.judge.online;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/** Whether a trace passed its online scorer: every pass/fail value passed; null when no value was pass/fail. */
public final class OnlineVerdicts {

    public static Boolean passed(Map<String, List<JsonNode>> values) {
        Boolean all = null;
        for (List<JsonNode> list : values.values()) {
            for (JsonNode v : list) {
                Boolean pass = pass(v);
                if (pass != null) {
                    all = (all == null || all) && pass;
                }
            }
        }
        return all;
    }

    static Boolean pass(JsonNode value) {
        if (value == null) {
            return null;
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        if (value.isTextual()) {
            String s = value.asText().trim().toLowerCase();
            if (s.equals("yes") || s.equals("pass") || s.equals("true")) {
                return true;
            }
            if (s.equals("no") || s.equals("fail") || s.equals("false")) {
                return false;
            }
        }
        return null;
    }

    private OnlineVerdicts() {
    }
}
