package dev.evalplane.judge.scorer;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.TextNode;

/**
 * The type of a judge's {@code result} (make_judge's {@code feedback_value_type}): "yes/no", bool, int, float/number,
 * string, or categorical (a list of allowed values). Drives the output instructions and validates parsed values.
 */
public record FeedbackValueType(Kind kind, List<String> categories) {

    public enum Kind { YES_NO, BOOL, INT, NUMBER, STRING, CATEGORICAL }

    public static final FeedbackValueType YES_NO = new FeedbackValueType(Kind.YES_NO, List.of());
    public static final FeedbackValueType STRING = new FeedbackValueType(Kind.STRING, List.of());

    /** Parses a request's {@code feedback_value_type}; null or missing means string (MLflow's default). */
    public static FeedbackValueType parse(JsonNode spec) {
        if (spec == null || spec.isNull() || spec.isMissingNode()) {
            return STRING;
        }
        if (spec.isArray()) {
            return categorical(spec);
        }
        if (!spec.isTextual()) {
            throw new IllegalArgumentException("feedback_value_type must be a string or a list of allowed values");
        }
        String text = spec.asText().trim();
        String lower = text.toLowerCase(Locale.ROOT).replace(" ", "");
        return switch (lower) {
            case "yes/no", "yes_no", "yesno", "literal['yes','no']", "literal[\"yes\",\"no\"]" -> YES_NO;
            case "bool", "boolean" -> new FeedbackValueType(Kind.BOOL, List.of());
            case "int", "integer" -> new FeedbackValueType(Kind.INT, List.of());
            case "float", "number" -> new FeedbackValueType(Kind.NUMBER, List.of());
            case "str", "string" -> STRING;
            default -> {
                if (lower.startsWith("literal[") && lower.endsWith("]")) {
                    yield categorical(literalValues(text));
                }
                throw new IllegalArgumentException("feedback_value_type '" + text + "' is not supported; use \"yes/no\","
                        + " \"bool\", \"int\", \"float\", \"number\", \"string\" or a list of allowed values");
            }
        };
    }

    private static FeedbackValueType categorical(JsonNode values) {
        List<String> categories = new ArrayList<>();
        values.forEach(v -> categories.add(v.asText()));
        return categorical(categories);
    }

    private static FeedbackValueType categorical(List<String> categories) {
        if (categories.size() < 2 || categories.stream().anyMatch(String::isBlank)
                || categories.stream().distinct().count() != categories.size()) {
            throw new IllegalArgumentException("a categorical feedback_value_type needs at least two distinct, non-empty values");
        }
        boolean yesNo = categories.size() == 2 && categories.stream().map(c -> c.toLowerCase(Locale.ROOT))
                .collect(Collectors.toSet()).equals(java.util.Set.of("yes", "no"));
        return yesNo ? YES_NO : new FeedbackValueType(Kind.CATEGORICAL, List.copyOf(categories));
    }

    private static List<String> literalValues(String literal) {
        String inner = literal.substring(literal.indexOf('[') + 1, literal.lastIndexOf(']'));
        List<String> values = new ArrayList<>();
        for (String part : inner.split(",")) {
            values.add(part.trim().replaceAll("^['\"]|['\"]$", ""));
        }
        return values;
    }

    /** How the value is described to the model ("Your result must be ..."). */
    public String describe() {
        return switch (kind) {
            case YES_NO -> "\"yes\" or \"no\"";
            case BOOL -> "true or false (a JSON boolean)";
            case INT -> "an integer";
            case NUMBER -> "a number";
            case STRING -> "a string";
            case CATEGORICAL -> "one of: " + categories.stream().map(c -> "\"" + c + "\"").collect(Collectors.joining(", "));
        };
    }

    /** The label stored with a template judge ("yes/no", "bool", ... or the category list). */
    public String label() {
        return kind == Kind.CATEGORICAL ? categories.toString() : kind.name().toLowerCase(Locale.ROOT).replace("yes_no", "yes/no");
    }

    /** The parsed value in canonical form; VerdictException (INVALID_VERDICT_VALUE) when it is not of this type. */
    public JsonNode normalise(JsonNode raw) {
        if (raw == null || raw.isNull() || raw.isMissingNode()) {
            throw invalid("the result is null");
        }
        return switch (kind) {
            case YES_NO -> {
                String yn = YesNo.normalise(raw);
                if (yn == null) {
                    throw invalid("expected \"yes\" or \"no\", got " + raw);
                }
                yield TextNode.valueOf(yn);
            }
            case BOOL -> {
                if (raw.isBoolean()) {
                    yield raw;
                }
                String yn = YesNo.normalise(raw);
                if (yn == null) {
                    throw invalid("expected true or false, got " + raw);
                }
                yield BooleanNode.valueOf(YesNo.YES.equals(yn));
            }
            case INT -> LongNode.valueOf(integer(raw));
            case NUMBER -> DecimalNode.valueOf(decimal(raw));
            case STRING -> raw.isContainerNode() ? invalidString(raw) : TextNode.valueOf(raw.asText());
            case CATEGORICAL -> TextNode.valueOf(category(raw));
        };
    }

    private long integer(JsonNode raw) {
        BigDecimal value = decimal(raw);
        try {
            return value.stripTrailingZeros().longValueExact();
        } catch (ArithmeticException e) {
            throw invalid("expected an integer, got " + raw);
        }
    }

    private BigDecimal decimal(JsonNode raw) {
        if (raw.isNumber()) {
            return raw.decimalValue();
        }
        if (raw.isTextual()) {
            try {
                return new BigDecimal(raw.asText().trim());
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw invalid("expected " + describe() + ", got " + raw);
    }

    private String category(JsonNode raw) {
        if (!raw.isContainerNode()) {
            String text = raw.asText().trim();
            for (String c : categories) {
                if (c.equalsIgnoreCase(text)) {
                    return c;
                }
            }
        }
        throw invalid("expected " + describe() + ", got " + raw);
    }

    private JsonNode invalidString(JsonNode raw) {
        throw invalid("expected a string, got " + raw);
    }

    private VerdictException invalid(String message) {
        return new VerdictException(VerdictException.INVALID_VALUE, message);
    }

}
