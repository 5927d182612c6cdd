package dev.evalplane.events.http;

import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;

import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;

/**
 * What Bean Validation found wrong with a request, in the body's own terms: each violation as its JSON field path
 * (snake_case, e.g. {@code source.source_type} or {@code trace_ids[3]}) and message, sorted, joined by "; ". A
 * violation of the whole body (no field) is its message alone.
 */
public final class Violations {

    private static final PropertyNamingStrategies.NamingBase SNAKE =
            (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;

    public static String describe(Iterable<? extends ConstraintViolation<?>> violations) {
        List<String> parts = new ArrayList<>();
        for (ConstraintViolation<?> v : violations) {
            String field = field(v.getPropertyPath());
            parts.add(field.isEmpty() ? v.getMessage() : field + " " + v.getMessage());
        }
        if (parts.isEmpty()) {
            return "the request is invalid";
        }
        return String.join("; ", parts.stream().sorted().distinct().toList());
    }

    static String field(Path path) {
        StringBuilder out = new StringBuilder();
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.METHOD || node.getKind() == ElementKind.PARAMETER
                    || node.getKind() == ElementKind.CONSTRUCTOR || node.getKind() == ElementKind.RETURN_VALUE
                    || node.getKind() == ElementKind.CROSS_PARAMETER) {
                continue;
            }
            if (node.getIndex() != null) {
                out.append('[').append(node.getIndex()).append(']');
            } else if (node.getKey() != null) {
                out.append('.').append(node.getKey());
            }
            if (node.getName() != null && node.getKind() == ElementKind.PROPERTY) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(SNAKE.translate(node.getName()));
            }
        }
        return out.toString();
    }

    private Violations() {
    }
}
