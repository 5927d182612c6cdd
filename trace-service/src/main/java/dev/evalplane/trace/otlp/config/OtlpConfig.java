package dev.evalplane.trace.otlp.config;

import java.time.Duration;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** OTLP/HTTP ingestion limits ({@code evalplane.otlp.*}). */
@ConfigMapping(prefix = "evalplane.otlp")
public interface OtlpConfig {

    /** Largest accepted request body, checked before and after decompression. */
    @WithDefault("10M")
    MemorySize maxBodySize();

    /**
     * Largest serialized SpanEvent (bytes). Keep it under the producer's {@code max.request.size} and the topic's
     * {@code max.message.bytes}: a larger span is rejected with 413 before anything of the request is published.
     */
    @WithDefault("1000000")
    int maxRecordBytes();

    /** How long to wait for Kafka to acknowledge every record of one request before answering 503. */
    @WithDefault("30s")
    Duration publishTimeout();
}
