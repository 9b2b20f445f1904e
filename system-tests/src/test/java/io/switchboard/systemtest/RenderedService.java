package io.switchboard.systemtest;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.switchboard.charts.Rendered;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Deployment of the rendered chart turned into what a kubelet would give its container: the environment (values
 * and secretKeyRefs resolved from the rendered Secrets) and the mounted ConfigMap and Secret files, written under a
 * local folder that stands for the container's root (paths in the environment are moved there).
 */
record RenderedService(String name, Container container, Map<String, String> env) {

    static RenderedService of(Rendered rendered, Deployment deployment, Path root) {
        Container container =
                deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        Map<String, Path> mounts = new LinkedHashMap<>();
        for (VolumeMount mount : container.getVolumeMounts()) {
            Volume volume = deployment.getSpec().getTemplate().getSpec().getVolumes().stream()
                    .filter(candidate -> candidate.getName().equals(mount.getName()))
                    .findFirst()
                    .orElseThrow();
            Path local = root.resolve(mount.getMountPath().substring(1));
            if (volume.getConfigMap() != null) {
                ConfigMap map = rendered.named(
                                ConfigMap.class, volume.getConfigMap().getName())
                        .orElseThrow(() -> new AssertionError(
                                "ConfigMap " + volume.getConfigMap().getName() + " is not rendered"));
                map.getData()
                        .forEach((key, value) -> write(local.resolve(key), value.getBytes(StandardCharsets.UTF_8)));
            } else if (volume.getSecret() != null) {
                Secret secret = secret(rendered, volume.getSecret().getSecretName());
                List<KeyToPath> items = volume.getSecret().getItems();
                if (items == null || items.isEmpty()) {
                    secret.getData()
                            .forEach((key, value) -> write(
                                    local.resolve(key), Base64.getDecoder().decode(value)));
                } else {
                    for (KeyToPath item : items) {
                        write(
                                local.resolve(item.getPath()),
                                Base64.getDecoder().decode(secret.getData().get(item.getKey())));
                    }
                }
            }
            mounts.put(mount.getMountPath(), local);
        }
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvVar variable : container.getEnv()) {
            String value = variable.getValue();
            if (variable.getValueFrom() != null) {
                var ref = variable.getValueFrom().getSecretKeyRef();
                String encoded = secret(rendered, ref.getName()).getData().get(ref.getKey());
                value = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            }
            for (Map.Entry<String, Path> mount : mounts.entrySet()) {
                if (value.startsWith(mount.getKey() + "/")) {
                    value = mount.getValue() + value.substring(mount.getKey().length());
                }
            }
            env.put(variable.getName(), value);
        }
        return new RenderedService(deployment.getMetadata().getName(), container, Map.copyOf(env));
    }

    private static Secret secret(Rendered rendered, String name) {
        return rendered.named(Secret.class, name)
                .orElseThrow(() -> new AssertionError(
                        "Secret " + name + " is not rendered (an existingSecret cannot be run here)"));
    }

    private static void write(Path file, byte[] content) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
