package dev.evalplane.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * What a benchmark prints: the machine it ran on, each figure as it is measured, and at the end a Markdown table of
 * every figure and ratio (the rows of bench/RESULTS.md).
 */
public final class Report {

    private final List<String> rows = new ArrayList<>();

    public void machine() {
        Runtime rt = Runtime.getRuntime();
        line("date: %s", ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        line("machine: nproc=%d, memory=%s, load average %s", rt.availableProcessors(), memTotal(), loadAverage());
        line("java: %s %s (%s)", System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"),
                System.getProperty("java.vendor"));
    }

    /** A measured figure. */
    public void figure(String bench, String name, String value) {
        line("  %-16s %-52s %s", bench, name, value);
        rows.add("| " + bench + " | " + name + " | " + value + " |");
    }

    /** A ratio of our figure to a limit measured in the same run; {@code meaning} says which way is good. */
    public void ratio(String bench, String name, double ours, double limit, String meaning) {
        figure(bench, name, String.format("%.3f (%s)", ours / limit, meaning));
    }

    public void line(String format, Object... args) {
        System.out.printf(format + "%n", args);
        System.out.flush();
    }

    public void table() {
        line("");
        line("| benchmark | figure | value |");
        line("|---|---|---|");
        rows.forEach(r -> line("%s", r));
    }

    private static String memTotal() {
        return fromProc("/proc/meminfo", "MemTotal:");
    }

    private static String loadAverage() {
        return fromProc("/proc/loadavg", "");
    }

    private static String fromProc(String file, String prefix) {
        try {
            return Files.readAllLines(Path.of(file)).stream().filter(l -> l.startsWith(prefix)).findFirst()
                    .map(l -> l.substring(prefix.length()).trim()).orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }
}
