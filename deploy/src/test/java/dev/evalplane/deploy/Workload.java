package dev.evalplane.deploy;

import static dev.evalplane.deploy.RenderedChart.castList;
import static dev.evalplane.deploy.RenderedChart.castMap;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.evalplane.deploy.RenderedChart.Manifest;

/** Read access to the pod template and the one container of a rendered Deployment or Job. */
record Workload(Manifest manifest) {

    int replicas() {
        return ((Number) manifest.at("spec.replicas")).intValue();
    }

    Map<String, Object> podSpec() {
        return manifest.map("spec.template.spec");
    }

    Map<String, Object> container() {
        List<Object> containers = castList(podSpec().get("containers"));
        if (containers.size() != 1) {
            throw new AssertionError(manifest.id() + " has " + containers.size() + " containers");
        }
        return castMap(containers.get(0));
    }

    String image() {
        return (String) container().get("image");
    }

    List<Map<String, Object>> env() {
        return castList(container().get("env")).stream().map(RenderedChart::castMap).toList();
    }

    Optional<Map<String, Object>> envVar(String name) {
        return env().stream().filter(e -> name.equals(e.get("name"))).findFirst();
    }

    /** The secretKeyRef of an env var ({name, key, optional?}), empty when the variable is absent or not from a Secret. */
    Optional<Map<String, Object>> secretKeyRef(String envName) {
        return envVar(envName).map(e -> castMap(castMap(e.get("valueFrom")).get("secretKeyRef")))
                .filter(ref -> !ref.isEmpty());
    }

    String configMapRef() {
        Map<String, Object> first = castMap(castList(container().get("envFrom")).get(0));
        return (String) castMap(first.get("configMapRef")).get("name");
    }

    Map<String, Object> probe(String kind) {
        return castMap(container().get(kind));
    }

    String probePath(String kind) {
        return (String) castMap(probe(kind).get("httpGet")).get("path");
    }

    int containerPort() {
        return ((Number) castMap(castList(container().get("ports")).get(0)).get("containerPort")).intValue();
    }

    List<Map<String, Object>> volumes() {
        return castList(podSpec().get("volumes")).stream().map(RenderedChart::castMap).toList();
    }

    List<Map<String, Object>> volumeMounts() {
        return castList(container().get("volumeMounts")).stream().map(RenderedChart::castMap).toList();
    }

    Map<String, String> podAnnotations() {
        return manifest.stringMap("spec.template.metadata.annotations");
    }
}
