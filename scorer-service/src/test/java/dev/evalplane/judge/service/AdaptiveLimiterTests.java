package dev.evalplane.judge.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongPredicate;

import org.junit.jupiter.api.Test;

import io.smallrye.mutiny.helpers.test.UniAssertSubscriber;

/** Time is a {@link ManualClock} throughout: nothing sleeps, and the simulated runs take no wall time. */
class AdaptiveLimiterTests {

    private static final Duration CALL = Duration.ofMillis(200);

    @Test
    void grantsNoMoreThanTheLimitAtOnce() {
        AdaptiveLimiter limiter = new AdaptiveLimiter(2, new ManualClock());
        AtomicInteger granted = new AtomicInteger();
        for (int i = 0; i < 5; i++) {
            limiter.acquire().subscribe().with(x -> granted.incrementAndGet());
        }
        assertThat(granted).hasValue(2);
        limiter.release();
        assertThat(granted).hasValue(3);
    }

    @Test
    void rateLimitHalvesAndTimeBringsItBackWithinAWindow() {
        ManualClock clock = new ManualClock();
        AdaptiveLimiter limiter = new AdaptiveLimiter(8, clock);
        limiter.onRateLimited(null);
        assertThat(limiter.currentLimit()).as("nothing served yet: halved").isEqualTo(4);
        limiter.onRateLimited(null);
        assertThat(limiter.currentLimit()).as("a burst of 429s halves once").isEqualTo(4);
        clock.advance(AdaptiveLimiter.DECREASE_SPACING.dividedBy(2));
        limiter.onSuccess(CALL);
        assertThat(limiter.currentLimit()).as("half a window regains half of what was taken").isEqualTo(6);
        clock.advance(AdaptiveLimiter.DECREASE_SPACING);
        limiter.onSuccess(CALL);
        assertThat(limiter.currentLimit()).isEqualTo(8);
        assertThat(limiter.decreases()).isEqualTo(1);
    }

    @Test
    void theIncreaseDependsOnTimeNotOnHowManyCallsSucceededOrHowLongTheyTook() {
        ManualClock clock = new ManualClock();
        AdaptiveLimiter many = new AdaptiveLimiter(16, clock);
        AdaptiveLimiter oneSlow = new AdaptiveLimiter(16, clock);
        many.onRateLimited(Duration.ofSeconds(1));
        oneSlow.onRateLimited(Duration.ofSeconds(1));
        for (int i = 0; i < 100; i++) {
            many.onSuccess(CALL);
        }
        assertThat(many.currentLimit()).as("100 successes in no time add nothing").isEqualTo(8);
        clock.advance(Duration.ofMillis(500));
        many.onSuccess(CALL);
        oneSlow.onSuccess(Duration.ofSeconds(3));
        assertThat(many.currentLimit()).as("half of the 1 s Retry-After window: 4 of the 8 slots back").isEqualTo(12);
        assertThat(oneSlow.currentLimit()).isEqualTo(12);
    }

    @Test
    void aLongerRetryAfterWindowBringsTheLimitBackMoreSlowly() {
        ManualClock clock = new ManualClock();
        AdaptiveLimiter limiter = new AdaptiveLimiter(16, clock);
        limiter.onRateLimited(Duration.ofSeconds(10));
        clock.advance(Duration.ofSeconds(5));
        limiter.onSuccess(CALL);
        assertThat(limiter.currentLimit()).isEqualTo(12);
    }

    @Test
    void aDecreaseStopsAtTheConcurrencyTheProviderJustServed() {
        ManualClock clock = new ManualClock();
        AdaptiveLimiter limiter = new AdaptiveLimiter(16, clock);
        for (int i = 0; i < 80; i++) {
            clock.advance(Duration.ofNanos(12_500_000));
            limiter.onSuccess(CALL);
        }
        limiter.onRateLimited(Duration.ofSeconds(1));
        assertThat(limiter.currentLimit()).as("16 calls of 200 ms at once for 1 s (the first ones counted from the"
                + " limiter's start: 14.5 on average), not 16 / 2").isEqualTo(14);
        clock.advance(Duration.ofSeconds(2));
        limiter.onRateLimited(Duration.ofSeconds(1));
        assertThat(limiter.currentLimit()).as("nothing served since: halved").isEqualTo(7);
    }

    @Test
    void inAStormRetryAfterPausesNewCallsUntilItHasPassed() {
        ManualClock clock = new ManualClock();
        AdaptiveLimiter limiter = new AdaptiveLimiter(4, clock);
        for (int i = 0; i < AdaptiveLimiter.WINDOW; i++) {
            if (i % 4 == 0) {
                limiter.onSuccess(CALL);
            } else {
                limiter.onRateLimited(Duration.ofMillis(400));
            }
        }
        UniAssertSubscriber<Void> waiting = limiter.acquire().subscribe().withSubscriber(UniAssertSubscriber.create());
        waiting.assertNotTerminated();
        clock.advance(Duration.ofMillis(399));
        waiting.assertNotTerminated();
        clock.advance(Duration.ofMillis(1));
        waiting.assertCompleted();
    }

    @Test
    void halfOfTheCallsRateLimitedDoesNotHoldBackTheOthers() {
        AdaptiveLimiter limiter = new AdaptiveLimiter(4, new ManualClock());
        for (int i = 0; i < 2 * AdaptiveLimiter.WINDOW; i++) {
            limiter.onSuccess(CALL);
            limiter.onRateLimited(Duration.ofSeconds(30));
        }
        UniAssertSubscriber<Void> next = limiter.acquire().subscribe().withSubscriber(UniAssertSubscriber.create());
        next.assertCompleted();
    }

    @Test
    void backsOffOncePerRetryAfterWindow() {
        ManualClock clock = new ManualClock();
        AdaptiveLimiter honouring = new AdaptiveLimiter(16, clock);
        AdaptiveLimiter spaced = new AdaptiveLimiter(16, clock);
        honouring.onRateLimited(Duration.ofSeconds(5));
        spaced.onRateLimited(null);
        clock.advance(AdaptiveLimiter.DECREASE_SPACING);
        honouring.onRateLimited(Duration.ofSeconds(5));
        spaced.onRateLimited(null);
        assertThat(honouring.decreases()).as("the second 429 came within Retry-After").isEqualTo(1);
        assertThat(honouring.currentLimit()).isEqualTo(8);
        assertThat(spaced.decreases()).isEqualTo(2);
        assertThat(spaced.currentLimit()).isEqualTo(4);
    }

    @Test
    void neverBelowOne() {
        AdaptiveLimiter limiter = new AdaptiveLimiter(1, new ManualClock());
        limiter.onRateLimited(null);
        assertThat(limiter.currentLimit()).isEqualTo(1);
    }

    /**
     * The judges benchmark's storm, simulated: 400 judgements, calls of 200 ms (and of 600 ms, as a loaded machine
     * stretches them), 30% answered 429 at random after the same time, each retried after its 1 s Retry-After. Fewer
     * calls would not avoid those 429s, so the limiter should keep close to max_concurrency.
     */
    @Test
    void randomRateLimitsWhateverTheRateKeepTheLimitNearTheMaximum() {
        for (Duration call : new Duration[] { CALL, Duration.ofMillis(600) }) {
            ManualClock clock = new ManualClock();
            Random share = new Random(42);
            Run run = new Run(new AdaptiveLimiter(16, clock), clock, call, now -> share.nextDouble() < 0.3);
            run.judge(400);
            assertThat(run.finished).isEqualTo(400);
            assertThat(run.meanLimit()).as("mean limit with %s calls", call).isGreaterThan(12.5);
        }
    }

    /**
     * A provider that accepts 40 calls a second (a token bucket of 8) and answers the rest 429 (Retry-After 1 s):
     * with 200 ms calls 8 at a time is what it serves. The limiter neither starves it nor keeps 16 calls on it.
     */
    @Test
    void aProviderCappingTheRateGetsItsRateAndFewerCalls() {
        ManualClock clock = new ManualClock();
        double perNano = 40 / 1e9;
        double[] bucket = { 8, clock.nanoTime() };
        Run run = new Run(new AdaptiveLimiter(16, clock), clock, CALL, now -> {
            bucket[0] = Math.min(8, bucket[0] + (now - bucket[1]) * perNano);
            bucket[1] = now;
            if (bucket[0] >= 1) {
                bucket[0]--;
                return false;
            }
            return true;
        });
        run.judge(800);
        double seconds = run.elapsedNanos() / 1e9;
        assertThat(run.finished).isEqualTo(800);
        assertThat(800 / seconds).as("judgements per second of the 40 allowed").isGreaterThan(37);
        assertThat(run.meanLimit()).as("mean limit").isBetween(8.0, 13.0);
        assertThat(run.calls).as("calls for 800 judgements (16 at once would need about 1600)").isLessThan(1300);
    }

    /**
     * Judgements that retry 429s after Retry-After (1 s), as {@link JudgeCaller} does, through the limiter; each call
     * takes its time +-10% (seeded), so answers do not all arrive at the same instant.
     */
    private static final class Run {
        private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

        private final AdaptiveLimiter limiter;
        private final ManualClock clock;
        private final Duration call;
        private final LongPredicate rateLimitedAt;
        private final Random jitter = new Random(7);
        private final long start;
        private int finished;
        private int calls;
        private double limitArea;
        private long lastSample;

        Run(AdaptiveLimiter limiter, ManualClock clock, Duration call, LongPredicate rateLimitedAt) {
            this.limiter = limiter;
            this.clock = clock;
            this.call = call;
            this.rateLimitedAt = rateLimitedAt;
            this.start = clock.nanoTime();
            this.lastSample = start;
        }

        void judge(int judgements) {
            for (int i = 0; i < judgements; i++) {
                attempt();
            }
            clock.runAll(Duration.ofMinutes(10));
        }

        long elapsedNanos() {
            return lastSample - start;
        }

        double meanLimit() {
            return limitArea / elapsedNanos();
        }

        private void attempt() {
            long took = (long) (call.toNanos() * (0.9 + 0.2 * jitter.nextDouble()));
            limiter.acquire().subscribe().with(granted -> clock.schedule(() -> answer(took), took));
        }

        private void answer(long took) {
            long now = clock.nanoTime();
            calls++;
            limitArea += (double) limiter.currentLimit() * (now - lastSample);
            lastSample = now;
            if (rateLimitedAt.test(now)) {
                limiter.onRateLimited(RETRY_AFTER);
                limiter.release();
                clock.schedule(this::attempt, RETRY_AFTER.toNanos());
            } else {
                limiter.onSuccess(Duration.ofNanos(took));
                limiter.release();
                finished++;
            }
        }
    }

    /** Time that moves only when told; scheduled tasks run in time order once their time has come. */
    static final class ManualClock implements AdaptiveLimiter.Clock {
        private record Task(long at, long seq, Runnable task) {
        }

        private long now = 1_000_000_000L;
        private long seq;
        private final PriorityQueue<Task> tasks = new PriorityQueue<>((a, b) -> a.at() != b.at()
                ? Long.compare(a.at(), b.at()) : Long.compare(a.seq(), b.seq()));

        @Override
        public long nanoTime() {
            return now;
        }

        @Override
        public void schedule(Runnable task, long delayNanos) {
            tasks.add(new Task(now + delayNanos, seq++, task));
        }

        void advance(Duration by) {
            long until = now + by.toNanos();
            while (!tasks.isEmpty() && tasks.peek().at() <= until) {
                Task next = tasks.poll();
                now = next.at();
                next.task().run();
            }
            now = until;
        }

        /** Runs every task, and those they schedule, until none is left or {@code atMost} has passed. */
        void runAll(Duration atMost) {
            long until = now + atMost.toNanos();
            while (!tasks.isEmpty() && tasks.peek().at() <= until) {
                Task next = tasks.poll();
                now = next.at();
                next.task().run();
            }
        }
    }
}
