package dev.evalplane.events;

/**
 * The id of a scorer's online config in an experiment (scorer-service {@code scoring.online_configs.config_id}):
 * derived from both, so a stopped and restarted scorer is the same config, and the gateway's MLflow routes name a
 * config the same way scorer-service does.
 */
public final class OnlineConfigIds {

    /** 24 hex characters of SHA-256("online-config", experiment id, scorer name). */
    public static String of(String experimentId, String scorerName) {
        return Ids.traceId("online-config", experimentId, scorerName).substring(Ids.TRACE_PREFIX.length(), 27);
    }

    private OnlineConfigIds() {
    }
}
