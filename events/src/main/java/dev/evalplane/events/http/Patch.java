package dev.evalplane.events.http;

import java.util.Objects;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;

/**
 * A field of a partial update that tells "absent" from "null": absent keeps the stored value, an explicit
 * {@code null} clears it, a value replaces it. Bound by {@link PatchDeserializer} (a value of the wrong JSON type is a
 * 400 naming the field; {@code @JsonDeserialize(contentUsing = StrictString.class)} on the field refuses numbers for a
 * string); its value is checked by type-argument constraints, {@code Patch<@Size(max = 10) String>}
 * (service-support's {@code PatchValueExtractor}); written by {@link PatchSerializer}. In the OpenAPI schema a patch field is its value's type, nullable.
 */
@JsonDeserialize(using = PatchDeserializer.class)
@JsonSerialize(using = PatchSerializer.class)
public final class Patch<T> {

    private static final Patch<?> ABSENT = new Patch<>(false, null);

    private final boolean present;
    private final T value;

    private Patch(boolean present, T value) {
        this.present = present;
        this.value = value;
    }

    /** The field was not in the body: keep what is stored. */
    @SuppressWarnings("unchecked")
    public static <T> Patch<T> absent() {
        return (Patch<T>) ABSENT;
    }

    /** The field was in the body: {@code value} replaces what is stored, {@code null} clears it. */
    public static <T> Patch<T> of(T value) {
        return new Patch<>(true, value);
    }

    public boolean isPresent() {
        return present;
    }

    /** The new value (null: clear), or null when absent. */
    public T value() {
        return value;
    }

    /** The value after the update: the new one when present (null clears), else {@code current}. */
    public T applyTo(T current) {
        return present ? value : current;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Patch<?> p && p.present == present && Objects.equals(p.value, value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(present, value);
    }

    @Override
    public String toString() {
        return present ? "Patch[" + value + "]" : "Patch[absent]";
    }
}
