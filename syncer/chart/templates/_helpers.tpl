{{/* Fixed names, the same as `kplane syncer-manifest` prints: one agent per namespace. */}}
{{- define "kplane-syncer.name" -}}kplane-syncer{{- end -}}

{{- define "kplane-syncer.target" -}}
{{- required "syncTarget is required: the name of this cluster's SyncTarget on the hub" .Values.syncTarget -}}
{{- end -}}

{{/* Cluster-scoped RBAC objects are per target, so two agents on one cluster do not collide. */}}
{{- define "kplane-syncer.clusterRoleName" -}}kplane-syncer-{{ include "kplane-syncer.target" . }}{{- end -}}

{{- define "kplane-syncer.secretName" -}}
{{- if .Values.existingSecret -}}{{ .Values.existingSecret }}{{- else -}}kplane-syncer-upstream{{- end -}}
{{- end -}}

{{- define "kplane-syncer.selectorLabels" -}}
app.kubernetes.io/name: kplane-syncer
app.kubernetes.io/instance: {{ include "kplane-syncer.target" . | quote }}
{{- end -}}

{{- define "kplane-syncer.labels" -}}
{{ include "kplane-syncer.selectorLabels" . }}
app.kubernetes.io/part-of: kplane
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | quote }}
{{- end -}}

{{- define "kplane-syncer.image" -}}
{{- if .Values.image.digest -}}
{{ .Values.image.repository }}@{{ .Values.image.digest }}
{{- else -}}
{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}
{{- end -}}
{{- end -}}
