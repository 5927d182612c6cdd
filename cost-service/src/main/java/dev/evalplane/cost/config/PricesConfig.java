package dev.evalplane.cost.config;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where model prices come from (see docs in README): bundled file, LiteLLM map, per-deployment overrides. */
@ConfigMapping(prefix = "evalplane.prices")
public interface PricesConfig {

    /** Classpath resource of the bundled, versioned price table. */
    @WithDefault("prices/evalplane-prices.json")
    String bundled();

    LiteLlm litellm();

    /**
     * Per-deployment overrides, e.g. {@code evalplane.prices.overrides."my-model".input-cost-per-token=0.000001};
     * keys are LiteLLM field names (kebab or snake case) plus {@code litellm-provider} and {@code base-model}.
     */
    Map<String, Map<String, String>> overrides();

    interface LiteLlm {

        /** A file path or an http(s) URL of a LiteLLM {@code model_prices_and_context_window.json}; unset: none. */
        Optional<String> location();

        /** Refresh interval of the LiteLLM map (Quarkus scheduler {@code every}; {@code off} disables it). */
        @WithDefault("6h")
        String refresh();

        /** Time allowed to fetch the map. */
        @WithDefault("10s")
        Duration timeout();

        /** A map with fewer priced models than this is rejected (a truncated download), keeping the previous one. */
        @WithDefault("10")
        int minModels();
    }
}
