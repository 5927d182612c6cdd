package dev.evalplane.cost.messaging;

import org.apache.kafka.common.serialization.Deserializer;

/**
 * The {@code spans} channel's value deserializer: a record that {@link LlmBlockFilter} finds cannot be an LLM span
 * (most records) is answered {@link #NOT_AN_LLM_SPAN}, any other value is kept as it is. {@link NotLlmSpansInterceptor}
 * then drops most of the marked records before the connector wraps them. The bytes it gets are already a copy of the
 * record's: SmallRye's {@code DeserializerWrapper} (4.33) implements only the {@code byte[]} methods, so Kafka's
 * default {@code deserialize(topic, headers, ByteBuffer)} copies every value out of the fetch buffer first (a
 * {@code ByteBuffer} overload here would never be called).
 */
public final class SpanValueDeserializer implements Deserializer<byte[]> {

    /** The value of a record that cannot be an LLM span (compared by identity, never read). */
    static final byte[] NOT_AN_LLM_SPAN = new byte[0];

    @Override
    public byte[] deserialize(String topic, byte[] data) {
        return data == null || !LlmBlockFilter.mayHaveLlmBlock(data, 0, data.length) ? NOT_AN_LLM_SPAN : data;
    }
}
