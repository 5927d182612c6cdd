package dev.evalplane.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The chart rendered by Helm (helm-java) with a given value set, parsed into manifests. */
final class RenderedChart {

    static final Path CHART = Path.of("helm/evalplane");
    static final Path VALUES = Path.of("src/test/resources/values");
    static final String RELEASE = "ep";

    final String yaml;
    final List<Manifest> manifests;

    private RenderedChart(String yaml) {
        this.yaml = yaml;
        this.manifests = parse(yaml);
    }

    /** Renders with the chart defaults plus the given values files (under src/test/resources/values) and --set pairs. */
    static RenderedChart render(List<String> valuesFiles, Map<String, Object> sets) {
        TemplateCommand template = new Helm(CHART).template().withName(RELEASE).withNamespace("evalplane");
        for (String file : valuesFiles) {
            template = template.withValuesFile(VALUES.resolve(file));
        }
        for (Map.Entry<String, Object> set : sets.entrySet()) {
            template = template.set(set.getKey(), set.getValue());
        }
        return new RenderedChart(template.call());
    }

    static RenderedChart render(String... valuesFiles) {
        return render(List.of(valuesFiles), Map.of());
    }

    static RenderedChart renderWith(Map<String, Object> sets) {
        return render(List.of(), sets);
    }

    List<Manifest> ofKind(String kind) {
        return manifests.stream().filter(m -> m.kind().equals(kind)).collect(Collectors.toList());
    }

    Optional<Manifest> find(String kind, String name) {
        return manifests.stream().filter(m -> m.kind().equals(kind) && m.name().equals(name)).findFirst();
    }

    Manifest get(String kind, String name) {
        return find(kind, name).orElseThrow(() -> new AssertionError(
                "no " + kind + " named " + name + " in " + manifests.stream().map(Manifest::id).toList()));
    }

    /** The Deployment, ConfigMap and Service of one service are all named "ep-evalplane-<service>". */
    static String objectName(String service) {
        return RELEASE + "-evalplane-" + service;
    }

    Workload deployment(String service) {
        return new Workload(get("Deployment", objectName(service)));
    }

    Map<String, String> configMapData(String service) {
        return get("ConfigMap", objectName(service)).stringMap("data");
    }

    private static List<Manifest> parse(String yaml) {
        List<Manifest> docs = new ArrayList<>();
        for (Object doc : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(yaml)) {
            if (doc instanceof Map<?, ?> map) {
                docs.add(new Manifest(castMap(map)));
            }
        }
        return docs;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> castMap(Object o) {
        return o == null ? Map.of() : (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    static List<Object> castList(Object o) {
        return o == null ? List.of() : (List<Object>) o;
    }

    /** One Kubernetes object. */
    record Manifest(Map<String, Object> body) {

        String kind() {
            return (String) body.get("kind");
        }

        String name() {
            return (String) castMap(body.get("metadata")).get("name");
        }

        String id() {
            return kind() + "/" + name();
        }

        /** Follows a dotted path of map keys, e.g. "spec.template.spec". */
        Object at(String path) {
            Object current = body;
            for (String key : path.split("\\.")) {
                if (!(current instanceof Map<?, ?> map)) {
                    return null;
                }
                current = map.get(key);
            }
            return current;
        }

        Map<String, Object> map(String path) {
            return castMap(at(path));
        }

        List<Object> list(String path) {
            return castList(at(path));
        }

        Map<String, String> stringMap(String path) {
            Map<String, String> out = new LinkedHashMap<>();
            map(path).forEach((k, v) -> out.put(k, v == null ? null : String.valueOf(v)));
            return out;
        }
    }
}
