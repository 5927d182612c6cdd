package dev.evalplane.trace.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.evalplane.trace.otlp.config.OtlpConfig;
import dev.evalplane.trace.otlp.decoding.OtlpJsonDecoder;
import dev.evalplane.trace.otlp.decoding.OtlpMediaType;
import dev.evalplane.trace.otlp.decoding.OtlpRequestDecoder;
import dev.evalplane.trace.otlp.mapping.IngestContext;
import dev.evalplane.trace.otlp.mapping.OtlpSpanMapper;
import dev.evalplane.trace.otlp.messaging.SpanRecord;
import dev.evalplane.trace.otlp.service.OtlpIngestService;
import dev.evalplane.trace.otlp.service.OtlpPayload;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.quarkus.runtime.configuration.MemorySize;

/**
 * The door's records and errors for 600 seeded random requests, each sent as protobuf and as JSON
 * ({@link RandomOtlpRequests}), digested byte for byte: keys, record values, error kinds and messages. The expected
 * digest was taken from the door before its mapping and decoding were rewritten for speed (session 21, main
 * dd4e8eb): a rewrite that changes one byte of one record, or one error, fails here.
 */
class OtlpDoorRecordsTests {

    private static final String EXPECTED = "2c3d107c2611e2174729567d3233d8fe65a0f2ae0de5bb3699e21d5e0548136f";
    private static final int REQUESTS = 600;

    private final OtlpIngestService door = new OtlpIngestService(
            new OtlpRequestDecoder(new OtlpJsonDecoder(OtlpFixtures.JSON), 10 << 20), new OtlpSpanMapper(), null,
            OtlpFixtures.JSON, new Limits());

    @Test
    void recordsAndErrorsAreThoseOfTheDoorBeforeItsRewrite() throws NoSuchAlgorithmException {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        Map<OtlpIngestException.Kind, Integer> errors = new EnumMap<>(OtlpIngestException.Kind.class);
        int records = 0;
        RandomOtlpRequests random = new RandomOtlpRequests(21);
        for (int i = 0; i < REQUESTS; i++) {
            ExportTraceServiceRequest request = random.next();
            IngestContext context = IngestContext.of(i % 3 == 0 ? "7" : null, i % 5 == 0 ? " run-" + i : null);
            for (OtlpPayload payload : new OtlpPayload[] {
                new OtlpPayload(request.toByteArray(), OtlpMediaType.PROTOBUF, null, context),
                new OtlpPayload(random.json(request), OtlpMediaType.JSON, null, context)}) {
                try {
                    for (SpanRecord record : door.records(payload)) {
                        update(digest, record.traceId().getBytes(StandardCharsets.UTF_8));
                        update(digest, record.spanId().getBytes(StandardCharsets.UTF_8));
                        update(digest, record.json());
                        records++;
                    }
                    update(digest, "ok".getBytes(StandardCharsets.UTF_8));
                } catch (OtlpIngestException e) {
                    errors.merge(e.kind(), 1, Integer::sum);
                    update(digest, (e.kind() + ": " + e.getMessage()).getBytes(StandardCharsets.UTF_8));
                }
            }
        }

        assertThat(records).as("records published").isGreaterThan(1000);
        assertThat(errors).as("requests refused, by kind").containsKeys(OtlpIngestException.Kind.MALFORMED,
                OtlpIngestException.Kind.TOO_LARGE);
        assertThat(HexFormat.of().formatHex(digest.digest())).isEqualTo(EXPECTED);
    }

    private static void update(MessageDigest digest, byte[] bytes) {
        digest.update(ByteBuffer.allocate(4).putInt(bytes.length).array());
        digest.update(bytes);
    }

    private static final class Limits implements OtlpConfig {

        @Override
        public MemorySize maxBodySize() {
            return new MemorySize(java.math.BigInteger.valueOf(10 << 20));
        }

        @Override
        public int maxRecordBytes() {
            return 1_000_000;
        }

        @Override
        public Duration publishTimeout() {
            return Duration.ofSeconds(30);
        }
    }
}
