{{/* What the operator must still do: one line per value that will not work as given. */}}
{{- define "switchboard-common.warnings" -}}
{{- $uses := include "switchboard-common.uses" . | fromJsonArray -}}
{{- $jwt := (.Values.global).jwt | default dict -}}
{{- $provider := (.Values.global).provider | default dict -}}
{{- $fullname := include "switchboard-common.fullname" . -}}
{{- if and (has "jwt" $uses) (not $jwt.publicKey) (not $jwt.existingSecret) }}
  - {{ .Chart.Name }}: no JWT public key. Set global.jwt.publicKey, or global.jwt.existingSecret, or create it:
      kubectl -n {{ .Release.Namespace }} create secret generic {{ $fullname }}-jwt --from-file=public.pem=./public.pem
    Until then the pods wait in ContainerCreating.
{{- end }}
{{- if and (has "database" $uses) (not .Values.database.password) (not .Values.database.existingSecret) }}
  - {{ .Chart.Name }}: no database password (database.password or database.existingSecret); it connects to {{ .Values.database.url }} without one.
{{- end }}
{{- if and (has "provider" $uses) (not $provider.baseUrl) }}
  - {{ .Chart.Name }}: global.provider.baseUrl is not set; it calls the provider at its built-in default (http://localhost:8090).
{{- end }}
{{- $secrets := (.Values.global).secrets | default dict -}}
{{- if and (has "secrets" $uses) (not $secrets.keys) (not $secrets.existingSecret) }}
  - {{ .Chart.Name }}: no keys to seal the secrets it keeps (global.secrets.keys or global.secrets.existingSecret); it will not start without them.
{{- end }}
{{- if and (has "provider" $uses) (not $provider.apiKey) (not $provider.existingSecret) }}
  - {{ .Chart.Name }}: no provider API key (global.provider.apiKey or global.provider.existingSecret).
{{- end }}
{{- $kafka := include "switchboard-common.kafka" . | fromYaml -}}
{{- if and (has "kafka" $uses) $kafka.sasl.enabled (not $kafka.sasl.existingSecret) (not $kafka.sasl.username) }}
{{- fail "kafka.sasl.enabled needs kafka.sasl.existingSecret (Strimzi: the KafkaUser's Secret) or kafka.sasl.username and password" }}
{{- end }}
{{- if and .Values.autoscaling.enabled (gt (int .Values.autoscaling.minReplicas) (int .Values.autoscaling.maxReplicas)) }}
{{- fail (printf "%s: autoscaling.minReplicas (%v) is above autoscaling.maxReplicas (%v)" .Chart.Name .Values.autoscaling.minReplicas .Values.autoscaling.maxReplicas) }}
{{- end }}
{{- if and .Values.pdb.create (ne (toString .Values.pdb.minAvailable) "") (ne (toString .Values.pdb.maxUnavailable) "") }}
{{- fail (printf "%s: set pdb.minAvailable or pdb.maxUnavailable, not both" .Chart.Name) }}
{{- end }}
{{- if and (eq (int .Values.replicaCount) 1) .Values.pdb.create (not .Values.autoscaling.enabled) }}
  - {{ .Chart.Name }}: one replica with a PodDisruptionBudget: a node drain waits for it to start elsewhere. Run 2 or more replicas.
{{- end }}
{{- if and (not .Values.image.digest) (or (eq (toString .Values.image.tag) "latest") (hasSuffix "-SNAPSHOT" (toString (.Values.image.tag | default .Chart.AppVersion)))) }}
  - {{ .Chart.Name }}: image tag {{ .Values.image.tag | default .Chart.AppVersion }} moves; pin a release tag or image.digest in production.
{{- end }}
{{- end -}}

{{/* How to check one service after the install. */}}
{{- define "switchboard-common.verify" -}}
{{- $fullname := include "switchboard-common.fullname" . -}}
  kubectl -n {{ .Release.Namespace }} rollout status deployment/{{ $fullname }}
  kubectl -n {{ .Release.Namespace }} port-forward service/{{ $fullname }} 8080:{{ .Values.service.port }} &
  curl -s localhost:8080/q/health/ready    # {"status":"UP",...}
{{- end -}}

{{- define "switchboard-common.notes" -}}
{{ .Chart.Name }} {{ .Chart.AppVersion }} is installed as release {{ .Release.Name }} in namespace {{ .Release.Namespace }}:
{{ .Values.replicaCount }} replica(s) of {{ include "switchboard-common.image" . }}.

Verify it:
{{ include "switchboard-common.verify" . }}
{{- $warnings := include "switchboard-common.warnings" . }}
{{- if $warnings }}

ACTION REQUIRED:
{{ $warnings }}
{{- end }}
{{- end -}}
