package dev.evalplane.trace.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.evalplane.support.messaging.PlainProducer;
import dev.evalplane.trace.otlp.messaging.SpanPublisher;

/**
 * The plain producers (the OTLP door's, the announcer's, cost-service's) keep the service's Kafka connection and
 * cannot be configured out of acks=all.
 */
class SpanPublisherSettingsTests {

    @Test
    void theConnectionIsKeptConsumerSettingsAreDroppedAndDurabilityIsForced() {
        Map<String, Object> settings = PlainProducer.settings(Map.of("bootstrap.servers", "broker:9093",
                "security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512", "auto.offset.reset", "earliest",
                "acks", "1", "enable.idempotence", "false"), SpanPublisher.CLIENT_ID);

        assertThat(settings).containsEntry("bootstrap.servers", "broker:9093")
                .containsEntry("security.protocol", "SASL_SSL").containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("client.id", SpanPublisher.CLIENT_ID).containsEntry("acks", "all")
                .containsEntry("enable.idempotence", true)
                .doesNotContainKey("auto.offset.reset");
    }
}
