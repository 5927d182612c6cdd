package dev.evalplane.events.http;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

/**
 * A request body whose text PostgreSQL can store: no NUL and no lone surrogate in any string or field name
 * ({@link dev.evalplane.events.StoredText}). A violation names the field, e.g. {@code metadata.k}.
 */
@Documented
@Constraint(validatedBy = StorableValidator.class)
@Target({ ElementType.TYPE, ElementType.PARAMETER })
@Retention(RetentionPolicy.RUNTIME)
public @interface Storable {

    String message() default "contains a NUL character or a lone surrogate, which cannot be stored";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
