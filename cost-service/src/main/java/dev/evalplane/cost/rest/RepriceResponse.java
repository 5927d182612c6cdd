package dev.evalplane.cost.rest;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

import dev.evalplane.cost.service.RepriceService;

/** What a re-price did: traces looked at, span costs that changed, traces re-emitted with a higher version. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record RepriceResponse(int tracesRepriced, int spansRepriced, int tracesChanged, String priceTableVersion) {

    static RepriceResponse of(RepriceService.Outcome outcome) {
        return new RepriceResponse(outcome.tracesRepriced(), outcome.spansRepriced(), outcome.tracesChanged(),
                outcome.priceTableVersion());
    }
}
