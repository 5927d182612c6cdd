package dev.evalplane.trace.search;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Opaque keyset page tokens: base64url of {@code {"q": query fingerprint, "k": [sort values], "id": trace id}}.
 * The next page starts strictly after that position, so pages neither skip nor repeat rows. A token only works
 * for the query it came from (same fingerprint).
 */
public record PageToken(List<Object> sortValues, String traceId) {

    public String encode(ObjectMapper mapper, String fingerprint) {
        ObjectNode node = mapper.createObjectNode().put("q", fingerprint);
        ArrayNode keys = node.putArray("k");
        for (Object value : sortValues) {
            if (value instanceof Long number) {
                keys.add(number);
            } else {
                keys.add((String) value);
            }
        }
        node.put("id", traceId);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(node.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Decodes a token; {@code numeric} says which sort values are numbers. */
    public static PageToken decode(ObjectMapper mapper, String token, String fingerprint, List<Boolean> numeric) {
        JsonNode node;
        try {
            node = mapper.readTree(Base64.getUrlDecoder().decode(token));
        } catch (Exception e) {
            throw new PageTokenException("page_token is not a token this service issued");
        }
        if (node == null || !node.path("q").isTextual() || !node.path("k").isArray() || !node.path("id").isTextual()) {
            throw new PageTokenException("page_token is not a token this service issued");
        }
        if (!node.get("q").textValue().equals(fingerprint)) {
            throw new PageTokenException("page_token belongs to a different query (other filter, order or scope)");
        }
        JsonNode keys = node.get("k");
        if (keys.size() != numeric.size()) {
            throw new PageTokenException("page_token does not match the sort order");
        }
        List<Object> values = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            JsonNode key = keys.get(i);
            if (numeric.get(i) ? !key.canConvertToLong() || !key.isIntegralNumber() : !key.isTextual()) {
                throw new PageTokenException("page_token does not match the sort order");
            }
            values.add(numeric.get(i) ? (Object) key.longValue() : key.textValue());
        }
        return new PageToken(values, node.get("id").textValue());
    }

    /** A short stable hash of everything that defines a query's row order and row set. */
    public static String fingerprint(String... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (String part : parts) {
                sha.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
