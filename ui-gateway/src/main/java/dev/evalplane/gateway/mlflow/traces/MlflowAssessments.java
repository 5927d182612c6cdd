package dev.evalplane.gateway.mlflow.traces;

import dev.evalplane.gateway.mlflow.MlflowParams;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;

import dev.evalplane.events.http.AssessmentCreateRequest;
import dev.evalplane.events.http.AssessmentPatchRequest;
import dev.evalplane.gateway.client.Upstream;
import dev.evalplane.gateway.mlflow.MlflowException;
import dev.evalplane.gateway.mlflow.MlflowJson;
import dev.evalplane.gateway.mlflow.ServiceCalls;
import dev.evalplane.gateway.mlflow.traces.MlflowTraceMessages.AssessmentBody;
import dev.evalplane.gateway.mlflow.traces.MlflowTraceMessages.MlflowAssessment;
import dev.evalplane.gateway.mlflow.traces.MlflowTraceMessages.UpdateAssessment;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * MLflow's assessment API ({@code /traces/{trace_id}/assessments[/{assessment_id}]}, served by
 * {@link MlflowTraceResource}: {@code log_feedback}, {@code log_expectation}, {@code override_feedback},
 * {@code get_assessment}, {@code update_assessment}, {@code delete_assessment}) on trace-service's assessment routes,
 * so its rules apply: an override marks the overridden feedback invalid, deleting it makes that valid again, and
 * client-written judge-cost keys are kept as client-reported.
 */
@ApplicationScoped
public class MlflowAssessments {

    private final ServiceCalls services;
    private final MlflowJson json;
    private final AssessmentMapping mapping;

    public MlflowAssessments(ServiceCalls services, MlflowJson json, AssessmentMapping mapping) {
        this.services = services;
        this.json = json;
        this.mapping = mapping;
    }

    Uni<AssessmentBody> create(String traceId, String body) {
        MlflowAssessment assessment = json.read(body, AssessmentBody.class).assessment();
        AssessmentCreateRequest create = mapping.toService(assessment);
        return services.post(Upstream.TRACE_SERVICE, path(traceId), create, ServiceTraces.Assessment.class)
                .onFailure(MlflowException.class).transform(e -> traceNotFound((MlflowException) e, traceId))
                .map(a -> new AssessmentBody(mapping.toMlflow(a)));
    }

    Uni<AssessmentBody> get(String traceId, String assessmentId) {
        return current(traceId, assessmentId).map(a -> new AssessmentBody(mapping.toMlflow(a)));
    }

    Uni<AssessmentBody> update(String traceId, String assessmentId, String body) {
        UpdateAssessment request = json.read(body, UpdateAssessment.class);
        MlflowAssessment assessment = request.assessment();
        if (assessment == null) {
            throw MlflowException.missing("assessment");
        }
        List<String> paths = maskPaths(request.updateMask());
        if (paths.isEmpty()) {
            throw MlflowException.invalidParameter("update_mask names nothing to update");
        }
        String name = null;
        JsonNode value = null;
        JsonNode rationale = null;
        Map<String, String> metadata = null;
        for (String path : paths) {
            switch (path) {
                case "feedback", "expectation" -> value = orJsonNull(mapping.updatedValue(assessment));
                case "rationale" -> rationale = assessment.rationale() == null ? NullNode.getInstance()
                        : TextNode.valueOf(assessment.rationale());
                case "metadata" -> metadata = assessment.metadata() == null ? Map.of() : assessment.metadata();
                case "assessment_name" -> name = assessment.assessmentName();
                default -> throw MlflowException.invalidParameter("update_mask path '" + path + "' cannot be updated");
            }
        }
        AssessmentPatchRequest patch = new AssessmentPatchRequest(name, value, rationale, metadata, null);
        return services.patch(Upstream.TRACE_SERVICE, path(traceId) + "/" + encode(assessmentId), patch,
                ServiceTraces.Assessment.class)
                .onFailure(MlflowException.class).transform(e -> assessmentNotFound((MlflowException) e, assessmentId))
                .map(a -> new AssessmentBody(mapping.toMlflow(a)));
    }

    /** An explicit JSON null (clear) rather than an absent field (keep). */
    private static JsonNode orJsonNull(JsonNode value) {
        return value == null ? NullNode.getInstance() : value;
    }

    Uni<Map<String, Object>> delete(String traceId, String assessmentId) {
        return services.delete(Upstream.TRACE_SERVICE, path(traceId) + "/" + encode(assessmentId))
                .onFailure(MlflowException.class).transform(e -> assessmentNotFound((MlflowException) e, assessmentId))
                .map(ignored -> Map.of());
    }

    private Uni<ServiceTraces.Assessment> current(String traceId, String assessmentId) {
        return services.get(Upstream.TRACE_SERVICE, MlflowTraceResource.TRACES + "/" + encode(traceId),
                ServiceTraces.Trace.class)
                .onFailure(MlflowException.class).transform(e -> traceNotFound((MlflowException) e, traceId))
                .map(trace -> (trace.info().assessments() == null ? List.<ServiceTraces.Assessment>of()
                        : trace.info().assessments()).stream().filter(a -> a.assessmentId().equals(assessmentId))
                        .findFirst().orElseThrow(() -> MlflowException.notFound("Assessment with ID " + assessmentId
                                + " not found for trace " + traceId)));
    }

    /** FieldMask paths: proto3 JSON writes them as one comma-separated camelCase string. */
    static List<String> maskPaths(JsonNode mask) {
        List<String> paths = new ArrayList<>();
        if (mask == null || mask.isNull()) {
            return paths;
        }
        if (mask.isTextual()) {
            for (String path : mask.textValue().split(",")) {
                if (!path.isBlank()) {
                    paths.add(snake(path.trim()));
                }
            }
        } else if (mask.path("paths").isArray()) {
            mask.get("paths").forEach(p -> paths.add(snake(p.asText())));
        }
        return paths;
    }

    private static String snake(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT);
    }

    private static MlflowException traceNotFound(MlflowException e, String traceId) {
        return e.code() == dev.evalplane.gateway.mlflow.MlflowErrorCode.RESOURCE_DOES_NOT_EXIST
                ? MlflowException.notFound("Trace with ID " + traceId + " not found.") : e;
    }

    private static MlflowException assessmentNotFound(MlflowException e, String assessmentId) {
        return e.code() == dev.evalplane.gateway.mlflow.MlflowErrorCode.RESOURCE_DOES_NOT_EXIST
                ? MlflowException.notFound("Assessment with ID " + assessmentId + " not found. " + e.getMessage()) : e;
    }

    private static String path(String traceId) {
        return MlflowTraceResource.TRACES + "/" + encode(traceId) + "/assessments";
    }

    private static String encode(String segment) {
        return MlflowParams.encode(segment);
    }
}
