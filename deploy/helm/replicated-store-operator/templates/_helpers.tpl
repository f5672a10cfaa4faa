{{- define "rso.name" -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "rso.labels" -}}
app.kubernetes.io/name: replicated-store-operator
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
{{- end -}}

{{- define "rso.selector" -}}
app.kubernetes.io/name: replicated-store-operator
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "rso.serviceAccount" -}}
{{- if .Values.serviceAccount.create -}}
{{ default (include "rso.name" .) .Values.serviceAccount.name }}
{{- else -}}
{{ default "default" .Values.serviceAccount.name }}
{{- end -}}
{{- end -}}
