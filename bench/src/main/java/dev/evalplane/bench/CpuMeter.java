package dev.evalplane.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * CPU time (user + system, from /proc) the processes of a role used, e.g. trace-service's JVM or every PostgreSQL
 * backend the benchmark started: on a shared, loaded machine wall-clock rates move with the neighbours' load, CPU
 * time per span much less, so it says where the work goes. Linux only (elsewhere every reading is 0).
 */
final class CpuMeter {

    private static final double TICK_SECONDS = 0.01; // USER_HZ, 100 on Linux
    /** {@link #postgresProcesses}' kind for autovacuum workers, running or ended, and other ended children. */
    private static final String AUTOVACUUM = "autovacuum workers and ended children";

    private final Map<String, Predicate<ProcessHandle>> roles = new LinkedHashMap<>();
    private final Map<String, Long> compilers = new LinkedHashMap<>();
    /** Last reading per compiler thread (pid/tid): HotSpot stops idle compiler threads, and their CPU must stay counted. */
    private final Map<String, Double> compilerThreads = new ConcurrentHashMap<>();

    /** A role: the benchmark's descendant processes it matches. */
    CpuMeter role(String name, Predicate<ProcessHandle> matches) {
        roles.put(name, matches);
        return this;
    }

    /**
     * A role: the JIT compiler threads (C1 and C2) of one JVM, e.g. to tell how much of a service's CPU in a round
     * went to compiling its code rather than to the round's work.
     */
    CpuMeter compilerThreads(String name, long pid) {
        compilers.put(name, pid);
        return this;
    }

    /**
     * Seconds of CPU per role so far: of the processes alive now, with the CPU of their children that have exited and
     * been waited for (e.g. PostgreSQL's autovacuum workers and ended backends, counted in the postmaster's).
     */
    Map<String, Double> read() {
        Map<String, Double> seconds = new LinkedHashMap<>();
        roles.keySet().forEach(r -> seconds.put(r, 0.0));
        compilers.forEach((role, pid) -> seconds.put(role, compilerSeconds(pid, compilerThreads)));
        ProcessHandle.current().descendants().forEach(p -> roles.forEach((role, matches) -> {
            if (matches.test(p)) {
                seconds.merge(role, processSeconds(p.pid()), Double::sum);
            }
        }));
        return seconds;
    }

    /** Microseconds of CPU per item per role between two readings, e.g. "trace-service 41 µs". */
    static String perItem(Map<String, Double> before, Map<String, Double> after, long items) {
        StringBuilder text = new StringBuilder();
        for (String role : after.keySet()) {
            double micros = (after.get(role) - before.getOrDefault(role, 0.0)) * 1e6 / items;
            text.append(String.format("%s %.0f, ", role, micros));
        }
        return text.append(String.format("all %.0f µs", totalPerItem(before, after, items))).toString();
    }

    /** Microseconds of CPU per item, all roles together, between two readings. */
    static double totalPerItem(Map<String, Double> before, Map<String, Double> after, long items) {
        double seconds = 0;
        for (String role : after.keySet()) {
            seconds += after.get(role) - before.getOrDefault(role, 0.0);
        }
        return seconds * 1e6 / items;
    }

    /**
     * Seconds of CPU per thread name of one process (digits folded to N, so a pool counts as one), e.g. to tell a
     * service's event loops from its Kafka consumer threads, GC and JIT compiler threads. Threads that ended are not
     * counted.
     */
    static Map<String, Double> threads(long pid) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            tasks.forEach(task -> {
                try {
                    String name = Files.readString(task.resolve("comm")).strip().replaceAll("[0-9]+", "N");
                    seconds.merge(name, statSeconds(task.resolve("stat")), Double::sum);
                } catch (IOException | RuntimeException e) {
                    // the thread ended
                }
            });
        } catch (IOException | RuntimeException e) {
            // not Linux, or the process ended
        }
        return seconds;
    }

    /** {@link #threads(long)} of several processes, by their names (e.g. "trace-service"), read one after the other. */
    static Map<String, Map<String, Double>> threads(Map<String, Long> pids) {
        Map<String, Map<String, Double>> threads = new LinkedHashMap<>();
        pids.forEach((name, pid) -> threads.put(name, threads(pid)));
        return threads;
    }

    /** The {@code top} largest differences between two {@link #threads} readings, in µs per item. */
    static String topPerItem(Map<String, Double> before, Map<String, Double> after, long items, int top) {
        return after.entrySet().stream()
                .map(e -> Map.entry(e.getKey(), (e.getValue() - before.getOrDefault(e.getKey(), 0.0)) * 1e6 / items))
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(top)
                .map(e -> String.format("%s %.0f", e.getKey(), e.getValue()))
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /**
     * Seconds of CPU per kind of PostgreSQL process among this JVM's descendants, by the title PostgreSQL gives each:
     * the backends (the clients' connections), the checkpointer, background writer, WAL writer, autovacuum launcher,
     * the postmaster's own, and the autovacuum workers. A worker's CPU moves into the postmaster's children's time
     * when it ends, so running workers and ended children are one kind (else a worker that ends between two readings
     * would show its whole life under one kind and nothing under the other); ended connections are counted there too.
     * Tells the statements' work from the work PostgreSQL does later for the rows written (vacuum, checkpoints).
     */
    static Map<String, Double> postgresProcesses() {
        Map<String, Double> seconds = new LinkedHashMap<>();
        seconds.put(AUTOVACUUM, 0.0);
        ProcessHandle.current().descendants().filter(p -> executable(p, "postgres")).forEach(p -> {
            Path stat = Path.of("/proc", Long.toString(p.pid()), "stat");
            String title = title(p.pid());
            if (title.startsWith("postgres: ")) {
                String kind = title.substring("postgres: ".length());
                kind = kind.startsWith("autovacuum worker") ? AUTOVACUUM
                        : kind.matches("checkpointer|background writer|walwriter|autovacuum launcher|logical replication"
                        + " launcher") ? kind : "backends";
                seconds.merge(kind, statSeconds(stat), Double::sum);
            } else {
                long own = statTicks(stat, 2);
                seconds.merge("postmaster", own * TICK_SECONDS, Double::sum);
                seconds.merge(AUTOVACUUM, (statTicks(stat, 4) - own) * TICK_SECONDS, Double::sum);
            }
        });
        return seconds;
    }

    /** A process's command line as PostgreSQL rewrites it (its title), "" when unreadable. */
    private static String title(long pid) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "cmdline")).replace('\0', ' ').strip();
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** The process runs this executable (its path ends with "/" + name). */
    static boolean executable(ProcessHandle p, String name) {
        return p.info().command().map(c -> c.endsWith("/" + name)).orElse(false);
    }

    /** The process's command line contains this text. */
    static boolean commandLine(ProcessHandle p, String part) {
        return p.info().commandLine().map(c -> c.contains(part)).orElse(false);
    }

    /** The bench's Kafka broker: the process started from test-support's kafka-launcher. */
    static boolean isBroker(ProcessHandle p) {
        return commandLine(p, "kafka-launcher");
    }

    /** The pid of the bench's Kafka broker (a descendant of this JVM, {@link #isBroker}). */
    static long broker() {
        return ProcessHandle.current().descendants().filter(CpuMeter::isBroker).findFirst()
                .orElseThrow(() -> new IllegalStateException("no Kafka broker among this JVM's descendants")).pid();
    }

    /** The process is this one or one of its descendants (e.g. a server and its worker processes). */
    static boolean within(ProcessHandle p, long pid) {
        for (ProcessHandle h = p; h != null; h = h.parent().orElse(null)) {
            if (h.pid() == pid) {
                return true;
            }
        }
        return false;
    }

    /** utime + stime + cutime + cstime of a process (a thread's stat repeats its process's cutime: not for threads). */
    private static double processSeconds(long pid) {
        return statTicks(Path.of("/proc", Long.toString(pid), "stat"), 4) * TICK_SECONDS;
    }

    /**
     * CPU of the threads named "C1 CompilerThre..." or "C2 CompilerThre..." (HotSpot's JIT compilers), including those
     * that have exited since an earlier reading: HotSpot starts and stops compiler threads with the queue's length
     * (UseDynamicNumberOfCompilerThreads), so a sum over the live threads alone can go down between two readings.
     */
    private static double compilerSeconds(long pid, Map<String, Double> seen) {
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            tasks.forEach(task -> {
                try {
                    if (Files.readString(task.resolve("comm")).strip().matches("C[12] CompilerThre.*")) {
                        seen.merge(pid + "/" + task.getFileName(), statSeconds(task.resolve("stat")), Math::max);
                    }
                } catch (IOException | RuntimeException e) {
                    // the thread exited while listed: its last reading stays
                }
            });
        } catch (IOException | RuntimeException e) {
            // the process exited: its threads' last readings stay
        }
        String prefix = pid + "/";
        return seen.entrySet().stream().filter(e -> e.getKey().startsWith(prefix)).mapToDouble(Map.Entry::getValue).sum();
    }

    /** utime + stime of one thread or process. */
    private static double statSeconds(Path stat) {
        return statTicks(stat, 2) * TICK_SECONDS;
    }

    /** The sum of the first {@code count} of utime, stime, cutime, cstime (proc(5) fields 14-17), 0 when unreadable. */
    private static long statTicks(Path stat, int count) {
        try {
            String text = Files.readString(stat);
            String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
            long ticks = 0;
            for (int i = 11; i < 11 + count; i++) {
                ticks += Long.parseLong(fields[i]);
            }
            return ticks;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private CpuMeter() {
    }

    static CpuMeter create() {
        return new CpuMeter();
    }
}
