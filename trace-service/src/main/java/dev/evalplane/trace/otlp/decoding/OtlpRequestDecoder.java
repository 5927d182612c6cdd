package dev.evalplane.trace.otlp.decoding;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.InvalidProtocolBufferException;

import dev.evalplane.trace.otlp.OtlpIngestException;
import dev.evalplane.trace.otlp.config.OtlpConfig;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/** Body bytes + Content-Type + Content-Encoding to an ExportTraceServiceRequest, or a 400/413/415 reason. */
@Singleton
public class OtlpRequestDecoder {

    private final OtlpJsonDecoder json;
    private final long maxBodyBytes;

    @Inject
    public OtlpRequestDecoder(ObjectMapper mapper, OtlpConfig config) {
        this(new OtlpJsonDecoder(mapper), config.maxBodySize().asLongValue());
    }

    public OtlpRequestDecoder(OtlpJsonDecoder json, long maxBodyBytes) {
        this.json = json;
        this.maxBodyBytes = maxBodyBytes;
    }

    public ExportTraceServiceRequest decode(byte[] body, OtlpMediaType mediaType, String contentEncoding) {
        byte[] raw = BodyDecompressor.decode(body == null ? new byte[0] : body, contentEncoding, maxBodyBytes);
        return switch (mediaType) {
            case JSON -> json.decode(raw);
            case PROTOBUF -> parseProtobuf(raw);
        };
    }

    private static ExportTraceServiceRequest parseProtobuf(byte[] raw) {
        try {
            return ExportTraceServiceRequest.parseFrom(raw);
        } catch (InvalidProtocolBufferException e) {
            throw OtlpIngestException.malformed("body is not a protobuf ExportTraceServiceRequest: " + e.getMessage());
        }
    }
}
