package dev.evalplane.cost.messaging;

import java.nio.ByteBuffer;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.utils.Utils;

/**
 * The {@code spans} channel's value deserializer: a record that {@link LlmBlockFilter} finds cannot be an LLM span
 * (most records) is answered {@link #NOT_AN_LLM_SPAN} from the fetch buffer, without copying its bytes; any other
 * value is copied as {@code ByteArrayDeserializer} would. {@link NotLlmSpansInterceptor} then drops most of the
 * marked records before the connector wraps them.
 */
public final class SpanValueDeserializer implements Deserializer<byte[]> {

    /** The value of a record that cannot be an LLM span (compared by identity, never read). */
    static final byte[] NOT_AN_LLM_SPAN = new byte[0];

    @Override
    public byte[] deserialize(String topic, byte[] data) {
        return data == null || !LlmBlockFilter.mayHaveLlmBlock(data, 0, data.length) ? NOT_AN_LLM_SPAN : data;
    }

    @Override
    public byte[] deserialize(String topic, Headers headers, ByteBuffer data) {
        if (data == null) {
            return NOT_AN_LLM_SPAN;
        }
        if (data.hasArray()) {
            int from = data.arrayOffset() + data.position();
            return LlmBlockFilter.mayHaveLlmBlock(data.array(), from, from + data.remaining()) ? Utils.toArray(data)
                    : NOT_AN_LLM_SPAN;
        }
        return deserialize(topic, Utils.toArray(data));
    }
}
