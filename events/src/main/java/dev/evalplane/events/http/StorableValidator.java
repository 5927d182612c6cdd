package dev.evalplane.events.http;

import dev.evalplane.events.EventJson;
import dev.evalplane.events.StoredText;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;

/** Checks {@link Storable}: the body as JSON holds no text PostgreSQL cannot store; the violation names the field. */
public class StorableValidator implements ConstraintValidator<Storable, Object> {

    @Override
    public boolean isValid(Object body, ConstraintValidatorContext context) {
        if (body == null) {
            return true;
        }
        String field = StoredText.firstUnstorable(EventJson.mapper().valueToTree(body));
        if (field == null) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(escape(field) + " "
                + context.getDefaultConstraintMessageTemplate()).addConstraintViolation();
        return false;
    }

    /** Field names come from the caller: nothing in them may read as a message parameter or expression. */
    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}").replace("$", "\\$");
    }
}
