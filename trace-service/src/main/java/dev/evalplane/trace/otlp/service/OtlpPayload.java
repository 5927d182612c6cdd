package dev.evalplane.trace.otlp.service;

import dev.evalplane.trace.otlp.decoding.OtlpMediaType;
import dev.evalplane.trace.otlp.mapping.IngestContext;

/** One OTLP/HTTP export request as received: raw body, its encoding, and the MLflow headers. */
public record OtlpPayload(byte[] body, OtlpMediaType mediaType, String contentEncoding, IngestContext context) {
}
