package dev.evalplane.cost.domain;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where a model's price came from. Precedence: OVERRIDE over LITELLM over BUNDLED. */
public enum PriceSource {
    BUNDLED, LITELLM, OVERRIDE;

    @JsonValue
    public String wireName() {
        return name().toLowerCase();
    }
}
