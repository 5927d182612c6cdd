package dev.evalplane.bench;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code --name value} command-line options with defaults. */
public final class Options {

    private final Map<String, String> values = new HashMap<>();

    public Options(List<String> args) {
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            if (!arg.startsWith("--") || i + 1 >= args.size()) {
                throw new IllegalArgumentException("expected --name value, got " + arg);
            }
            values.put(arg.substring(2), args.get(++i));
        }
    }

    public int integer(String name, int defaultValue) {
        return values.containsKey(name) ? Integer.parseInt(values.get(name)) : defaultValue;
    }

    public double decimal(String name, double defaultValue) {
        return values.containsKey(name) ? Double.parseDouble(values.get(name)) : defaultValue;
    }

    public String text(String name, String defaultValue) {
        return values.getOrDefault(name, defaultValue);
    }

    public List<Integer> integers(String name, String defaultValue) {
        return Arrays.stream(values.getOrDefault(name, defaultValue).split(",")).map(String::trim)
                .map(Integer::valueOf).toList();
    }
}
