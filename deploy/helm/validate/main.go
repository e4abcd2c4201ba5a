// Command validate checks the output of `helm template` offline: every object is decoded strictly
// into its Kubernetes API type (k8s.io/api), so a field the API does not have (a typo such as
// `readinesProbe` or `initialDelaySecond`), a field of the wrong type, a duplicate key or a kind the
// chart is not known to render fails. The operators' kinds (Strimzi's Kafka, KafkaNodePool and
// KafkaTopic, the MongoDB Community operator's MongoDBCommunity) have no Go types offline; crds.go
// holds a small strict schema of the fields this chart uses instead (see there).
//
//	helm template ... | validate            # or: validate rendered.yaml
//
// Prints one line per object and exits 1 when any object fails.
package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"

	appsv1 "k8s.io/api/apps/v1"
	autoscalingv2 "k8s.io/api/autoscaling/v2"
	batchv1 "k8s.io/api/batch/v1"
	corev1 "k8s.io/api/core/v1"
	networkingv1 "k8s.io/api/networking/v1"
	policyv1 "k8s.io/api/policy/v1"
	metav1 "k8s.io/apimachinery/pkg/apis/meta/v1"
	"k8s.io/apimachinery/pkg/labels"
	"k8s.io/apimachinery/pkg/util/validation"
	sigsjson "sigs.k8s.io/json"
	"sigs.k8s.io/yaml"
)

// object is what every kind shares, for the checks made after decoding.
type object interface {
	GetName() string
	GetLabels() map[string]string
}

// kinds maps apiVersion/kind to a new value of its type. A kind missing here fails validation: a
// template rendering a new kind must add it on purpose.
var kinds = map[string]func() any{
	"v1/ConfigMap":                                     func() any { return &corev1.ConfigMap{} },
	"v1/Service":                                       func() any { return &corev1.Service{} },
	"v1/PersistentVolumeClaim":                         func() any { return &corev1.PersistentVolumeClaim{} },
	"apps/v1/Deployment":                               func() any { return &appsv1.Deployment{} },
	"batch/v1/Job":                                     func() any { return &batchv1.Job{} },
	"policy/v1/PodDisruptionBudget":                    func() any { return &policyv1.PodDisruptionBudget{} },
	"autoscaling/v2/HorizontalPodAutoscaler":           func() any { return &autoscalingv2.HorizontalPodAutoscaler{} },
	"networking.k8s.io/v1/Ingress":                     func() any { return &networkingv1.Ingress{} },
	"networking.k8s.io/v1/NetworkPolicy":               func() any { return &networkingv1.NetworkPolicy{} },
	"kafka.strimzi.io/v1beta2/Kafka":                   func() any { return &Kafka{} },
	"kafka.strimzi.io/v1beta2/KafkaNodePool":           func() any { return &KafkaNodePool{} },
	"kafka.strimzi.io/v1beta2/KafkaTopic":              func() any { return &KafkaTopic{} },
	"mongodbcommunity.mongodb.com/v1/MongoDBCommunity": func() any { return &MongoDBCommunity{} },
}

func main() {
	var input io.Reader = os.Stdin
	if len(os.Args) > 1 {
		file, err := os.Open(os.Args[1])
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		defer file.Close()
		input = file
	}
	data, err := io.ReadAll(bufio.NewReader(input))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	failures, count := 0, 0
	for _, doc := range splitDocuments(data) {
		count++
		id, problems := validateDocument(doc.text)
		where := doc.source
		if where == "" {
			where = fmt.Sprintf("document %d", count)
		}
		if len(problems) == 0 {
			fmt.Printf("ok   %s (%s)\n", id, where)
			continue
		}
		failures++
		for _, problem := range problems {
			fmt.Printf("FAIL %s (%s): %s\n", id, where, problem)
		}
	}
	if count == 0 {
		fmt.Println("FAIL no object in the input")
		os.Exit(1)
	}
	fmt.Printf("%d objects, %d failed\n", count, failures)
	if failures > 0 {
		os.Exit(1)
	}
}

type document struct {
	source string
	text   []byte
}

var sourceLine = regexp.MustCompile(`(?m)^# Source: (.+)$`)

// splitDocuments splits a YAML stream at `---` lines, dropping documents that hold only comments.
func splitDocuments(data []byte) []document {
	var docs []document
	for _, part := range regexp.MustCompile(`(?m)^---\s*$`).Split(string(data), -1) {
		content := false
		for _, line := range strings.Split(part, "\n") {
			trimmed := strings.TrimSpace(line)
			if trimmed != "" && !strings.HasPrefix(trimmed, "#") {
				content = true
				break
			}
		}
		if !content {
			continue
		}
		source := ""
		if match := sourceLine.FindStringSubmatch(part); match != nil {
			source = match[1]
		}
		docs = append(docs, document{source: source, text: []byte(part)})
	}
	return docs
}

func validateDocument(text []byte) (string, []string) {
	// Strict YAML: a key given twice is an error, not "the last one wins".
	jsonData, err := yaml.YAMLToJSONStrict(text)
	if err != nil {
		return "?", []string{"YAML: " + err.Error()}
	}
	var meta metav1.TypeMeta
	if err := sigsjson.UnmarshalCaseSensitivePreserveInts(jsonData, &meta); err != nil {
		return "?", []string{"apiVersion/kind: " + err.Error()}
	}
	id := meta.APIVersion + "/" + meta.Kind
	factory, known := kinds[id]
	if !known {
		return id, []string{"a kind this validator does not know (add its type to kinds in deploy/helm/validate/main.go)"}
	}
	target := factory()
	// Case-sensitive, unknown fields and duplicate fields reported: the API server's strict decoding.
	strictErrors, err := sigsjson.UnmarshalStrict(jsonData, target)
	if err != nil {
		return id, []string{"decoding: " + err.Error()}
	}
	var problems []string
	for _, strict := range strictErrors {
		problems = append(problems, strict.Error())
	}
	obj := target.(object)
	id = id + " " + obj.GetName()
	problems = append(problems, checkMetadata(obj)...)
	if checker, ok := target.(interface{ check() []string }); ok {
		problems = append(problems, checker.check()...)
	}
	problems = append(problems, checkBuiltIn(target)...)
	return id, problems
}

func checkMetadata(obj object) []string {
	var problems []string
	if obj.GetName() == "" {
		problems = append(problems, "metadata.name is empty")
	}
	for _, message := range validation.IsDNS1123Subdomain(obj.GetName()) {
		problems = append(problems, "metadata.name: "+message)
	}
	for key, value := range obj.GetLabels() {
		for _, message := range validation.IsQualifiedName(key) {
			problems = append(problems, fmt.Sprintf("label %q: %s", key, message))
		}
		for _, message := range validation.IsValidLabelValue(value) {
			problems = append(problems, fmt.Sprintf("label %s=%q: %s", key, value, message))
		}
	}
	return problems
}

// checkBuiltIn adds the few semantic rules of the API server this chart could break.
func checkBuiltIn(target any) []string {
	var problems []string
	switch o := target.(type) {
	case *appsv1.Deployment:
		problems = append(problems, selectsTemplate("spec.selector", o.Spec.Selector, o.Spec.Template.Labels)...)
		problems = append(problems, checkPod(o.Spec.Template.Spec)...)
	case *batchv1.Job:
		problems = append(problems, checkPod(o.Spec.Template.Spec)...)
	case *corev1.Service:
		if len(o.Spec.Ports) == 0 {
			problems = append(problems, "spec.ports is empty")
		}
	case *policyv1.PodDisruptionBudget:
		if o.Spec.Selector == nil {
			problems = append(problems, "spec.selector is missing")
		}
	case *autoscalingv2.HorizontalPodAutoscaler:
		if o.Spec.MinReplicas != nil && *o.Spec.MinReplicas > o.Spec.MaxReplicas {
			problems = append(problems, "minReplicas is above maxReplicas")
		}
	}
	return problems
}

func selectsTemplate(field string, selector *metav1.LabelSelector, templateLabels map[string]string) []string {
	if selector == nil {
		return []string{field + " is missing"}
	}
	parsed, err := metav1.LabelSelectorAsSelector(selector)
	if err != nil {
		return []string{field + ": " + err.Error()}
	}
	if parsed.Empty() || !parsed.Matches(labels.Set(templateLabels)) {
		return []string{field + " does not select the pod template's labels"}
	}
	return nil
}

// checkPod: every container has a name and an image, and every probe's named port is a port of
// its container.
func checkPod(spec corev1.PodSpec) []string {
	var problems []string
	if len(spec.Containers) == 0 {
		problems = append(problems, "the pod has no container")
	}
	volumes := map[string]bool{}
	for _, volume := range spec.Volumes {
		volumes[volume.Name] = true
	}
	for _, container := range append(append([]corev1.Container{}, spec.InitContainers...), spec.Containers...) {
		if container.Name == "" || container.Image == "" {
			problems = append(problems, "a container without a name or an image")
		}
		ports := map[string]bool{}
		for _, port := range container.Ports {
			ports[port.Name] = true
		}
		for name, probe := range map[string]*corev1.Probe{
			"startupProbe": container.StartupProbe, "livenessProbe": container.LivenessProbe, "readinessProbe": container.ReadinessProbe,
		} {
			if probe == nil || probe.HTTPGet == nil {
				continue
			}
			if port := probe.HTTPGet.Port; port.StrVal != "" && !ports[port.StrVal] {
				problems = append(problems, fmt.Sprintf("container %s: %s names the port %q it does not have", container.Name, name, port.StrVal))
			}
		}
		for _, mount := range container.VolumeMounts {
			if !volumes[mount.Name] {
				problems = append(problems, fmt.Sprintf("container %s mounts the volume %q the pod does not have", container.Name, mount.Name))
			}
		}
	}
	return problems
}
