package dev.evalplane.bench;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.evalplane.testsupport.RealStack;

/**
 * Warms freshly started service JVMs up until their JIT compiler threads are a small share of their CPU: compiling
 * the hot paths is a one-time cost of a fresh JVM (on this 2-core machine C2 takes 25-50% of a service's CPU for
 * minutes), so without a warm-up a benchmark measures the compiler as much as the code. Runs sets of work until the
 * compiler threads used at most {@code --warm-up-jit-share} (0.1) of the services' CPU in each of the last
 * {@code --warm-up-steady-sets} (3) sets, at most {@code --warm-up-sets} (200) sets and {@code --warm-up-seconds} (300):
 * one long C2 compilation is a whole short set's share, so one set under the share may be luck (6% after 45%).
 * <p>
 * A long warm-up, not a loop (bench/RESULTS.md, the JIT puzzle): a service compiles 10-12 thousand methods, most of
 * them once per tier, with few deoptimisations, no code cache sweeps and no classes loaded after the first set; code
 * that runs once per batch or per statement reaches C2's thresholds only after thousands of batches, so the compiler
 * keeps about one core busy for minutes whatever the size of the sets.
 */
final class JitWarmUp {

    /**
     * One set of warm-up work (the set's number, from 1), complete when it returns; the spans (or the items of
     * {@link #of}) it went through.
     */
    interface Set {
        long run(int set) throws Exception;
    }

    private final CpuMeter services;
    private final CpuMeter compilers;
    private final String items;

    private JitWarmUp(CpuMeter services, CpuMeter compilers, String items) {
        this.services = services;
        this.compilers = compilers;
        this.items = items;
    }

    /**
     * A warm-up of the processes named (name -> pid, in the order printed): the share is of their CPU, the compiler
     * threads are theirs.
     */
    static JitWarmUp of(String items, Map<String, Long> pids) {
        CpuMeter services = CpuMeter.create().role("services", p -> pids.containsValue(p.pid()));
        CpuMeter compilers = CpuMeter.create();
        pids.forEach(compilers::compilerThreads);
        return new JitWarmUp(services, compilers, items);
    }

    /** The scorer, trace and cost services of a stack (name -> pid). */
    static Map<String, Long> services(RealStack stack) {
        return pids(Map.entry("scorer-service", stack.scorerService().pid()),
                Map.entry("trace-service", stack.traceService().pid()),
                Map.entry("cost-service", stack.costService().pid()));
    }

    /** Processes by name, in the order given (the order their figures are printed in). */
    @SafeVarargs
    static Map<String, Long> pids(Map.Entry<String, Long>... processes) {
        Map<String, Long> pids = new LinkedHashMap<>();
        for (Map.Entry<String, Long> process : processes) {
            pids.put(process.getKey(), process.getValue());
        }
        return pids;
    }

    /** The compiler threads' meter, for figures beside the warm-up's. */
    CpuMeter compilers() {
        return compilers;
    }

    /** Runs sets until the share is reached; returns how many spans the warm-up went through. */
    long run(Options options, Report report, Set set) throws Exception {
        return run(options.integer("warm-up-sets", 200), options, report, set);
    }

    /** {@link #run(Options, Report, Set)} with at most {@code maxSets} sets. */
    long run(int maxSets, Options options, Report report, Set set) throws Exception {
        long until = System.nanoTime() + options.integer("warm-up-seconds", 300) * 1_000_000_000L;
        double maxShare = options.decimal("warm-up-jit-share", 0.1);
        int steadySets = options.integer("warm-up-steady-sets", 3);
        long spans = 0;
        int steady = 0;
        for (int n = 1; n <= maxSets && System.nanoTime() < until; n++) {
            Map<String, Double> cpuBefore = services.read();
            Map<String, Double> jitBefore = compilers.read();
            long start = System.nanoTime();
            long setSpans = set.run(n);
            long nanos = System.nanoTime() - start;
            spans += setSpans;
            double share = share(cpuBefore, services.read(), jitBefore, compilers.read());
            report.line("warm-up set %d: %d %s in %.1f s; JIT compiler threads %.0f%% of the warmed JVMs' CPU", n,
                    setSpans, items, nanos / 1e9, share * 100);
            steady = share <= maxShare ? steady + 1 : 0;
            if (steady >= steadySets) {
                break;
            }
        }
        return spans;
    }

    /** The compiler threads' CPU over the services' CPU between two pairs of readings. */
    static double share(Map<String, Double> cpuBefore, Map<String, Double> cpuAfter, Map<String, Double> jitBefore,
            Map<String, Double> jitAfter) {
        double cpu = total(cpuAfter) - total(cpuBefore);
        return cpu > 0 ? (total(jitAfter) - total(jitBefore)) / cpu : 0;
    }

    private static double total(Map<String, Double> seconds) {
        return seconds.values().stream().mapToDouble(Double::doubleValue).sum();
    }
}
