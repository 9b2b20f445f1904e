package io.switchboard.charts;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.openshift.api.model.monitoring.v1.PrometheusRule;
import io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.util.Map;

/**
 * The typed models of the custom resources the charts render: Strimzi's own API classes for its KafkaTopic, fabric8's
 * model of the Prometheus Operator's resources. A rendered resource read into its model keeps the fields the model
 * does not know in {@code additionalProperties}, as the core types do, and a value of the wrong type fails to read.
 */
final class CustomResourceModels {

    private static final Map<String, Class<?>> BY_KIND = Map.of(
            "KafkaTopic", KafkaTopic.class,
            "ServiceMonitor", ServiceMonitor.class,
            "PrometheusRule", PrometheusRule.class);

    /** Unknown fields are kept, not refused: the walk reports them by path. */
    private static final ObjectMapper MAPPER =
            new ObjectMapper().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private CustomResourceModels() {}

    /** The resource as its typed model; throws if the kind has no model or a value does not fit its type. */
    static Object typed(GenericKubernetesResource resource) {
        Class<?> type = BY_KIND.get(resource.getKind());
        if (type == null) {
            throw new IllegalArgumentException(
                    "no model of " + resource.getKind() + " to check it against: add one to CustomResourceModels");
        }
        return MAPPER.convertValue(resource, type);
    }
}
