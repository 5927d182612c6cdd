package dev.evalplane.events.http;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.evalplane.events.InvalidValueException;

/**
 * Binds a {@link ScorerSpec}: the kind is the one kind key present (there is no discriminator field, and
 * {@code builtin} has sibling keys, so Jackson's deduction cannot tell {@code {"builtin": ...}} with a {@code name}
 * from a registered scorer with one). No kind or two kinds, a kind object that is not an object, a key the kind does
 * not have, or a value of the wrong JSON type is an {@link InvalidValueException} naming the field (a 400).
 */
public final class ScorerSpecDeserializer extends StdDeserializer<ScorerSpec> {

    /** The kind keys, in the order a "found" list names them. */
    public static final List<String> KINDS = List.of("builtin", "judge", "registered", "code", "remote", "client_only");

    private static final Map<String, Set<String>> TOP_LEVEL = Map.of(
            "builtin", Set.of("builtin", "name", "model", "guidelines", "aggregations"),
            "judge", Set.of("judge", "aggregations"),
            "registered", Set.of("registered", "version", "name", "aggregations"),
            "code", Set.of("code", "name", "aggregations"),
            "remote", Set.of("remote", "aggregations"),
            "client_only", Set.of("client_only", "aggregations"));
    private static final Map<String, Set<String>> INNER = Map.of(
            "judge", Set.of("name", "instructions", "feedback_value_type", "model", "description", "aggregations"),
            "remote", Set.of("name", "url", "timeout_ms", "headers", "aggregations"),
            "client_only", Set.of("name", "mlflow_type"));
    private static final Map<String, String> SHAPES = Map.of(
            "judge", "{name, instructions, feedback_value_type?, model?, description?}",
            "code", "{\"type\": ..., ...}",
            "remote", "{name, url, timeout_ms?, headers?}",
            "client_only", "{name, mlflow_type}");

    private static final ObjectMapper STRICT = strict();

    public ScorerSpecDeserializer() {
        super(ScorerSpec.class);
    }

    @Override
    public ScorerSpec deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        JsonNode node = ctxt.readTree(p);
        if (!(node instanceof ObjectNode spec)) {
            throw new InvalidValueException(p, "must be an object such as {\"builtin\": \"Correctness\"} or"
                    + " {\"judge\": {\"name\": ..., \"instructions\": ...}}");
        }
        List<String> kinds = KINDS.stream().filter(spec::has).toList();
        if (kinds.size() != 1) {
            throw new InvalidValueException(p, "must have exactly one of " + KINDS + ", found " + kinds);
        }
        String kind = kinds.get(0);
        known(p, spec, TOP_LEVEL.get(kind), null);
        if (!kind.equals("builtin") && !kind.equals("registered")) {
            JsonNode inner = spec.get(kind);
            if (!(inner instanceof ObjectNode object)) {
                throw new InvalidValueException(p, kind, "must be an object " + SHAPES.get(kind));
            }
            if (INNER.containsKey(kind)) {
                known(p, object, INNER.get(kind), kind);
            }
        }
        return switch (kind) {
            case "builtin" -> read(spec, ScorerSpec.Builtin.class);
            case "judge" -> read(spec, ScorerSpec.Judge.class);
            case "registered" -> read(spec, ScorerSpec.Registered.class);
            case "code" -> code(spec);
            case "remote" -> read(spec, ScorerSpec.Remote.class);
            default -> read(spec, ScorerSpec.ClientOnly.class);
        };
    }

    /** The key of a spec's kind. */
    static String kindOf(ScorerSpec spec) {
        if (spec instanceof ScorerSpec.Builtin) {
            return "builtin";
        }
        if (spec instanceof ScorerSpec.Judge) {
            return "judge";
        }
        if (spec instanceof ScorerSpec.Registered) {
            return "registered";
        }
        if (spec instanceof ScorerSpec.Code) {
            return "code";
        }
        return spec instanceof ScorerSpec.Remote ? "remote" : "client_only";
    }

    /** A code scorer: {@code type}, {@code name} and {@code aggregations} typed, the rest the check's parameters. */
    private static ScorerSpec code(ObjectNode spec) throws IOException {
        ObjectNode inner = ((ObjectNode) spec.get("code")).deepCopy();
        Map<String, JsonNode> parameters = new LinkedHashMap<>();
        for (String field : new ArrayList<>(inner.properties().stream().map(Map.Entry::getKey).toList())) {
            if (!field.equals("type") && !field.equals("name") && !field.equals("aggregations")) {
                parameters.put(field, inner.remove(field));
            }
        }
        ObjectNode typed = spec.deepCopy();
        typed.remove("code");
        ScorerSpec.Code code = read((ObjectNode) typed.set("code", inner), ScorerSpec.Code.class);
        return new ScorerSpec.Code(new ScorerSpec.Check(code.code().type(), code.code().name(),
                code.code().aggregations(), parameters), code.name(), code.aggregations());
    }

    private static <T> T read(ObjectNode spec, Class<T> type) throws IOException {
        return STRICT.treeToValue(spec, type);
    }

    /** Reads the kinds' records taking JSON types as they are: no 5 as "5", no "2" or 1.5 as the whole number 2 or 1. */
    private static ObjectMapper strict() {
        ObjectMapper mapper = new ObjectMapper().disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        for (CoercionInputShape shape : List.of(CoercionInputShape.Integer, CoercionInputShape.Float,
                CoercionInputShape.Boolean)) {
            mapper.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
        }
        for (CoercionInputShape shape : List.of(CoercionInputShape.String, CoercionInputShape.Float,
                CoercionInputShape.Boolean, CoercionInputShape.EmptyString)) {
            mapper.coercionConfigFor(LogicalType.Integer).setCoercion(shape, CoercionAction.Fail);
        }
        return mapper;
    }

    private static void known(JsonParser p, ObjectNode object, Set<String> allowed, String where)
            throws JsonMappingException {
        for (Map.Entry<String, JsonNode> field : object.properties()) {
            if (!allowed.contains(field.getKey())) {
                throw new InvalidValueException(p, where, "unknown field \"" + field.getKey() + "\" (known fields: "
                        + String.join(", ", allowed.stream().sorted().toList()) + ")");
            }
        }
    }
}
