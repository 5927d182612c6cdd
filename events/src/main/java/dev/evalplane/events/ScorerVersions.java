package dev.evalplane.events;

/**
 * A registered scorer's version as a query parameter ({@code ?version=3}): the one reading shared by scorer-service's
 * registry and the gateway's MLflow scorer routes, so both accept and refuse the same text.
 */
public final class ScorerVersions {

    /**
     * The version, or null when the parameter is absent or blank (the latest, or every version).
     *
     * @throws IllegalArgumentException naming the text when it is not a positive whole number
     */
    public static Integer parse(String version) {
        if (version == null || version.isBlank()) {
            return null;
        }
        try {
            int v = Integer.parseInt(version.trim());
            if (v > 0) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("version must be a positive whole number, got '" + version + "'");
    }

    private ScorerVersions() {
    }
}
