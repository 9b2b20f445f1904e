package io.switchboard.charts;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** What {@code helm template} printed, parsed into Kubernetes objects (fabric8's model; CRs as generic resources). */
public record Rendered(String text, List<HasMetadata> objects) {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final Pattern DOCUMENT = Pattern.compile("(?m)^---\\s*$");

    public static Rendered parse(String text) {
        List<HasMetadata> objects = new ArrayList<>();
        for (String document : DOCUMENT.split(text)) {
            String yaml = document.lines().filter(line -> !line.startsWith("#")).reduce("", (a, b) -> a + b + "\n");
            if (yaml.isBlank()) {
                continue;
            }
            Object parsed = SERIALIZATION.unmarshal(yaml);
            if (!(parsed instanceof HasMetadata object)) {
                throw new AssertionError("Not a Kubernetes object:\n" + document);
            }
            objects.add(object);
        }
        return new Rendered(text, List.copyOf(objects));
    }

    public <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /**
     * The {@code spec} of a resource as plain maps and lists, whether it was read into a typed model (the Prometheus
     * Operator's kinds, whose model is on the test classpath) or kept generic (Strimzi's).
     */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> spec(HasMetadata resource) {
        Map<String, Object> tree = SERIALIZATION.convertValue(resource, Map.class);
        return (Map<String, Object>) tree.get("spec");
    }

    public List<HasMetadata> ofKind(String kind) {
        return objects.stream().filter(object -> kind.equals(object.getKind())).toList();
    }

    public <T extends HasMetadata> Optional<T> named(Class<T> type, String name) {
        return all(type).stream()
                .filter(object -> name.equals(object.getMetadata().getName()))
                .findFirst();
    }

    public Deployment deployment(String name) {
        return named(Deployment.class, name)
                .orElseThrow(() -> new AssertionError("No Deployment " + name + " in:\n"
                        + objects.stream()
                                .map(o -> o.getKind() + "/" + o.getMetadata().getName())
                                .toList()));
    }
}
