package dev.evalplane.gateway.mlflow;

import com.fasterxml.jackson.core.JsonProcessingException;

import com.fasterxml.jackson.databind.ObjectMapper;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Reads an MLflow request body into its typed record. MLflow resources take the body as text and read it here, so a
 * malformed body is MLflow's INVALID_PARAMETER_VALUE on every route (not the framework's own 400 shape).
 */
@ApplicationScoped
public class MlflowJson {

    private final ObjectMapper json;

    public MlflowJson(ObjectMapper json) {
        this.json = json;
    }

    public <T> T read(String body, Class<T> type) {
        if (body == null || body.isBlank()) {
            body = "{}";
        }
        try {
            return json.readValue(body, type);
        } catch (JsonProcessingException e) {
            throw MlflowException.invalidParameter("Malformed request body for " + type.getSimpleName() + ": "
                    + e.getOriginalMessage());
        }
    }
}
