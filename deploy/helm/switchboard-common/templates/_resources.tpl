{{/* The service's settings as an application.properties file (values "config", rendered with tpl). */}}
{{- define "switchboard-common.configmap" -}}
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ include "switchboard-common.fullname" . }}
  namespace: {{ .Release.Namespace | quote }}
  labels:
    {{- include "switchboard-common.labels" . | nindent 4 }}
data:
  application.properties: |
    # Settings of {{ .Chart.Name }} (values "config"); see the service's README for each one.
    # Over the application.properties inside the image (250), under environment variables (300).
    config_ordinal=275
    {{- range $key, $value := .Values.config }}
    {{- /* Helm reads numbers as float64: a whole number is written as one (2097152, not 2.097152e+06). */}}
    {{- if and (kindIs "float64" $value) (eq $value (float64 (int64 $value))) }}
    {{- $value = int64 $value }}
    {{- end }}
    {{ $key }}={{ tpl (toString $value) $ }}
    {{- end }}
{{- end -}}

{{/*
Credentials given inline in values; existingSecret values point elsewhere instead. No Secret at all when every
credential comes from an existing one.
*/}}
{{- define "switchboard-common.secret" -}}
{{- $data := include "switchboard-common.secretData" . | trim -}}
{{- if $data }}
apiVersion: v1
kind: Secret
metadata:
  name: {{ include "switchboard-common.fullname" . }}
  namespace: {{ .Release.Namespace | quote }}
  labels:
    {{- include "switchboard-common.labels" . | nindent 4 }}
type: Opaque
data:
  {{- $data | nindent 2 }}
{{- end }}
{{- end -}}

{{- define "switchboard-common.secretData" -}}
{{- $uses := include "switchboard-common.uses" . | fromJsonArray -}}
{{- $kafka := include "switchboard-common.kafka" . | fromYaml -}}
{{- $provider := (.Values.global).provider | default dict -}}
{{- $secrets := (.Values.global).secrets | default dict -}}
{{- if and (has "database" $uses) (not .Values.database.existingSecret) }}
database-password: {{ .Values.database.password | toString | b64enc | quote }}
{{- end }}
{{- if and (has "provider" $uses) (not $provider.existingSecret) }}
provider-api-key: {{ $provider.apiKey | default "" | toString | b64enc | quote }}
{{- end }}
{{- if and (has "secrets" $uses) (not $secrets.existingSecret) }}
secrets-keys: {{ $secrets.keys | default "" | toString | b64enc | quote }}
{{- end }}
{{- if and (has "kafka" $uses) $kafka.sasl.enabled (not $kafka.sasl.existingSecret) }}
{{- $module := ternary "org.apache.kafka.common.security.plain.PlainLoginModule" "org.apache.kafka.common.security.scram.ScramLoginModule" (eq $kafka.sasl.mechanism "PLAIN") }}
{{- /* JAAS quotes the values: a backslash or a double quote in them is escaped. */}}
{{- $username := $kafka.sasl.username | toString | replace "\\" "\\\\" | replace "\"" "\\\"" }}
{{- $password := $kafka.sasl.password | toString | replace "\\" "\\\\" | replace "\"" "\\\"" }}
kafka-sasl-jaas-config: {{ printf "%s required username=\"%s\" password=\"%s\";" $module $username $password | b64enc | quote }}
{{- end }}
{{- if and (has "mail" $uses) .Values.mail.username (not .Values.mail.existingSecret) }}
mail-password: {{ .Values.mail.password | toString | b64enc | quote }}
{{- end }}
{{- end -}}

{{/* The JWT public key, when given inline. */}}
{{- define "switchboard-common.jwtSecret" -}}
{{- $uses := include "switchboard-common.uses" . | fromJsonArray -}}
{{- $jwt := (.Values.global).jwt | default dict -}}
{{- if and (has "jwt" $uses) $jwt.publicKey (not $jwt.existingSecret) }}
apiVersion: v1
kind: Secret
metadata:
  name: {{ include "switchboard-common.jwtSecretName" . }}
  namespace: {{ .Release.Namespace | quote }}
  labels:
    {{- include "switchboard-common.labels" . | nindent 4 }}
type: Opaque
data:
  public.pem: {{ $jwt.publicKey | b64enc | quote }}
{{- end }}
{{- end -}}

{{- define "switchboard-common.service" -}}
apiVersion: v1
kind: Service
metadata:
  name: {{ include "switchboard-common.fullname" . }}
  namespace: {{ .Release.Namespace | quote }}
  labels:
    {{- include "switchboard-common.labels" . | nindent 4 }}
  {{- with .Values.service.annotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
spec:
  type: {{ .Values.service.type }}
  ports:
    - name: http
      port: {{ .Values.service.port }}
      targetPort: http
      protocol: TCP
  selector:
    {{- include "switchboard-common.selectorLabels" . | nindent 4 }}
{{- end -}}

{{- define "switchboard-common.serviceAccount" -}}
{{- if .Values.serviceAccount.create }}
apiVersion: v1
kind: ServiceAccount
metadata:
  name: {{ include "switchboard-common.serviceAccountName" . }}
  namespace: {{ .Release.Namespace | quote }}
  labels:
    {{- include "switchboard-common.labels" . | nindent 4 }}
  {{- with .Values.serviceAccount.annotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
automountServiceAccountToken: {{ .Values.serviceAccount.automountServiceAccountToken }}
{{- end }}
{{- end -}}

{{- define "switchboard-common.hpa" -}}
{{- if .Values.autoscaling.enabled }}
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {{ include "switchboard-common.fullname" . }}
  namespace: {{ .Release.Namespace | quote }}
  labels:
    {{- include "switchboard-common.labels" . | nindent 4 }}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: {{ include "switchboard-common.fullname" . }}
  minReplicas: {{ .Values.autoscaling.minReplicas }}
  maxReplicas: {{ .Values.autoscaling.maxReplicas }}
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: {{ .Values.autoscaling.targetCPUUtilizationPercentage }}
    {{- /* Compared as a number: Helm 3.18.0 hands schema-checked values over as json.Number, which "with" takes as set. */}}
    {{- $memory := .Values.autoscaling.targetMemoryUtilizationPercentage | toString | atoi }}
    {{- if gt $memory 0 }}
    - type: Resource
      resource:
        name: memory
        target:
          type: Utilization
          averageUtilization: {{ $memory }}
    {{- end }}
  {{- with .Values.autoscaling.behavior }}
  behavior:
    {{- toYaml . | nindent 4 }}
  {{- end }}
{{- end }}
{{- end -}}

{{- define "switchboard-common.pdb" -}}
{{- if .Values.pdb.create }}
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ include "switchboard-common.fullname" . }}
  namespace: {{ .Release.Namespace | quote }}
  labels:
    {{- include "switchboard-common.labels" . | nindent 4 }}
spec:
  {{- if ne (toString .Values.pdb.minAvailable) "" }}
  minAvailable: {{ .Values.pdb.minAvailable }}
  {{- else if ne (toString .Values.pdb.maxUnavailable) "" }}
  maxUnavailable: {{ .Values.pdb.maxUnavailable }}
  {{- else }}
  maxUnavailable: 1
  {{- end }}
  selector:
    matchLabels:
      {{- include "switchboard-common.selectorLabels" . | nindent 6 }}
{{- end }}
{{- end -}}

{{- define "switchboard-common.networkPolicy" -}}
{{- if .Values.networkPolicy.enabled }}
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: {{ include "switchboard-common.fullname" . }}
  namespace: {{ .Release.Namespace | quote }}
  labels:
    {{- include "switchboard-common.labels" . | nindent 4 }}
spec:
  podSelector:
    matchLabels:
      {{- include "switchboard-common.selectorLabels" . | nindent 6 }}
  policyTypes:
    - Ingress
    - Egress
  ingress:
    - ports:
        - port: {{ .Values.containerPorts.http }}
          protocol: TCP
      {{- if not .Values.networkPolicy.allowExternal }}
      from:
        {{- /* The other Switchboard pods of this release (and Prometheus, if it runs as one of them). */}}
        - podSelector:
            matchLabels:
              app.kubernetes.io/instance: {{ .Release.Name }}
        - podSelector:
            matchLabels:
              {{ include "switchboard-common.fullname" . | trunc 56 | trimSuffix "-" }}-client: "true"
        {{- with .Values.networkPolicy.ingressNSMatchLabels }}
        - namespaceSelector:
            matchLabels:
              {{- toYaml . | nindent 14 }}
        {{- end }}
      {{- end }}
    {{- with .Values.networkPolicy.extraIngress }}
    {{- tpl (toYaml .) $ | nindent 4 }}
    {{- end }}
  egress:
    {{- if .Values.networkPolicy.allowExternalEgress }}
    - {}
    {{- else }}
    - ports:
        - port: 53
          protocol: UDP
        - port: 53
          protocol: TCP
    - to:
        - podSelector:
            matchLabels:
              app.kubernetes.io/instance: {{ .Release.Name }}
    {{- with .Values.networkPolicy.extraEgress }}
    {{- tpl (toYaml .) $ | nindent 4 }}
    {{- end }}
    {{- end }}
{{- end }}
{{- end -}}

{{- define "switchboard-common.serviceMonitor" -}}
{{- if .Values.metrics.serviceMonitor.enabled }}
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: {{ include "switchboard-common.fullname" . }}
  namespace: {{ .Values.metrics.serviceMonitor.namespace | default .Release.Namespace | quote }}
  labels:
    {{- include "switchboard-common.labels" . | nindent 4 }}
    {{- with .Values.metrics.serviceMonitor.labels }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
spec:
  namespaceSelector:
    matchNames:
      - {{ .Release.Namespace | quote }}
  selector:
    matchLabels:
      {{- include "switchboard-common.selectorLabels" . | nindent 6 }}
  endpoints:
    - port: http
      path: /q/metrics
      interval: {{ .Values.metrics.serviceMonitor.interval }}
      scrapeTimeout: {{ .Values.metrics.serviceMonitor.scrapeTimeout }}
      {{- with .Values.metrics.serviceMonitor.relabelings }}
      relabelings:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with .Values.metrics.serviceMonitor.metricRelabelings }}
      metricRelabelings:
        {{- toYaml . | nindent 8 }}
      {{- end }}
{{- end }}
{{- end -}}

{{- define "switchboard-common.ingress" -}}
{{- if .Values.ingress.enabled }}
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: {{ include "switchboard-common.fullname" . }}
  namespace: {{ .Release.Namespace | quote }}
  labels:
    {{- include "switchboard-common.labels" . | nindent 4 }}
  {{- with .Values.ingress.annotations }}
  annotations:
    {{- toYaml . | nindent 4 }}
  {{- end }}
spec:
  {{- with .Values.ingress.ingressClassName }}
  ingressClassName: {{ . }}
  {{- end }}
  {{- if .Values.ingress.tls }}
  tls:
    - hosts:
        - {{ .Values.ingress.hostname | quote }}
      secretName: {{ .Values.ingress.tlsSecret | default (printf "%s-tls" (include "switchboard-common.fullname" .)) | quote }}
  {{- end }}
  rules:
    - host: {{ required "ingress.hostname: the public host name of the service" .Values.ingress.hostname | quote }}
      http:
        paths:
          {{- range .Values.ingress.paths }}
          - path: {{ . | quote }}
            pathType: Prefix
            backend:
              service:
                name: {{ include "switchboard-common.fullname" $ }}
                port:
                  name: http
          {{- end }}
{{- end }}
{{- end -}}

{{/* Every resource of a service chart, separated as one stream. */}}
{{- define "switchboard-common.all" -}}
{{- range $part := list "serviceAccount" "configmap" "secret" "jwtSecret" "service" "deployment" "hpa" "pdb" "networkPolicy" "serviceMonitor" "ingress" }}
{{- $rendered := include (printf "switchboard-common.%s" $part) $ | trim }}
{{- if $rendered }}
---
{{ $rendered }}
{{- end }}
{{- end }}
{{- end -}}
