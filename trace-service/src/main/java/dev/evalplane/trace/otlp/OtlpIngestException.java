package dev.evalplane.trace.otlp;

/**
 * Why an OTLP export request was not accepted. Each kind maps to one HTTP status and one problem type; the detail
 * says what was wrong in terms the sender can act on. Thrown before anything is published, except {@link
 * Kind#UNAVAILABLE}, which means Kafka did not acknowledge every record (the sender should retry the whole request;
 * consumers are idempotent).
 */
public final class OtlpIngestException extends RuntimeException {

    public enum Kind {
        MALFORMED(400, "Malformed OTLP payload", "otlp-malformed-payload"),
        TOO_LARGE(413, "OTLP payload too large", "otlp-payload-too-large"),
        UNSUPPORTED_MEDIA_TYPE(415, "Unsupported OTLP media type", "otlp-unsupported-media-type"),
        UNAVAILABLE(503, "Span log unavailable", "otlp-span-log-unavailable");

        public final int status;
        public final String title;
        public final String slug;

        Kind(int status, String title, String slug) {
            this.status = status;
            this.title = title;
            this.slug = slug;
        }
    }

    private final Kind kind;

    public OtlpIngestException(Kind kind, String detail) {
        this(kind, detail, null);
    }

    public OtlpIngestException(Kind kind, String detail, Throwable cause) {
        super(detail, cause);
        this.kind = kind;
    }

    public static OtlpIngestException malformed(String detail) {
        return new OtlpIngestException(Kind.MALFORMED, detail);
    }

    public static OtlpIngestException tooLarge(String detail) {
        return new OtlpIngestException(Kind.TOO_LARGE, detail);
    }

    public static OtlpIngestException unsupportedMediaType(String detail) {
        return new OtlpIngestException(Kind.UNSUPPORTED_MEDIA_TYPE, detail);
    }

    public Kind kind() {
        return kind;
    }
}
