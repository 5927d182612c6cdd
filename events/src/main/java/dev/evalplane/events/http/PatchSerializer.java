package dev.evalplane.events.http;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

/**
 * Writes a {@link Patch} field as its value ({@code null} to clear); an absent patch is "empty", so a record written
 * with {@code @JsonInclude(NON_EMPTY)} leaves it out and the receiver keeps what it stored.
 */
public final class PatchSerializer extends StdSerializer<Patch<?>> {

    @SuppressWarnings({ "unchecked", "rawtypes" })
    public PatchSerializer() {
        super((Class) Patch.class);
    }

    @Override
    public boolean isEmpty(SerializerProvider provider, Patch<?> value) {
        return value == null || !value.isPresent();
    }

    @Override
    public void serialize(Patch<?> patch, JsonGenerator gen, SerializerProvider provider) throws IOException {
        provider.defaultSerializeValue(patch.value(), gen);
    }
}
