package dev.evalplane.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Aggregated cost and tokens of one trace on {@code trace-costs}, re-emitted with a higher {@code version} whenever
 * it changes. {@code totalCost} is the exact sum of the spans' costs, null when not every priced part is known.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.ALWAYS)
public record TraceCostEvent(int schemaVersion, String traceId, long version, long inputTokens, long outputTokens,
        long totalTokens, long cacheReadInputTokens, long cacheCreationInputTokens, long reasoningTokens,
        BigDecimal inputCost, BigDecimal outputCost, BigDecimal totalCost, CostStatus costStatus,
        List<String> unpricedModels, List<SpanCost> spans, String priceTableVersion, Instant computedAt) {

    public static final int SCHEMA_VERSION = 1;
}
