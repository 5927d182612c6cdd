package dev.evalplane.trace.otlp.mapping;

import java.util.HexFormat;
import java.util.function.Supplier;

import com.google.protobuf.ByteString;

import dev.evalplane.events.Ids;
import dev.evalplane.trace.otlp.OtlpIngestException;

/** OTLP's binary ids to ours: trace "tr-" + 32 lowercase hex, span 16 lowercase hex; invalid ids are a 400. */
final class OtlpIds {

    private static final HexFormat HEX = HexFormat.of();

    private OtlpIds() {
    }

    static String traceId(ByteString id, Supplier<String> path) {
        return Ids.fromOtelTraceId(hex(id, 16, path));
    }

    static String spanId(ByteString id, Supplier<String> path) {
        return hex(id, 8, path);
    }

    /** Null for a root span (no parent id). */
    static String parentSpanId(ByteString id, Supplier<String> path) {
        return id.isEmpty() ? null : hex(id, 8, path);
    }

    private static String hex(ByteString id, int length, Supplier<String> path) {
        if (id.size() != length) {
            throw OtlpIngestException.malformed(path.get() + " must be " + length + " bytes, got " + id.size());
        }
        byte[] bytes = id.toByteArray();
        boolean allZero = true;
        for (byte b : bytes) {
            allZero &= b == 0;
        }
        if (allZero) {
            throw OtlpIngestException.malformed(path.get() + " must not be all zeros (an invalid OTLP id)");
        }
        return HEX.formatHex(bytes);
    }
}
