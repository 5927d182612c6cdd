package dev.evalplane.gateway.e2e;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The evaluations the end-to-end and browser tests look at, run once per test JVM. */
final class SharedRuns {

    static final String UNPRICED_MODEL = "no-price-model-x";
    private static String priced;
    private static String unpriced;
    private static String partiallyPriced;

    static synchronized String priced() {
        if (priced == null) {
            priced = Runs.evaluate("e2e priced", "openai:/gpt-4.1-mini");
        }
        return priced;
    }

    /** Correctness on a priced model, a Guidelines judge on a model without a price. */
    static synchronized String partiallyPriced() {
        if (partiallyPriced == null) {
            partiallyPriced = Runs.evaluate("e2e partially priced", "openai:/gpt-4.1-mini", List.of(
                    Map.of("builtin", "Correctness"),
                    Map.of("builtin", "Guidelines", "name", "concise", "model", "openai:/" + UNPRICED_MODEL,
                            "guidelines", List.of("Answer in one sentence."))));
        }
        return partiallyPriced;
    }

    static synchronized String unpriced() {
        if (unpriced == null) {
            unpriced = Runs.evaluate("e2e unpriced", "openai:/" + UNPRICED_MODEL);
        }
        return unpriced;
    }

    /** The run's feedback once every one of them has its cost status attached (cost is asynchronous). */
    static List<Feedback> costedFeedback(String runId, int expected) {
        return await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> Runs.feedback(runId),
                        all -> all.size() == expected && all.stream().allMatch(f -> f.costStatus() != null));
    }

    private SharedRuns() {
    }
}
