package dev.evalplane.trace.otlp.decoding;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

import dev.evalplane.trace.otlp.OtlpIngestException;

/**
 * Undoes {@code Content-Encoding} (OTel exporters may gzip) without ever holding more than the body limit: a small
 * compressed body that inflates past the limit is rejected as too large, not decompressed to the end.
 */
public final class BodyDecompressor {

    private BodyDecompressor() {
    }

    public static byte[] decode(byte[] body, String contentEncoding, long limit) {
        if (body.length > limit) {
            throw tooLarge(body.length + " bytes", limit);
        }
        String encoding = contentEncoding == null ? "identity" : contentEncoding.trim().toLowerCase(Locale.ROOT);
        try {
            return switch (encoding) {
                case "", "identity" -> body;
                case "gzip", "x-gzip" -> readBounded(new GZIPInputStream(new ByteArrayInputStream(body)), limit);
                case "deflate" -> readBounded(new InflaterInputStream(new ByteArrayInputStream(body)), limit);
                default -> throw OtlpIngestException.unsupportedMediaType("Content-Encoding '" + encoding
                        + "' is not supported; use gzip, deflate or identity");
            };
        } catch (IOException e) {
            throw OtlpIngestException.malformed("body is not valid " + encoding + " data: " + e.getMessage());
        }
    }

    private static byte[] readBounded(InputStream in, long limit) throws IOException {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[16 * 1024];
            long total = 0;
            int n;
            while ((n = in.read(buffer)) != -1) {
                total += n;
                if (total > limit) {
                    throw tooLarge("more than " + limit + " bytes once decompressed", limit);
                }
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        }
    }

    private static OtlpIngestException tooLarge(String size, long limit) {
        return OtlpIngestException.tooLarge("request body is " + size + "; the limit is " + limit
                + " bytes (evalplane.otlp.max-body-size): split the export into smaller batches");
    }
}
