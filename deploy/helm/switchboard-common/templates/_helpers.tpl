{{/* Names and labels of a Switchboard service chart. */}}

{{- define "switchboard-common.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* <release>-<chart>, or the release name alone when it already holds the chart's name. */}}
{{- define "switchboard-common.fullname" -}}
{{- include "switchboard-common.fullnameOf" (dict "release" .Release.Name "chart" .Chart.Name "values" .Values) -}}
{{- end -}}

{{/*
The same name from a release name, a chart name and that chart's values: the umbrella chart's NOTES name each
service's objects with it.
*/}}
{{- define "switchboard-common.fullnameOf" -}}
{{- if .values.fullnameOverride -}}
{{- .values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .chart .values.nameOverride -}}
{{- if contains $name .release -}}
{{- .release | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .release $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "switchboard-common.selectorLabels" -}}
app.kubernetes.io/name: {{ include "switchboard-common.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "switchboard-common.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{ include "switchboard-common.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: switchboard
app.kubernetes.io/component: {{ .Values.component | default "service" }}
{{- include "switchboard-common.commonLabels" . }}
{{- end -}}

{{/* commonLabels over global.commonLabels: labels a platform team puts on every object (never on selectors). */}}
{{- define "switchboard-common.commonLabels" -}}
{{- with merge (deepCopy (.Values.commonLabels | default dict)) ((.Values.global).commonLabels | default dict) }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{- define "switchboard-common.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "switchboard-common.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{/* registry/repository:tag, or @digest when a digest is given; global.imageRegistry wins over image.registry. */}}
{{- define "switchboard-common.image" -}}
{{- $registry := .Values.image.registry -}}
{{- if and .Values.global .Values.global.imageRegistry -}}
{{- $registry = .Values.global.imageRegistry -}}
{{- end -}}
{{- $tag := .Values.image.tag | default .Chart.AppVersion | toString -}}
{{- $repository := .Values.image.repository -}}
{{- if $registry -}}
{{- $repository = printf "%s/%s" $registry $repository -}}
{{- end -}}
{{- if .Values.image.digest -}}
{{- printf "%s@%s" $repository .Values.image.digest -}}
{{- else -}}
{{- printf "%s:%s" $repository $tag -}}
{{- end -}}
{{- end -}}

{{- define "switchboard-common.imagePullSecrets" -}}
{{- $secrets := concat ((.Values.global).imagePullSecrets | default list) (.Values.image.pullSecrets | default list) | uniq -}}
{{- if $secrets }}
imagePullSecrets:
{{- range $secrets }}
  - name: {{ . }}
{{- end }}
{{- end -}}
{{- end -}}

{{/* Kafka settings: global.kafka with this chart's kafka over it. */}}
{{- define "switchboard-common.kafka" -}}
{{- $global := deepCopy ((.Values.global).kafka | default dict) -}}
{{- toYaml (mergeOverwrite $global (deepCopy (.Values.kafka | default dict))) -}}
{{- end -}}

{{/* The name of the Secret that holds the JWT public key. */}}
{{- define "switchboard-common.jwtSecretName" -}}
{{- $jwt := (.Values.global).jwt | default dict -}}
{{- if $jwt.existingSecret -}}
{{- $jwt.existingSecret -}}
{{- else -}}
{{- printf "%s-jwt" (include "switchboard-common.fullname" .) -}}
{{- end -}}
{{- end -}}

{{/* The name of the Secret that holds the database password. */}}
{{- define "switchboard-common.databaseSecretName" -}}
{{- if .Values.database.existingSecret -}}
{{- .Values.database.existingSecret -}}
{{- else -}}
{{- include "switchboard-common.fullname" . -}}
{{- end -}}
{{- end -}}

{{/* The name of the Secret that holds the provider's API key. */}}
{{- define "switchboard-common.providerSecretName" -}}
{{- $provider := (.Values.global).provider | default dict -}}
{{- if $provider.existingSecret -}}
{{- $provider.existingSecret -}}
{{- else -}}
{{- include "switchboard-common.fullname" . -}}
{{- end -}}
{{- end -}}
