package dev.evalplane.judge.provider;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

import io.vertx.mutiny.core.buffer.Buffer;
import io.vertx.mutiny.ext.web.client.HttpResponse;

/** Reading provider response bodies, including error bodies that are not JSON. */
final class ProviderBodies {

    private static final int MAX_DETAIL = 300;

    static JsonNode read(ObjectMapper json, HttpResponse<Buffer> response) {
        Buffer body = response.body();
        if (body == null || body.length() == 0) {
            return MissingNode.getInstance();
        }
        try {
            return json.readTree(body.getBytes());
        } catch (java.io.IOException e) {
            if (response.statusCode() < 300) {
                throw new ProviderException(response.statusCode(), "provider answer was not JSON", null, null);
            }
            return json.getNodeFactory().textNode(body.toString());
        }
    }

    /** The provider's error message ({@code error.message} in both formats), shortened. */
    static String errorMessage(JsonNode body) {
        String message = body.isTextual() ? body.asText() : body.path("error").path("message").asText("");
        return message.length() > MAX_DETAIL ? message.substring(0, MAX_DETAIL) + "..." : message;
    }

    private ProviderBodies() {
    }
}
