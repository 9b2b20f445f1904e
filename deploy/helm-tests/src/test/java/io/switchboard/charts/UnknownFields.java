package io.switchboard.charts;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Fields of a rendered object that its Kubernetes API type does not have: a typo or a value indented one level too
 * deep, which the API server drops (or, with strict field validation, refuses). fabric8's model keeps every field it
 * does not know in an {@code additionalProperties} map; this walks the object and lists them by path. Custom
 * resources (Strimzi, the Prometheus Operator) are first read into their typed models ({@link CustomResourceModels});
 * a value that does not fit its field's type is listed too.
 */
final class UnknownFields {

    /** The packages of the models walked: Kubernetes', the Prometheus Operator's (fabric8), Strimzi's. */
    private static final Pattern MODELS = Pattern.compile(
            "io\\.fabric8\\.kubernetes\\.api\\.model|io\\.fabric8\\.openshift\\.api\\.model|io\\.strimzi\\.api");

    private UnknownFields() {}

    static List<String> of(HasMetadata object) {
        List<String> found = new ArrayList<>();
        Object typed = object;
        if (object instanceof GenericKubernetesResource resource) {
            try {
                typed = CustomResourceModels.typed(resource);
            } catch (IllegalArgumentException e) {
                found.add(object.getKind() + " " + object.getMetadata().getName() + ": " + e.getMessage());
                return found;
            }
        }
        walk(typed, object.getKind(), found, new IdentityHashMap<>());
        return found;
    }

    private static void walk(Object value, String path, List<String> found, Map<Object, Boolean> seen) {
        if (value == null || seen.put(value, Boolean.TRUE) != null) {
            return;
        }
        if (value instanceof Collection<?> items) {
            int index = 0;
            for (Object item : items) {
                walk(item, path + "[" + index++ + "]", found, seen);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, item) -> walk(item, path + "[" + key + "]", found, seen));
            return;
        }
        if (!MODELS.matcher(value.getClass().getName()).lookingAt()) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0
                    || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get")
                    || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object field;
            try {
                field = getter.invoke(value);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (field instanceof Map<?, ?> unknown) {
                    unknown.keySet().forEach(key -> found.add(path + "." + key));
                }
                continue;
            }
            String name = Character.toLowerCase(getter.getName().charAt(3))
                    + getter.getName().substring(4);
            walk(field, path + "." + name, found, seen);
        }
    }
}
