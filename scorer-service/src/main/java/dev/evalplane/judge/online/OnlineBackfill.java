package dev.evalplane.judge.online;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.evalplane.events.MlflowKeys;
import dev.evalplane.events.OnlineSampling;
import dev.evalplane.events.http.OnlineConfigView;
import dev.evalplane.events.http.TraceInfo;
import dev.evalplane.judge.client.TraceServiceClient;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A start's {@code backfill_hours}: the experiment's traces already stored in the window before the start become
 * claims like the ones the online consumer makes, so the same primary key scores each of them once (a trace the consumer
 * also claims, or a second start with a backfill over the same window, adds nothing). It pages through trace-service's
 * search, newest first, with the config's filter, and takes at most {@code backfill-max-traces} traces; traces still
 * in progress and judge traces are left out, the sample decides as for live traces. The claims are due at once.
 */
@ApplicationScoped
public class OnlineBackfill {

    static final int PAGE = 500;

    private final TraceServiceClient traces;
    private final OnlineClaimRepository claims;
    private final OnlineSettings settings;

    public OnlineBackfill(TraceServiceClient traces, OnlineClaimRepository claims, OnlineSettings settings) {
        this.traces = traces;
        this.claims = claims;
        this.settings = settings;
    }

    public Uni<OnlineConfigView.Backfill> run(OnlineConfig config, int hours) {
        Instant until = config.startedAt();
        Instant from = until.minus(Duration.ofHours(hours));
        String filter = "trace.timestamp_ms >= " + from.toEpochMilli() + " AND trace.timestamp_ms < "
                + until.toEpochMilli() + (config.filterString() == null ? "" : " AND " + config.filterString());
        return page(config, filter, null, new Progress()).map(p -> new OnlineConfigView.Backfill(hours,
                from.toString(), until.toString(), p.seen, p.claimed, p.truncated));
    }

    private Uni<Progress> page(OnlineConfig config, String filter, String token, Progress progress) {
        int size = Math.min(PAGE, settings.backfillMaxTraces() - progress.seen);
        return traces.search(config.experimentId(), filter, size, token).chain(page -> {
            List<OnlineClaim.New> selected = new ArrayList<>();
            Instant now = Instant.now();
            for (TraceInfo info : page.traces()) {
                progress.seen++;
                String traceId = info.traceId();
                if (traceId == null || "IN_PROGRESS".equals(info.state())
                        || (info.tags() != null && info.tags().containsKey(MlflowKeys.SOURCE_SCORER_TAG))
                        || !OnlineSampling.selects(traceId, config.scorerName(), config.sampleRate())) {
                    continue;
                }
                selected.add(new OnlineClaim.New(traceId, config, completedAt(info, now), now));
            }
            String next = page.nextPageToken();
            return claims.insert(selected).chain(inserted -> {
                progress.claimed += inserted;
                if (next == null || next.isEmpty()) {
                    return Uni.createFrom().item(progress);
                }
                if (progress.seen >= settings.backfillMaxTraces()) {
                    progress.truncated = true;
                    return Uni.createFrom().item(progress);
                }
                return page(config, filter, next, progress);
            });
        });
    }

    /** When the trace ended: its request time plus its duration (the request time alone when that is unknown). */
    private static Instant completedAt(TraceInfo info, Instant now) {
        if (info.requestTime() == null) {
            return now;
        }
        return info.executionDurationMs() == null ? info.requestTime()
                : info.requestTime().plusMillis(info.executionDurationMs());
    }

    private static final class Progress {
        int seen;
        long claimed;
        boolean truncated;
    }
}
