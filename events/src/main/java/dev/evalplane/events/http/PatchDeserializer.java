package dev.evalplane.events.http;

import java.io.IOException;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;

/**
 * Binds a {@link Patch} field: absent is {@link Patch#absent()}, {@code null} is {@code Patch.of(null)}, a value is
 * read by its type's deserializer (or the field's {@code @JsonDeserialize(contentUsing = ...)}). A number is read as
 * {@link StrictNumber} reads it (no "0.5" strings, no 1.5 as 1): anything else is Jackson's mismatched input, a 400
 * naming the field.
 */
public final class PatchDeserializer extends StdDeserializer<Patch<?>> implements ContextualDeserializer {

    private final JavaType valueType;
    private final JsonDeserializer<?> values;

    public PatchDeserializer() {
        this(null, null);
    }

    private PatchDeserializer(JavaType valueType, JsonDeserializer<?> values) {
        super(Patch.class);
        this.valueType = valueType;
        this.values = values;
    }

    @Override
    public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property)
            throws JsonMappingException {
        JavaType type = property == null ? ctxt.getContextualType() : property.getType();
        if (type == null || type.containedTypeCount() != 1) {
            return ctxt.reportBadDefinition(Patch.class, "a Patch field needs its value type, e.g. Patch<String>");
        }
        JavaType value = type.containedType(0);
        JsonDeserialize custom = property == null ? null : property.getAnnotation(JsonDeserialize.class);
        if (custom != null && custom.contentUsing() != JsonDeserializer.None.class) {
            JsonDeserializer<?> contentUsing = ctxt.deserializerInstance(property.getMember(), custom.contentUsing());
            return new PatchDeserializer(value, contentUsing);
        }
        return new PatchDeserializer(value, ctxt.findContextualValueDeserializer(value, property));
    }

    @Override
    public Patch<?> deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        StrictNumber.check(p, ctxt, valueType);
        return Patch.of(values.deserialize(p, ctxt));
    }

    @Override
    public Patch<?> getNullValue(DeserializationContext ctxt) {
        return Patch.of(null);
    }

    @Override
    public Object getAbsentValue(DeserializationContext ctxt) {
        return Patch.absent();
    }
}
