package main

// A small strict schema of the operators' kinds, for the fields this chart uses and no more: the
// Strimzi (kafka.strimzi.io/v1beta2) and MongoDB Community (mongodbcommunity.mongodb.com/v1)
// custom resources have no Go types among the modules we build offline. Each struct lists the
// fields of the operator's CRD that the chart sets, with the CRD's names and types (Strimzi 0.47
// and the MongoDB Community operator 0.12 documentation); a field the chart writes that is not
// listed here fails as unknown, exactly as for the built-in kinds. A field the operator has but
// this schema lacks must be added here, from the operator's CRD, before the chart may use it.
// Where the operator embeds a Kubernetes type (resources, network policy peers, the StatefulSet
// override) the real k8s.io/api type is used, so those parts are checked in full.

import (
	"fmt"

	appsv1 "k8s.io/api/apps/v1"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	"k8s.io/apimachinery/pkg/api/resource"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
)

// ---- Strimzi: Kafka ----

type Kafka struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata"`
	Spec              KafkaSpec `json:"spec"`
}

type KafkaSpec struct {
	Kafka          KafkaClusterSpec    `json:"kafka"`
	EntityOperator *EntityOperatorSpec `json:"entityOperator,omitempty"`
	KafkaExporter  *KafkaExporterSpec  `json:"kafkaExporter,omitempty"`
}

// KafkaExporterSpec: the fields of Strimzi's kafkaExporter the chart uses.
type KafkaExporterSpec struct {
	TopicRegex string                       `json:"topicRegex,omitempty"`
	GroupRegex string                       `json:"groupRegex,omitempty"`
	Resources  *corev1.ResourceRequirements `json:"resources,omitempty"`
}

type KafkaClusterSpec struct {
	Version         string                 `json:"version,omitempty"`
	MetadataVersion string                 `json:"metadataVersion,omitempty"`
	Listeners       []GenericKafkaListener `json:"listeners"`
	Config          map[string]any         `json:"config,omitempty"`
}

type GenericKafkaListener struct {
	Name               string                           `json:"name"`
	Port               int32                            `json:"port"`
	Type               string                           `json:"type"`
	TLS                bool                             `json:"tls"`
	NetworkPolicyPeers []networkingv1.NetworkPolicyPeer `json:"networkPolicyPeers,omitempty"`
}

type EntityOperatorSpec struct {
	TopicOperator *EntityTopicOperatorSpec `json:"topicOperator,omitempty"`
	UserOperator  *EntityUserOperatorSpec  `json:"userOperator,omitempty"`
}

type EntityTopicOperatorSpec struct {
	WatchedNamespace string                       `json:"watchedNamespace,omitempty"`
	Resources        *corev1.ResourceRequirements `json:"resources,omitempty"`
}

type EntityUserOperatorSpec struct {
	WatchedNamespace string                       `json:"watchedNamespace,omitempty"`
	Resources        *corev1.ResourceRequirements `json:"resources,omitempty"`
}

func (k *Kafka) check() []string {
	var problems []string
	if len(k.Spec.Kafka.Listeners) == 0 {
		problems = append(problems, "spec.kafka.listeners is empty")
	}
	for i, listener := range k.Spec.Kafka.Listeners {
		if listener.Name == "" || listener.Port < 9092 {
			problems = append(problems, fmt.Sprintf("spec.kafka.listeners[%d]: a name and a port of 9092 or above are required", i))
		}
		if !oneOf(listener.Type, "internal", "route", "loadbalancer", "nodeport", "ingress", "cluster-ip") {
			problems = append(problems, fmt.Sprintf("spec.kafka.listeners[%d].type: %q is not a Strimzi listener type", i, listener.Type))
		}
	}
	if k.Annotations["strimzi.io/kraft"] != "enabled" || k.Annotations["strimzi.io/node-pools"] != "enabled" {
		problems = append(problems, "KRaft with node pools needs the annotations strimzi.io/kraft and strimzi.io/node-pools set to enabled")
	}
	return problems
}

// ---- Strimzi: KafkaNodePool ----

type KafkaNodePool struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata"`
	Spec              KafkaNodePoolSpec `json:"spec"`
}

type KafkaNodePoolSpec struct {
	Replicas  int32                        `json:"replicas"`
	Roles     []string                     `json:"roles"`
	Storage   Storage                      `json:"storage"`
	Resources *corev1.ResourceRequirements `json:"resources,omitempty"`
}

type Storage struct {
	Type    string          `json:"type"`
	Volumes []StorageVolume `json:"volumes,omitempty"`
}

type StorageVolume struct {
	ID            *int32            `json:"id,omitempty"`
	Type          string            `json:"type"`
	Size          resource.Quantity `json:"size"`
	Class         string            `json:"class,omitempty"`
	DeleteClaim   bool              `json:"deleteClaim,omitempty"`
	KraftMetadata string            `json:"kraftMetadata,omitempty"`
}

func (p *KafkaNodePool) check() []string {
	var problems []string
	if p.Labels["strimzi.io/cluster"] == "" {
		problems = append(problems, "the label strimzi.io/cluster naming its Kafka is required")
	}
	if p.Spec.Replicas < 1 || len(p.Spec.Roles) == 0 {
		problems = append(problems, "spec.replicas and spec.roles are required")
	}
	for _, role := range p.Spec.Roles {
		if !oneOf(role, "controller", "broker") {
			problems = append(problems, fmt.Sprintf("spec.roles: %q is neither controller nor broker", role))
		}
	}
	if !oneOf(p.Spec.Storage.Type, "jbod", "persistent-claim", "ephemeral") {
		problems = append(problems, fmt.Sprintf("spec.storage.type: %q is not a Strimzi storage type", p.Spec.Storage.Type))
	}
	for i, volume := range p.Spec.Storage.Volumes {
		if volume.ID == nil || !oneOf(volume.Type, "persistent-claim", "ephemeral") {
			problems = append(problems, fmt.Sprintf("spec.storage.volumes[%d]: an id and a type of persistent-claim or ephemeral are required", i))
		}
		if volume.KraftMetadata != "" && volume.KraftMetadata != "shared" {
			problems = append(problems, fmt.Sprintf("spec.storage.volumes[%d].kraftMetadata must be shared", i))
		}
	}
	return problems
}

// ---- Strimzi: KafkaTopic ----

type KafkaTopic struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata"`
	Spec              KafkaTopicSpec `json:"spec"`
}

type KafkaTopicSpec struct {
	TopicName  string         `json:"topicName,omitempty"`
	Partitions int32          `json:"partitions"`
	Replicas   int32          `json:"replicas"`
	Config     map[string]any `json:"config,omitempty"`
}

func (t *KafkaTopic) check() []string {
	var problems []string
	if t.Labels["strimzi.io/cluster"] == "" {
		problems = append(problems, "the label strimzi.io/cluster naming its Kafka is required")
	}
	if t.Spec.Partitions < 1 || t.Spec.Replicas < 1 || t.Spec.Replicas > 32767 {
		problems = append(problems, "spec.partitions and spec.replicas must be at least 1")
	}
	return problems
}

// ---- MongoDB Community operator: MongoDBCommunity ----

type MongoDBCommunity struct {
	metav1.TypeMeta   `json:",inline"`
	metav1.ObjectMeta `json:"metadata"`
	Spec              MongoDBCommunitySpec `json:"spec"`
}

type MongoDBCommunitySpec struct {
	Type                   string            `json:"type"`
	Members                int32             `json:"members"`
	Version                string            `json:"version"`
	Security               MongoDBSecurity   `json:"security"`
	Users                  []MongoDBUser     `json:"users"`
	AdditionalMongodConfig map[string]any    `json:"additionalMongodConfig,omitempty"`
	StatefulSet            *MongoStatefulSet `json:"statefulSet,omitempty"`
}

type MongoDBSecurity struct {
	Authentication MongoDBAuthentication `json:"authentication"`
}

type MongoDBAuthentication struct {
	Modes []string `json:"modes"`
}

type MongoDBUser struct {
	Name                             string         `json:"name"`
	DB                               string         `json:"db"`
	PasswordSecretRef                SecretKeyRef   `json:"passwordSecretRef"`
	Roles                            []MongoDBRole  `json:"roles"`
	ScramCredentialsSecretName       string         `json:"scramCredentialsSecretName"`
	ConnectionStringSecretName       string         `json:"connectionStringSecretName,omitempty"`
	AdditionalConnectionStringConfig map[string]any `json:"additionalConnectionStringConfig,omitempty"`
}

type SecretKeyRef struct {
	Name string `json:"name"`
	Key  string `json:"key,omitempty"`
}

type MongoDBRole struct {
	Name string `json:"name"`
	DB   string `json:"db"`
}

// The operator merges this into the StatefulSet it makes, so it is a partial StatefulSetSpec.
type MongoStatefulSet struct {
	Spec appsv1.StatefulSetSpec `json:"spec"`
}

func (m *MongoDBCommunity) check() []string {
	var problems []string
	if m.Spec.Type != "ReplicaSet" {
		problems = append(problems, "spec.type must be ReplicaSet")
	}
	if m.Spec.Members < 1 || m.Spec.Version == "" {
		problems = append(problems, "spec.members and spec.version are required")
	}
	for _, mode := range m.Spec.Security.Authentication.Modes {
		if !oneOf(mode, "SCRAM", "SCRAM-SHA-1", "SCRAM-SHA-256", "X509") {
			problems = append(problems, fmt.Sprintf("spec.security.authentication.modes: %q is not a mode of the operator", mode))
		}
	}
	for i, user := range m.Spec.Users {
		if user.Name == "" || user.DB == "" || user.PasswordSecretRef.Name == "" || user.ScramCredentialsSecretName == "" || len(user.Roles) == 0 {
			problems = append(problems, fmt.Sprintf("spec.users[%d]: name, db, passwordSecretRef.name, scramCredentialsSecretName and roles are required", i))
		}
	}
	return problems
}

func oneOf(value string, allowed ...string) bool {
	for _, a := range allowed {
		if value == a {
			return true
		}
	}
	return false
}
