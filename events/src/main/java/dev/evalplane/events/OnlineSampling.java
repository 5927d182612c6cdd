package dev.evalplane.events;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Whether a trace is in the sample of a scorer started online (scorer-service): the top 53 bits of SHA-256(trace id,
 * scorer name) as a fraction in [0, 1), below the sample rate. Deterministic, so every replica and every restart
 * agrees, and raising the rate keeps the traces a lower rate chose.
 */
public final class OnlineSampling {

    public static boolean selects(String traceId, String scorerName, double sampleRate) {
        if (sampleRate >= 1.0) {
            return true;
        }
        return fraction(traceId, scorerName) < sampleRate;
    }

    public static double fraction(String traceId, String scorerName) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(traceId.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(scorerName.getBytes(StandardCharsets.UTF_8));
            long bits = ByteBuffer.wrap(sha.digest()).getLong() >>> 11;
            return bits / (double) (1L << 53);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private OnlineSampling() {
    }
}
