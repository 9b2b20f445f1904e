#!/usr/bin/env python3
"""Writes values.schema.json of every service chart from the one description of a service's values below.

Run it after changing a value of the shared templates: python3 deploy/helm/tools/service_schema.py
The chart tests fail when a committed schema differs from what this writes.
"""
import json
import pathlib
import sys

HELM = pathlib.Path(__file__).resolve().parent.parent


def obj(properties, required=None, **more):
    schema = {"type": "object", "additionalProperties": False, "properties": properties}
    if required:
        schema["required"] = required
    schema.update(more)
    return schema


def string(description, **more):
    return {"type": "string", "description": description, **more}


def boolean(description):
    return {"type": "boolean", "description": description}


def integer(description, minimum=0, **more):
    return {"type": "integer", "description": description, "minimum": minimum, **more}


def free(description, kind="object"):
    return {"type": kind, "description": description}


def probe(path):
    return obj({
        "enabled": boolean(f"Probe on {path}"),
        "initialDelaySeconds": integer("Initial delay (s)"),
        "periodSeconds": integer("Period (s)", 1),
        "timeoutSeconds": integer("Timeout (s)", 1),
        "failureThreshold": integer("Failures before acting", 1),
        "successThreshold": integer("Successes", 1),
    }, description=f"Probe on the SmallRye Health endpoint {path}")


QUANTITY = {"type": ["string", "integer"], "pattern": "^[0-9]+(\\.[0-9]+)?(m|k|Ki|M|Mi|G|Gi|T|Ti)?$"}
PERCENT_OR_COUNT = {"type": ["string", "integer"], "pattern": "^([0-9]+%?)?$"}
SECRET_NAME = {"type": "string", "pattern": "^([a-z0-9]([-a-z0-9.]*[a-z0-9])?)?$"}
# Kubernetes' own rules, so that a value the API server would refuse fails at helm install, not in the cluster.
DNS_LABEL = {"type": "string", "maxLength": 63, "pattern": "^([a-z0-9]([-a-z0-9]*[a-z0-9])?)?$"}
LABELS = {"type": "object",
          "propertyNames": {"maxLength": 316,
                            "pattern": "^([a-z0-9]([-a-z0-9.]*[a-z0-9])?/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$"},
          "additionalProperties": {"type": "string", "maxLength": 63,
                                   "pattern": "^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$"}}
ANNOTATIONS = {"type": "object", "additionalProperties": {"type": "string"}}
# A host name of one or more DNS labels, lower case, or a wildcard (*.example.com); no scheme, port or path.
HOSTNAME = "^(\\*\\.)?[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?)*$"
ENV_NAME = "^[-._a-zA-Z][-._a-zA-Z0-9]*$"
PRESET = {"type": "string", "enum": ["soft", "hard", "none"]}

KAFKA = obj({
        "bootstrapServers": string("Kafka bootstrap servers", minLength=1),
        "tls": obj({
            "enabled": boolean("Connect over TLS"),
            "caSecret": {**SECRET_NAME, "description": "Secret with the cluster's CA certificate"},
            "caSecretKey": string("Key of the PEM certificate in caSecret", minLength=1),
        }),
        "sasl": obj({
            "enabled": boolean("Authenticate with SASL"),
            "mechanism": {"type": "string", "enum": ["SCRAM-SHA-512", "SCRAM-SHA-256", "PLAIN"]},
            "username": string("SASL user name"),
            "password": string("SASL password"),
            "existingSecret": {**SECRET_NAME, "description": "Secret with the JAAS configuration"},
            "existingSecretJaasConfigKey": string("Key of the JAAS configuration", minLength=1),
        }),
    })

GLOBAL = obj({
    "imageRegistry": string("Registry of every image, over image.registry"),
    "imagePullSecrets": {"type": "array", "items": {"type": "string"}, "description": "Names of pull Secrets"},
    "commonLabels": {**LABELS, "description": "Labels of every object of every chart (not of selectors)"},
    "kafka": KAFKA,
    "jwt": obj({
        "issuer": string("Accepted token issuer", minLength=1),
        "audience": string("Audience tokens must name", minLength=1),
        "publicKey": string("PEM public key", pattern="^(|-----BEGIN PUBLIC KEY-----[\\s\\S]*-----END PUBLIC KEY-----\\s*)$"),
        "existingSecret": {**SECRET_NAME, "description": "Secret with the PEM public key"},
        "existingSecretKey": string("Key of the public key", minLength=1),
    }),
    "provider": obj({
        "baseUrl": string("Base URL of the gateway's API", pattern="^(|https?://.+)$"),
        "apiKey": string("The gateway's API key"),
        "existingSecret": {**SECRET_NAME, "description": "Secret with the API key"},
        "existingSecretKey": string("Key of the API key", minLength=1),
    }),
    "secrets": obj({
        "keys": string("id:base64 AES keys, the first seals",
                       pattern="^(|[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/]{43}=(,[A-Za-z0-9_-]{1,32}:[A-Za-z0-9+/]{43}=)*)$"),
        "existingSecret": {**SECRET_NAME, "description": "Secret with the keys"},
        "existingSecretKey": string("Key of the keys", minLength=1),
    }),
}, description="Set once by the umbrella chart for every service")

COMMON = {
    "global": GLOBAL,
    "kafka": {**KAFKA, "description": "This service's Kafka settings over global.kafka (its own user, say)"},
    "nameOverride": {**DNS_LABEL, "description": "Replaces the chart's name"},
    "fullnameOverride": {**DNS_LABEL, "description": "Replaces <release>-<chart>"},
    "commonLabels": {**LABELS, "description": "Labels of every object (not of selectors)"},
    "component": string("app.kubernetes.io/component"),
    "image": obj({
        "registry": string("Image registry"),
        "repository": string("Image repository", minLength=1),
        "tag": {"type": "string", "description": "Image tag (a string: quote numbers)"},
        "digest": string("Image digest", pattern="^(|sha256:[a-f0-9]{64})$"),
        "pullPolicy": {"type": "string", "enum": ["Always", "IfNotPresent", "Never"]},
        "pullSecrets": {"type": "array", "items": {"type": "string"}},
    }),
    "replicaCount": integer("Replicas"),
    "updateStrategy": obj({
        "type": {"type": "string", "enum": ["RollingUpdate", "Recreate"]},
        "rollingUpdate": obj({"maxSurge": PERCENT_OR_COUNT, "maxUnavailable": PERCENT_OR_COUNT}),
    }),
    "minReadySeconds": integer("Seconds ready before available"),
    "terminationGracePeriodSeconds": integer("Grace period after SIGTERM (s)"),
    "shutdownDelaySeconds": integer("Seconds not ready but serving after SIGTERM"),
    "lifecycle": free("Container lifecycle hooks"),
    "containerPorts": obj({"http": integer("HTTP port", 1, maximum=65535)}),
    "resources": obj({
        "requests": obj({"cpu": QUANTITY, "memory": QUANTITY, "ephemeral-storage": QUANTITY}),
        "limits": obj({"cpu": QUANTITY, "memory": QUANTITY, "ephemeral-storage": QUANTITY}),
    }),
    "jvm": obj({
        "maxRamPercentage": {"type": "number", "minimum": 10, "maximum": 95},
        "initialRamPercentage": {"type": "number", "minimum": 1, "maximum": 95},
        "extraOptions": string("More JVM options"),
    }),
    "tmpSizeLimit": QUANTITY,
    "startupProbe": probe("/q/health/started"),
    "livenessProbe": probe("/q/health/live"),
    "readinessProbe": probe("/q/health/ready"),
    "autoscaling": obj({
        "enabled": boolean("Horizontal pod autoscaler"),
        "minReplicas": integer("Fewest replicas", 1),
        "maxReplicas": integer("Most replicas", 1),
        "targetCPUUtilizationPercentage": integer("Target CPU %", 1, maximum=100),
        "targetMemoryUtilizationPercentage": integer("Target memory % (0: off)", 0, maximum=100),
        "behavior": free("HorizontalPodAutoscalerBehavior"),
    }),
    "pdb": obj({
        "create": boolean("PodDisruptionBudget"),
        "minAvailable": PERCENT_OR_COUNT,
        "maxUnavailable": PERCENT_OR_COUNT,
    }),
    "podSecurityContext": obj({
        "enabled": boolean("Pod security context"),
        "runAsNonRoot": boolean("Refuse root"),
        "runAsUser": integer("User id"),
        "runAsGroup": integer("Group id"),
        "fsGroup": integer("Volume group"),
        "fsGroupChangePolicy": {"type": "string", "enum": ["OnRootMismatch", "Always"]},
        "supplementalGroups": {"type": "array", "items": {"type": "integer", "minimum": 0}},
        "seccompProfile": obj({"type": {"type": "string", "enum": ["RuntimeDefault", "Localhost", "Unconfined"]},
                               "localhostProfile": {"type": "string"}}),
    }),
    "containerSecurityContext": obj({
        "enabled": boolean("Container security context"),
        "runAsNonRoot": boolean("Refuse root"),
        "runAsUser": integer("User id"),
        "runAsGroup": integer("Group id"),
        "allowPrivilegeEscalation": boolean("Privilege escalation"),
        "readOnlyRootFilesystem": boolean("Read-only root file system"),
        "privileged": boolean("Privileged"),
        "capabilities": obj({"drop": {"type": "array", "items": {"type": "string"}},
                             "add": {"type": "array", "items": {"type": "string"}}}),
        "seccompProfile": obj({"type": {"type": "string", "enum": ["RuntimeDefault", "Localhost", "Unconfined"]},
                               "localhostProfile": {"type": "string"}}),
    }),
    "automountServiceAccountToken": boolean("Mount an API token in the pods"),
    "serviceAccount": obj({
        "create": boolean("Create a ServiceAccount"),
        "name": string("ServiceAccount name"),
        "annotations": free("ServiceAccount annotations"),
        "automountServiceAccountToken": boolean("Mount its token by default"),
    }),
    "networkPolicy": obj({
        "enabled": boolean("NetworkPolicy"),
        "allowExternal": boolean("Accept connections from any pod"),
        "allowExternalEgress": boolean("Allow every outbound connection"),
        "ingressNSMatchLabels": free("Namespaces allowed in"),
        "extraIngress": free("More ingress rules", "array"),
        "extraEgress": free("More egress rules", "array"),
    }),
    "service": obj({
        "type": {"type": "string", "enum": ["ClusterIP", "NodePort", "LoadBalancer"]},
        "port": integer("Service port", 1, maximum=65535),
        "annotations": free("Service annotations"),
    }),
    "ingress": obj({
        "enabled": boolean("Ingress"),
        "ingressClassName": string("Ingress class"),
        "hostname": string("Public host name", pattern=f"^$|{HOSTNAME}", maxLength=253),
        "paths": {"type": "array", "minItems": 1, "description": "Path prefixes",
                  "items": {"type": "string", "pattern": "^/[-A-Za-z0-9._~/{}]*$"}},
        "tls": boolean("TLS"),
        "tlsSecret": {**SECRET_NAME, "description": "Secret with the TLS certificate"},
        "annotations": free("Ingress annotations"),
    }),
    "metrics": obj({"serviceMonitor": obj({
        "enabled": boolean("ServiceMonitor"),
        "namespace": string("Namespace of the ServiceMonitor"),
        "interval": string("Scrape interval", pattern="^[0-9]+(ms|s|m|h)$"),
        "scrapeTimeout": string("Scrape timeout", pattern="^[0-9]+(ms|s|m|h)$"),
        "labels": {**LABELS, "description": "Labels Prometheus selects by"},
        "relabelings": free("RelabelConfigs", "array"),
        "metricRelabelings": free("Metric RelabelConfigs", "array"),
    })}),
    "podLabels": {**LABELS, "description": "More pod labels"},
    "podAnnotations": {**ANNOTATIONS, "description": "More pod annotations"},
    "nodeSelector": free("Node labels"),
    "tolerations": free("Tolerations", "array"),
    "affinity": free("Affinity"),
    "podAntiAffinityPreset": {**PRESET, "description": "Replicas on different nodes (when affinity is empty)"},
    "zoneSpreadPreset": {**PRESET, "description": "Replicas over zones (when topologySpreadConstraints is empty)"},
    "topologySpreadConstraints": free("Topology spread constraints", "array"),
    "priorityClassName": string("Priority class"),
    "extraEnvVars": {"type": "array",
                     "items": {"type": "object", "required": ["name"],
                               "properties": {"name": {"type": "string", "pattern": ENV_NAME},
                                              "value": {"type": "string"},
                                              "valueFrom": {"type": "object"}},
                               "additionalProperties": False},
                     "description": "More environment variables"},
    "extraEnvVarsCM": string("ConfigMap with more environment variables"),
    "extraEnvVarsSecret": string("Secret with more environment variables"),
    "extraVolumes": free("More volumes", "array"),
    "extraVolumeMounts": free("More volume mounts", "array"),
    "switchboard-common": {"type": "object",
                           "description": "The shared templates' library chart (Helm adds the key; it has no values)"},
    "config": {"type": "object", "description": "Application properties (property: value)",
               "propertyNames": {"pattern": "^(switchboard|quarkus|kafka|mp|smallrye|simulator)\\.[a-z0-9.\\-\"]+$"},
               "additionalProperties": {"type": ["string", "number", "boolean"]}},
}

DATABASE = obj({
    "url": string("JDBC URL of the service's database", pattern="^jdbc:postgresql://.+"),
    "username": string("Database user", minLength=1),
    "password": string("Database password"),
    "existingSecret": {**SECRET_NAME, "description": "Secret with the password"},
    "existingSecretPasswordKey": string("Key of the password", minLength=1),
})

MAIL = obj({
    "host": string("SMTP host", minLength=1),
    "port": integer("SMTP port", 1, maximum=65535),
    "from": string("Sender address", minLength=1),
    "startTls": {"type": "string", "enum": ["DISABLED", "OPTIONAL", "REQUIRED"]},
    "tls": boolean("SMTP over TLS (SMTPS)"),
    "username": string("SMTP user"),
    "password": string("SMTP password"),
    "existingSecret": {**SECRET_NAME, "description": "Secret with the SMTP password"},
    "existingSecretPasswordKey": string("Key of the password", minLength=1),
})

CHARTS = {
    "channel-service": {"database": DATABASE},
    "message-queue-service": {"database": DATABASE},
    "notification-service": {"database": DATABASE, "mail": MAIL},
    "billing-service": {"database": DATABASE},
    "provider-simulator": {"enabled": boolean("Install the simulator (the umbrella chart's condition)")},
    "console": {"enabled": boolean("Install the console (the umbrella chart's condition)")},
}


def schema(chart):
    properties = dict(COMMON)
    properties.update(CHARTS[chart])
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": f"Values of the {chart} chart",
        **obj(properties),
    }


def umbrella():
    """The umbrella chart: the shared values, topics, alerts, dashboard; each service's section is checked by its
    own chart's schema."""
    number = {"type": "number", "minimum": 0}
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "Values of the switchboard chart",
        **obj({
            "global": GLOBAL,
            "topics": obj({
                "enabled": boolean("Render KafkaTopic resources"),
                "apiVersion": {"type": "string", "enum": ["kafka.strimzi.io/v1", "kafka.strimzi.io/v1beta2"]},
                "kafkaCluster": string("Strimzi Kafka cluster", minLength=1),
                "namespace": string("Namespace the Topic Operator watches"),
                "partitions": integer("Partitions of every topic", 1),
                "replicas": integer("Replicas of every partition", 1),
                "minInSyncReplicas": integer("min.insync.replicas", 1),
                "retentionMs": integer("Retention of the event topics (ms)", 60000),
                "deadLetterRetentionMs": integer("Retention of the .dlq topics (ms)", 60000),
                "annotations": free("Annotations of every KafkaTopic"),
            }),
            "alerts": obj({
                "enabled": boolean("Render the PrometheusRule"),
                "labels": free("Labels Prometheus selects rules by"),
                "runbookBaseUrl": string("Runbook page", pattern="^https?://"),
                "heldMessages": number,
                "oldestHeldSeconds": number,
                "stuckChannels": number,
                "unstableChannels": number,
                "consumerLagRecords": number,
                "outboxOldestSeconds": number,
                "chargingLagDays": number,
            }),
            "dashboard": obj({
                "enabled": boolean("Grafana dashboard ConfigMap"),
                "labels": free("Labels Grafana's sidecar selects by"),
                "namespace": string("Namespace of the dashboard"),
            }),
            **{chart: {"type": "object", "description": f"Values of the {chart} chart (its own schema checks them)"}
               for chart in CHARTS},
        }),
    }


def write(path, schema, check):
    text = json.dumps(schema, indent=2) + "\n"
    name = path.relative_to(HELM.parent.parent)
    if check:
        if path.read_text() != text:
            print(f"{name} differs from what deploy/helm/tools/service_schema.py writes: run it")
            return False
        return True
    path.write_text(text)
    print(f"wrote {name}")
    return True


if __name__ == "__main__":
    # --check: write nothing, exit 1 when a committed schema is not what this writes (the chart tests run it).
    check = "--check" in sys.argv[1:]
    same = [write(HELM / chart / "values.schema.json", schema(chart), check) for chart in CHARTS]
    same.append(write(HELM / "switchboard" / "values.schema.json", umbrella(), check))
    sys.exit(0 if all(same) else 1)
