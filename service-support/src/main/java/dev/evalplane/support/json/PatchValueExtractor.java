package dev.evalplane.support.json;

import dev.evalplane.events.http.Patch;
import jakarta.inject.Singleton;
import jakarta.validation.valueextraction.ExtractedValue;
import jakarta.validation.valueextraction.ValueExtractor;

/**
 * Lets Bean Validation check a {@link Patch}'s value: {@code Patch<@Size(max = 10) String>} checks the new value when
 * one is given (absent and null pass; {@code @NotNull} on the type argument refuses a clear). Quarkus hands the
 * validator the value extractors that are beans.
 */
@Singleton
public class PatchValueExtractor implements ValueExtractor<Patch<@ExtractedValue ?>> {

    @Override
    public void extractValues(Patch<?> originalValue, ValueReceiver receiver) {
        receiver.value(null, originalValue.value());
    }
}
