{{/* The name of a service's objects: <release>-<service>, e.g. stapsteen-hours. */}}
{{- define "stapsteen.fullname" -}}
{{- printf "%s-%s" .root.Release.Name .service | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels every object of the chart carries, beside its selector labels (which name the release). */}}
{{- define "stapsteen.labels" -}}
app.kubernetes.io/part-of: stapsteen
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end -}}

{{/* The labels of an object that belongs to the release but to no one service. */}}
{{- define "stapsteen.releaseLabels" -}}
{{ include "stapsteen.labels" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{/* The labels that select one service's pods. */}}
{{- define "stapsteen.selectorLabels" -}}
app.kubernetes.io/name: {{ .service }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{/* The image of a service. */}}
{{- define "stapsteen.image" -}}
{{- $image := .root.Values.image -}}
{{- printf "%s/%s%s:%s" $image.registry $image.prefix .service (default .root.Chart.AppVersion $image.tag) -}}
{{- end -}}

{{/* host:port,... of the Kafka brokers the services use. */}}
{{- define "stapsteen.kafkaBrokers" -}}
{{- if .Values.kafka.externalBrokers -}}
{{- .Values.kafka.externalBrokers -}}
{{- else -}}
{{- printf "%s-kafka-bootstrap:9092" .Values.kafka.name -}}
{{- end -}}
{{- end -}}

{{/* The Secret that holds a service's MongoDB connection string. */}}
{{- define "stapsteen.mongodbUriSecret" -}}
{{- $names := .root.Values.mongodb.uriSecret.names | default dict -}}
{{- if hasKey $names .service -}}
{{- get $names .service -}}
{{- else -}}
{{- printf "%s-%s-uri" .root.Values.mongodb.name .service -}}
{{- end -}}
{{- end -}}

{{/* Services with a Kafka producer and consumer: all but the gateway. */}}
{{- define "stapsteen.usesKafka" -}}
{{- if ne .service "gateway" -}}true{{- end -}}
{{- end -}}

{{/* The services' URLs as the seed's `urls` (JSON): {"gateway":"http://<release>-gateway:3000",...}. */}}
{{- define "stapsteen.seedUrls" -}}
{{- $urls := dict -}}
{{- range $service, $spec := .Values.services -}}
{{- $_ := set $urls $service (printf "http://%s:%v" (include "stapsteen.fullname" (dict "root" $ "service" $service)) $spec.port) -}}
{{- end -}}
{{- toJson $urls -}}
{{- end -}}
