{{/* What a service uses, from its Chart.yaml annotation switchboard.io/uses (database, kafka, jwt, provider, mail, secrets). */}}
{{- define "switchboard-common.uses" -}}
{{- $uses := splitList "," (index (.Chart.Annotations | default dict) "switchboard.io/uses" | default "") -}}
{{- toJson $uses -}}
{{- end -}}

{{- define "switchboard-common.deployment" -}}
{{- $uses := include "switchboard-common.uses" . | fromJsonArray -}}
{{- $kafka := include "switchboard-common.kafka" . | fromYaml -}}
{{- $jwt := (.Values.global).jwt | default dict -}}
{{- $provider := (.Values.global).provider | default dict -}}
{{- $secrets := (.Values.global).secrets | default dict -}}
{{- $fullname := include "switchboard-common.fullname" . -}}
{{- $_ := include "switchboard-common.checks" . -}}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ $fullname }}
  namespace: {{ .Release.Namespace | quote }}
  labels:
    {{- include "switchboard-common.labels" . | nindent 4 }}
spec:
  {{- if not .Values.autoscaling.enabled }}
  replicas: {{ .Values.replicaCount }}
  {{- end }}
  revisionHistoryLimit: 5
  {{- with .Values.minReadySeconds }}
  minReadySeconds: {{ . }}
  {{- end }}
  selector:
    matchLabels:
      {{- include "switchboard-common.selectorLabels" . | nindent 6 }}
  strategy:
    type: {{ .Values.updateStrategy.type }}
    {{- if eq .Values.updateStrategy.type "RollingUpdate" }}
    rollingUpdate:
      {{- toYaml .Values.updateStrategy.rollingUpdate | nindent 6 }}
    {{- end }}
  template:
    metadata:
      labels:
        {{- include "switchboard-common.labels" . | nindent 8 }}
        {{- with .Values.podLabels }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
      annotations:
        {{- /* A changed setting or secret rolls the pods. */}}
        checksum/config: {{ include "switchboard-common.configmap" . | sha256sum }}
        checksum/secret: {{ include "switchboard-common.secret" . | sha256sum }}
        checksum/jwt: {{ include "switchboard-common.jwtSecret" . | sha256sum }}
        {{- with .Values.podAnnotations }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
    spec:
      {{- include "switchboard-common.imagePullSecrets" . | nindent 6 }}
      serviceAccountName: {{ include "switchboard-common.serviceAccountName" . }}
      {{- /* No KAFKA_*-style variables from other Services of the namespace: the services read KAFKA_* as settings. */}}
      enableServiceLinks: false
      automountServiceAccountToken: {{ .Values.automountServiceAccountToken }}
      {{- if .Values.podSecurityContext.enabled }}
      securityContext:
        {{- omit .Values.podSecurityContext "enabled" | toYaml | nindent 8 }}
      {{- end }}
      terminationGracePeriodSeconds: {{ .Values.terminationGracePeriodSeconds }}
      {{- with .Values.priorityClassName }}
      priorityClassName: {{ . }}
      {{- end }}
      {{- with .Values.nodeSelector }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with .Values.tolerations }}
      tolerations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- if .Values.affinity }}
      affinity:
        {{- toYaml .Values.affinity | nindent 8 }}
      {{- else if has .Values.podAntiAffinityPreset (list "soft" "hard") }}
      {{- /* Two replicas on one node would make the disruption budget useless against that node's failure. */}}
      affinity:
        podAntiAffinity:
          {{- if eq .Values.podAntiAffinityPreset "hard" }}
          requiredDuringSchedulingIgnoredDuringExecution:
            - topologyKey: kubernetes.io/hostname
              labelSelector:
                matchLabels:
                  {{- include "switchboard-common.selectorLabels" . | nindent 18 }}
          {{- else }}
          preferredDuringSchedulingIgnoredDuringExecution:
            - weight: 100
              podAffinityTerm:
                topologyKey: kubernetes.io/hostname
                labelSelector:
                  matchLabels:
                    {{- include "switchboard-common.selectorLabels" . | nindent 20 }}
          {{- end }}
      {{- end }}
      {{- if .Values.topologySpreadConstraints }}
      topologySpreadConstraints:
        {{- tpl (toYaml .Values.topologySpreadConstraints) $ | nindent 8 }}
      {{- else if has .Values.zoneSpreadPreset (list "soft" "hard") }}
      topologySpreadConstraints:
        - maxSkew: 1
          topologyKey: topology.kubernetes.io/zone
          whenUnsatisfiable: {{ ternary "DoNotSchedule" "ScheduleAnyway" (eq .Values.zoneSpreadPreset "hard") }}
          labelSelector:
            matchLabels:
              {{- include "switchboard-common.selectorLabels" . | nindent 14 }}
      {{- end }}
      containers:
        - name: {{ .Chart.Name }}
          image: {{ include "switchboard-common.image" . }}
          imagePullPolicy: {{ .Values.image.pullPolicy }}
          {{- if .Values.containerSecurityContext.enabled }}
          securityContext:
            {{- omit .Values.containerSecurityContext "enabled" | toYaml | nindent 12 }}
          {{- end }}
          {{- with .Values.lifecycle }}
          lifecycle:
            {{- toYaml . | nindent 12 }}
          {{- end }}
          ports:
            - name: http
              containerPort: {{ .Values.containerPorts.http }}
              protocol: TCP
          env:
            - name: QUARKUS_HTTP_PORT
              value: {{ .Values.containerPorts.http | quote }}
            - name: QUARKUS_CONFIG_LOCATIONS
              value: /etc/switchboard/config/application.properties
            {{- if gt (int .Values.shutdownDelaySeconds) 0 }}
            {{- /* Readiness turns DOWN at SIGTERM while the service goes on serving, until endpoints drop the pod. */}}
            - name: QUARKUS_SHUTDOWN_DELAY
              value: {{ printf "%ds" (int .Values.shutdownDelaySeconds) | quote }}
            {{- end }}
            {{- /* The JVM's heap follows the container's memory limit. */}}
            - name: JAVA_TOOL_OPTIONS
              value: {{ printf "-XX:MaxRAMPercentage=%v -XX:InitialRAMPercentage=%v %s" .Values.jvm.maxRamPercentage .Values.jvm.initialRamPercentage .Values.jvm.extraOptions | trim | quote }}
            {{- if has "database" $uses }}
            - name: QUARKUS_DATASOURCE_JDBC_URL
              value: {{ .Values.database.url | quote }}
            - name: QUARKUS_DATASOURCE_USERNAME
              value: {{ .Values.database.username | quote }}
            - name: QUARKUS_DATASOURCE_PASSWORD
              valueFrom:
                secretKeyRef:
                  name: {{ include "switchboard-common.databaseSecretName" . }}
                  key: {{ ternary .Values.database.existingSecretPasswordKey "database-password" (not (empty .Values.database.existingSecret)) }}
            {{- end }}
            {{- if has "kafka" $uses }}
            - name: KAFKA_BOOTSTRAP_SERVERS
              value: {{ $kafka.bootstrapServers | quote }}
            - name: KAFKA_SECURITY_PROTOCOL
              value: {{ printf "%s%s" (ternary "SASL_" "" $kafka.sasl.enabled) (ternary "SSL" "PLAINTEXT" $kafka.tls.enabled) | quote }}
            {{- if $kafka.tls.enabled }}
            - name: KAFKA_SSL_TRUSTSTORE_TYPE
              value: PEM
            - name: KAFKA_SSL_TRUSTSTORE_LOCATION
              value: {{ printf "/etc/switchboard/kafka-ca/%s" $kafka.tls.caSecretKey | quote }}
            {{- end }}
            {{- if $kafka.sasl.enabled }}
            - name: KAFKA_SASL_MECHANISM
              value: {{ $kafka.sasl.mechanism | quote }}
            - name: KAFKA_SASL_JAAS_CONFIG
              valueFrom:
                secretKeyRef:
                  {{- if $kafka.sasl.existingSecret }}
                  name: {{ $kafka.sasl.existingSecret }}
                  key: {{ $kafka.sasl.existingSecretJaasConfigKey }}
                  {{- else }}
                  name: {{ $fullname }}
                  key: kafka-sasl-jaas-config
                  {{- end }}
            {{- end }}
            {{- end }}
            {{- if has "jwt" $uses }}
            - name: MP_JWT_VERIFY_ISSUER
              value: {{ $jwt.issuer | default "switchboard" | quote }}
            - name: MP_JWT_VERIFY_AUDIENCES
              value: {{ $jwt.audience | default "switchboard" | quote }}
            - name: MP_JWT_VERIFY_PUBLICKEY_LOCATION
              value: /etc/switchboard/jwt/public.pem
            {{- end }}
            {{- if has "provider" $uses }}
            {{- with $provider.baseUrl }}
            - name: SWITCHBOARD_PROVIDER_BASE_URL
              value: {{ tpl . $ | quote }}
            {{- end }}
            - name: SWITCHBOARD_PROVIDER_API_KEY
              valueFrom:
                secretKeyRef:
                  name: {{ include "switchboard-common.providerSecretName" . }}
                  key: {{ ternary $provider.existingSecretKey "provider-api-key" (not (empty $provider.existingSecret)) }}
            {{- end }}
            {{- if has "secrets" $uses }}
            - name: SWITCHBOARD_SECRETS_KEYS
              valueFrom:
                secretKeyRef:
                  name: {{ ternary $secrets.existingSecret $fullname (not (empty $secrets.existingSecret)) }}
                  key: {{ ternary $secrets.existingSecretKey "secrets-keys" (not (empty $secrets.existingSecret)) }}
            {{- end }}
            {{- if has "mail" $uses }}
            - name: QUARKUS_MAILER_HOST
              value: {{ .Values.mail.host | quote }}
            - name: QUARKUS_MAILER_PORT
              value: {{ .Values.mail.port | quote }}
            - name: QUARKUS_MAILER_FROM
              value: {{ .Values.mail.from | quote }}
            - name: QUARKUS_MAILER_START_TLS
              value: {{ .Values.mail.startTls | quote }}
            - name: QUARKUS_MAILER_TLS
              value: {{ .Values.mail.tls | quote }}
            {{- if .Values.mail.username }}
            - name: QUARKUS_MAILER_USERNAME
              value: {{ .Values.mail.username | quote }}
            - name: QUARKUS_MAILER_PASSWORD
              valueFrom:
                secretKeyRef:
                  {{- if .Values.mail.existingSecret }}
                  name: {{ .Values.mail.existingSecret }}
                  key: {{ .Values.mail.existingSecretPasswordKey }}
                  {{- else }}
                  name: {{ $fullname }}
                  key: mail-password
                  {{- end }}
            {{- end }}
            {{- end }}
            {{- with .Values.extraEnvVars }}
            {{- tpl (toYaml .) $ | nindent 12 }}
            {{- end }}
          {{- if or .Values.extraEnvVarsCM .Values.extraEnvVarsSecret }}
          envFrom:
            {{- with .Values.extraEnvVarsCM }}
            - configMapRef:
                name: {{ tpl . $ }}
            {{- end }}
            {{- with .Values.extraEnvVarsSecret }}
            - secretRef:
                name: {{ tpl . $ }}
            {{- end }}
          {{- end }}
          {{- with .Values.resources }}
          resources:
            {{- toYaml . | nindent 12 }}
          {{- end }}
          {{- include "switchboard-common.probe" (dict "name" "startupProbe" "path" "/q/health/started" "probe" .Values.startupProbe) | nindent 10 }}
          {{- include "switchboard-common.probe" (dict "name" "livenessProbe" "path" "/q/health/live" "probe" .Values.livenessProbe) | nindent 10 }}
          {{- include "switchboard-common.probe" (dict "name" "readinessProbe" "path" "/q/health/ready" "probe" .Values.readinessProbe) | nindent 10 }}
          volumeMounts:
            - name: tmp
              mountPath: /tmp
            - name: config
              mountPath: /etc/switchboard/config
              readOnly: true
            {{- if has "jwt" $uses }}
            - name: jwt
              mountPath: /etc/switchboard/jwt
              readOnly: true
            {{- end }}
            {{- if and (has "kafka" $uses) $kafka.tls.enabled }}
            - name: kafka-ca
              mountPath: /etc/switchboard/kafka-ca
              readOnly: true
            {{- end }}
            {{- with .Values.extraVolumeMounts }}
            {{- toYaml . | nindent 12 }}
            {{- end }}
      volumes:
        {{- /* The root file system is read-only: the JVM and Vert.x write only here. */}}
        - name: tmp
          emptyDir:
            sizeLimit: {{ .Values.tmpSizeLimit }}
        - name: config
          configMap:
            name: {{ $fullname }}
        {{- if has "jwt" $uses }}
        - name: jwt
          secret:
            secretName: {{ include "switchboard-common.jwtSecretName" . }}
            items:
              - key: {{ $jwt.existingSecretKey | default "public.pem" }}
                path: public.pem
        {{- end }}
        {{- if and (has "kafka" $uses) $kafka.tls.enabled }}
        - name: kafka-ca
          secret:
            secretName: {{ required "global.kafka.tls.caSecret (or kafka.tls.caSecret): name the Secret that holds the Kafka cluster's CA certificate (Strimzi: <cluster>-cluster-ca-cert)" $kafka.tls.caSecret }}
        {{- end }}
        {{- with .Values.extraVolumes }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
{{- end -}}

{{/* A probe on a SmallRye Health endpoint; the timings come from values. */}}
{{- define "switchboard-common.probe" -}}
{{- if .probe.enabled }}
{{ .name }}:
  httpGet:
    path: {{ .path }}
    port: http
  {{- omit .probe "enabled" | toYaml | nindent 2 }}
{{- end }}
{{- end -}}

{{/*
Values that pass the schema but that the API server or the kubelet would refuse, or that would not do what they say:
refused here with the reason, at helm install rather than in the cluster.
*/}}
{{- define "switchboard-common.checks" -}}
{{- $name := .Chart.Name -}}
{{- if eq .Values.updateStrategy.type "RollingUpdate" }}
{{- $rolling := .Values.updateStrategy.rollingUpdate | default dict }}
{{- $surge := toString ($rolling.maxSurge | default 0) | trimSuffix "%" }}
{{- $unavailable := toString ($rolling.maxUnavailable | default 0) | trimSuffix "%" }}
{{- if and (eq (atoi $surge) 0) (eq (atoi $unavailable) 0) }}
{{- fail (printf "%s: updateStrategy.rollingUpdate.maxSurge and maxUnavailable are both 0: a rollout could never replace a pod. Set maxSurge to 1." $name) }}
{{- end }}
{{- end }}
{{- /* The container's settings win over the pod's, as the kubelet applies them. */}}
{{- $user := "" }}
{{- $nonRoot := false }}
{{- range $context := list "podSecurityContext" "containerSecurityContext" }}
{{- $security := index $.Values $context }}
{{- if $security.enabled }}
{{- if hasKey $security "runAsUser" }}{{ $user = toString $security.runAsUser }}{{ end }}
{{- if hasKey $security "runAsNonRoot" }}{{ $nonRoot = $security.runAsNonRoot }}{{ end }}
{{- end }}
{{- end }}
{{- if and $nonRoot (eq $user "0") }}
{{- fail (printf "%s: runAsUser is 0 (root) while runAsNonRoot is true (podSecurityContext, containerSecurityContext): the kubelet would not start the container" $name) }}
{{- end }}
{{- if and (gt (int .Values.shutdownDelaySeconds) 0) (ge (int .Values.shutdownDelaySeconds) (int .Values.terminationGracePeriodSeconds)) }}
{{- fail (printf "%s: shutdownDelaySeconds (%v) must be below terminationGracePeriodSeconds (%v), or the pod is killed before it finishes its work" $name .Values.shutdownDelaySeconds .Values.terminationGracePeriodSeconds) }}
{{- end }}
{{- range $key, $value := .Values.commonLabels }}
{{- if or (hasPrefix "app.kubernetes.io/" $key) (eq $key "helm.sh/chart") }}
{{- fail (printf "%s: commonLabels.%s is a label the chart sets itself" $name $key) }}
{{- end }}
{{- end }}
{{- if .Values.ingress.enabled }}
{{- range .Values.ingress.paths }}
{{- if and (ne $name "provider-simulator") (or (eq . "/") (eq . "/q") (hasPrefix "/q/" .)) }}
{{- fail (printf "%s: ingress.paths has %s, which would publish /q (health, metrics with account and channel labels, OpenAPI) on the public host; route only the API paths" $name .) }}
{{- end }}
{{- end }}
{{- end }}
{{- end -}}
