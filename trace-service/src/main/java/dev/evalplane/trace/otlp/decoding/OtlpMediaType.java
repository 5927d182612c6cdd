package dev.evalplane.trace.otlp.decoding;

import java.util.Locale;

import dev.evalplane.trace.otlp.OtlpIngestException;

/** The two OTLP/HTTP encodings. The success response is written in the request's encoding. */
public enum OtlpMediaType {
    PROTOBUF("application/x-protobuf"),
    JSON("application/json");

    private final String mediaType;

    OtlpMediaType(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }

    /** Reads a Content-Type header; parameters such as {@code charset} are ignored. */
    public static OtlpMediaType fromContentType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            throw OtlpIngestException.unsupportedMediaType(
                    "Content-Type is missing; send application/x-protobuf or application/json");
        }
        String base = contentType.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        return switch (base) {
            case "application/x-protobuf", "application/protobuf" -> PROTOBUF;
            case "application/json" -> JSON;
            default -> throw OtlpIngestException.unsupportedMediaType("Content-Type '" + base
                    + "' is not supported; send application/x-protobuf or application/json");
        };
    }
}
