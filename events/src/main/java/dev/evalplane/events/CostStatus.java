package dev.evalplane.events;

/** How much of a cost is known. Never a silent $0: unknown prices are UNPRICED with the tokens kept. */
public enum CostStatus {
    PRICED, PARTIALLY_PRICED, UNPRICED, NO_USAGE;

    /** Status of a sum of parts with these statuses (NO_USAGE parts do not count). */
    public CostStatus combine(CostStatus other) {
        if (this == NO_USAGE) {
            return other;
        }
        if (other == NO_USAGE || this == other) {
            return this;
        }
        return PARTIALLY_PRICED;
    }
}
