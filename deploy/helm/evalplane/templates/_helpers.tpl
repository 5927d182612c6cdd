{{/*
The four services: values key -> service name, HTTP port, whether it owns a PostgreSQL schema and talks to Kafka.
*/}}
{{- define "evalplane.catalog" -}}
gateway:
  name: ui-gateway
  port: 8080
  database: false
  kafka: false
scorer:
  name: scorer-service
  port: 8081
  database: true
  kafka: true
cost:
  name: cost-service
  port: 8082
  database: true
  kafka: true
trace:
  name: trace-service
  port: 8083
  database: true
  kafka: true
{{- end }}

{{- define "evalplane.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "evalplane.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "evalplane.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Name of one service's objects. Arguments: root, meta (catalog entry). */}}
{{- define "evalplane.serviceFullname" -}}
{{- printf "%s-%s" (include "evalplane.fullname" .root) .meta.name | trunc 63 | trimSuffix "-" }}
{{- end }}

{{- define "evalplane.labels" -}}
helm.sh/chart: {{ include "evalplane.chart" . }}
app.kubernetes.io/name: {{ include "evalplane.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: evalplane
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/* Arguments: root, meta. */}}
{{- define "evalplane.selectorLabels" -}}
app.kubernetes.io/name: {{ include "evalplane.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .meta.name }}
{{- end }}

{{- define "evalplane.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "evalplane.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* Image of one service. Arguments: root, meta, svc. */}}
{{- define "evalplane.image" -}}
{{- $img := .root.Values.image }}
{{- $tag := default (default .root.Chart.AppVersion $img.tag) .svc.image.tag }}
{{- if .svc.image.repository }}
{{- printf "%s:%s" .svc.image.repository $tag }}
{{- else }}
{{- $parts := list }}
{{- if $img.registry }}{{ $parts = append $parts $img.registry }}{{ end }}
{{- if $img.repositoryPrefix }}{{ $parts = append $parts $img.repositoryPrefix }}{{ end }}
{{- $parts = append $parts .meta.name }}
{{- printf "%s:%s" (join "/" $parts) $tag }}
{{- end }}
{{- end }}

{{/* In-cluster base URL of a service, by values key. Arguments: root, key. */}}
{{- define "evalplane.serviceUrl" -}}
{{- $meta := index (include "evalplane.catalog" .root | fromYaml) .key }}
{{- printf "http://%s:%v" (include "evalplane.serviceFullname" (dict "root" .root "meta" $meta)) $meta.port }}
{{- end }}

{{/* host:port/database?sslmode of one service. Arguments: root, svc. */}}
{{- define "evalplane.pgLocation" -}}
{{- $pg := .root.Values.postgresql }}
{{- $db := ternary .svc.database.name $pg.database $pg.separateDatabases }}
{{- printf "%s:%v/%s" $pg.host $pg.port $db }}
{{- if $pg.sslMode }}?sslmode={{ $pg.sslMode }}{{ end }}
{{- end }}

{{- define "evalplane.jdbcUrl" -}}
{{- coalesce .svc.database.jdbcUrl .root.Values.postgresql.jdbcUrl (printf "jdbc:postgresql://%s" (include "evalplane.pgLocation" .)) }}
{{- end }}

{{- define "evalplane.reactiveUrl" -}}
{{- coalesce .svc.database.reactiveUrl .root.Values.postgresql.reactiveUrl (printf "postgresql://%s" (include "evalplane.pgLocation" .)) }}
{{- end }}

{{- define "evalplane.kafkaSasl" -}}
{{- has .Values.kafka.securityProtocol (list "SASL_PLAINTEXT" "SASL_SSL") }}
{{- end }}

{{- define "evalplane.kafkaTruststorePath" -}}
/etc/evalplane/kafka-truststore/{{ .Values.kafka.tls.truststoreSecret.key }}
{{- end }}

{{/* Non-secret Kafka client settings as KAFKA_* variables (Quarkus maps KAFKA_X_Y to the client property x.y). */}}
{{- define "evalplane.kafkaConfig" -}}
{{- $k := .Values.kafka }}
KAFKA_BOOTSTRAP_SERVERS: {{ $k.bootstrapServers | quote }}
KAFKA_SECURITY_PROTOCOL: {{ $k.securityProtocol | quote }}
{{- if eq (include "evalplane.kafkaSasl" .) "true" }}
KAFKA_SASL_MECHANISM: {{ $k.sasl.mechanism | quote }}
{{- end }}
{{- if $k.tls.truststoreSecret.name }}
KAFKA_SSL_TRUSTSTORE_LOCATION: {{ include "evalplane.kafkaTruststorePath" . | quote }}
KAFKA_SSL_TRUSTSTORE_TYPE: {{ $k.tls.truststoreType | quote }}
{{- end }}
{{- range $prop, $value := $k.extraConfig }}
{{ printf "KAFKA_%s" ($prop | upper | replace "." "_" | replace "-" "_") }}: {{ $value | toString | quote }}
{{- end }}
{{- end }}

{{/* Secret Kafka settings as env entries (secretKeyRef). */}}
{{- define "evalplane.kafkaSecretEnv" -}}
{{- $k := .Values.kafka }}
{{- if eq (include "evalplane.kafkaSasl" .) "true" }}
- name: KAFKA_SASL_JAAS_CONFIG
  valueFrom:
    secretKeyRef:
      name: {{ $k.sasl.jaasConfigSecret.name }}
      key: {{ $k.sasl.jaasConfigSecret.key }}
{{- end }}
{{- if and $k.tls.truststoreSecret.name $k.tls.truststoreSecret.passwordKey }}
- name: KAFKA_SSL_TRUSTSTORE_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $k.tls.truststoreSecret.name }}
      key: {{ $k.tls.truststoreSecret.passwordKey }}
{{- end }}
{{- end }}

{{- define "evalplane.kafkaTruststoreVolume" -}}
- name: kafka-truststore
  secret:
    secretName: {{ .Values.kafka.tls.truststoreSecret.name }}
    items:
      - key: {{ .Values.kafka.tls.truststoreSecret.key }}
        path: {{ .Values.kafka.tls.truststoreSecret.key }}
{{- end }}

{{- define "evalplane.kafkaTruststoreMount" -}}
- name: kafka-truststore
  mountPath: /etc/evalplane/kafka-truststore
  readOnly: true
{{- end }}

{{/* The ConfigMap data of one service: only non-secret values. Arguments: root, key, meta, svc. */}}
{{- define "evalplane.configData" -}}
{{- $root := .root }}
{{- $v := $root.Values }}
JAVA_OPTS_APPEND: {{ .svc.javaOpts | quote }}
QUARKUS_HTTP_PORT: {{ .meta.port | quote }}
{{- if $v.otel.endpoint }}
QUARKUS_OTEL_SDK_DISABLED: "false"
QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT: {{ $v.otel.endpoint | quote }}
QUARKUS_OTEL_EXPORTER_OTLP_PROTOCOL: {{ $v.otel.protocol | quote }}
{{- else }}
QUARKUS_OTEL_SDK_DISABLED: "true"
{{- end }}
{{- range $other := list "trace" "scorer" "cost" }}
{{- if ne $other $.key }}
{{ printf "EVALPLANE_%s_SERVICE_URL" (upper $other) }}: {{ include "evalplane.serviceUrl" (dict "root" $root "key" $other) | quote }}
{{- end }}
{{- end }}
{{- if .meta.kafka }}
{{ include "evalplane.kafkaConfig" $root | trim }}
{{- end }}
{{- if .meta.database }}
QUARKUS_DATASOURCE_JDBC_URL: {{ include "evalplane.jdbcUrl" . | quote }}
QUARKUS_DATASOURCE_REACTIVE_URL: {{ include "evalplane.reactiveUrl" . | quote }}
{{- end }}
{{- if eq .key "gateway" }}
EVALPLANE_AUTH_ENABLED: {{ .svc.auth.enabled | quote }}
QUARKUS_HTTP_LIMITS_MAX_BODY_SIZE: {{ .svc.http.maxBodySize | quote }}
{{- if .svc.http.corsOrigins }}
QUARKUS_HTTP_CORS_ENABLED: "true"
QUARKUS_HTTP_CORS_ORIGINS: {{ join "," .svc.http.corsOrigins | quote }}
{{- else }}
QUARKUS_HTTP_CORS_ENABLED: "false"
{{- end }}
{{- end }}
{{- if eq .key "scorer" }}
{{- with .svc.providers.openai.baseUrl }}
OPENAI_BASE_URL: {{ . | quote }}
{{- end }}
{{- with .svc.providers.anthropic.baseUrl }}
ANTHROPIC_BASE_URL: {{ . | quote }}
{{- end }}
{{- end }}
{{- range $name, $value := .svc.config }}
{{ $name }}: {{ $value | toString | quote }}
{{- end }}
{{- end }}

{{/* Env entries of one service: secrets by secretKeyRef, then the user's extraEnv. Arguments: root, key, meta, svc. */}}
{{- define "evalplane.env" -}}
{{- $root := .root }}{{- $key := .key }}{{- $meta := .meta }}{{- $svc := .svc }}{{- $pg := $root.Values.postgresql }}
{{- if $meta.database }}
{{- $credentials := default $pg.auth.existingSecret $svc.database.existingSecret }}
- name: QUARKUS_DATASOURCE_USERNAME
  valueFrom:
    secretKeyRef:
      name: {{ $credentials }}
      key: {{ $pg.auth.usernameKey }}
- name: QUARKUS_DATASOURCE_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ $credentials }}
      key: {{ $pg.auth.passwordKey }}
{{- end }}
{{- if $meta.kafka }}
{{- include "evalplane.kafkaSecretEnv" $root | nindent 0 }}
{{- end }}
{{- if and (eq $key "gateway") $svc.auth.enabled }}
- name: EVALPLANE_AUTH_TOKENS
  valueFrom:
    secretKeyRef:
      name: {{ $svc.auth.existingSecret }}
      key: {{ $svc.auth.tokensKey }}
- name: EVALPLANE_AUTH_ADMIN_TOKENS
  valueFrom:
    secretKeyRef:
      name: {{ $svc.auth.existingSecret }}
      key: {{ $svc.auth.adminTokensKey }}
      optional: true
{{- end }}
{{- with $root.Values.internalAuth.existingSecret }}
- name: EVALPLANE_INTERNAL_TOKEN
  valueFrom:
    secretKeyRef:
      name: {{ . }}
      key: {{ $root.Values.internalAuth.key }}
{{- end }}
{{- if eq $key "scorer" }}
{{- range $provider, $envName := dict "openai" "OPENAI_API_KEY" "anthropic" "ANTHROPIC_API_KEY" }}
{{- $ref := (index $svc.providers $provider).apiKeySecret }}
{{- if $ref.name }}
- name: {{ $envName }}
  valueFrom:
    secretKeyRef:
      name: {{ $ref.name }}
      key: {{ $ref.key }}
      optional: true
{{- end }}
{{- end }}
{{- end }}
{{- with $svc.extraEnv }}
{{- toYaml . | nindent 0 }}
{{- end }}
{{- end }}
