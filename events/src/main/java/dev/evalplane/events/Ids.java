package dev.evalplane.events;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Id formats and deterministic ids. A retry that derives the same id overwrites instead of duplicating
 * (judge feedback, judge traces), so cost is never double-counted.
 */
public final class Ids {
    public static final String TRACE_PREFIX = "tr-";
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    /** A new random trace id: "tr-" + 32 hex. */
    public static String newTraceId() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return TRACE_PREFIX + HEX.formatHex(b);
    }

    /** A new random span id: 16 hex. */
    public static String newSpanId() {
        byte[] b = new byte[8];
        RANDOM.nextBytes(b);
        return HEX.formatHex(b);
    }

    /** Trace id derived from its parts: "tr-" + 32 hex of SHA-256. */
    public static String traceId(String... parts) {
        return TRACE_PREFIX + digest(parts).substring(0, 32);
    }

    /** Span id derived from its parts: 16 hex of SHA-256. */
    public static String spanId(String... parts) {
        return digest(parts).substring(0, 16);
    }

    /** Assessment id derived from its parts: "a-" + 32 hex of SHA-256. */
    public static String assessmentId(String... parts) {
        return "a-" + digest(parts).substring(0, 32);
    }

    /** Turns an OTLP 16-byte trace id (hex) into ours. */
    public static String fromOtelTraceId(String hex) {
        return hex.startsWith(TRACE_PREFIX) ? hex : TRACE_PREFIX + hex.toLowerCase();
    }

    public static boolean isTraceId(String id) {
        if (id == null || id.length() != 35 || !id.startsWith(TRACE_PREFIX)) {
            return false;
        }
        for (int i = TRACE_PREFIX.length(); i < 35; i++) {
            if (Character.digit(id.charAt(i), 16) < 0) {
                return false;
            }
        }
        return true;
    }

    private static String digest(String... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                sha.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HEX.formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Ids() {
    }
}
