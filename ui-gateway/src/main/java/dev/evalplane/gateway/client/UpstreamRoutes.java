package dev.evalplane.gateway.client;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which service owns a public {@code /api/v1} path (docs/SERVICE_API.md). Paths are the same on the service as on
 * the gateway, so routing is a choice of upstream only.
 */
public final class UpstreamRoutes {

    private static final Pattern RUN_TRACE_VIEWS = Pattern.compile("evaluations/[^/]+/(traces|summary)");
    private static final Pattern RUNS = Pattern.compile("evaluations(/[^/]+(/cancel)?)?");
    private static final Pattern SCORERS = Pattern.compile("experiments/[^/]+/(scorers(/.*)?|online-scorers)");
    private static final Pattern EXPERIMENTS = Pattern.compile("experiments");
    private static final Pattern TRACES = Pattern.compile("traces(/.*)?");
    private static final Pattern PRICES = Pattern.compile("prices(/.*)?");

    /** The owner of {@code /api/v1/<path>}, empty when no service serves it. */
    public static Optional<Upstream> ownerOf(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        if (RUN_TRACE_VIEWS.matcher(p).matches() || TRACES.matcher(p).matches() || EXPERIMENTS.matcher(p).matches()) {
            return Optional.of(Upstream.TRACE_SERVICE);
        }
        if (RUNS.matcher(p).matches() || SCORERS.matcher(p).matches()) {
            return Optional.of(Upstream.SCORER_SERVICE);
        }
        if (PRICES.matcher(p).matches()) {
            return Optional.of(Upstream.COST_SERVICE);
        }
        return Optional.empty();
    }

    private UpstreamRoutes() {
    }
}
