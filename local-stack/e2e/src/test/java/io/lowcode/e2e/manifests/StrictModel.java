package io.lowcode.e2e.manifests;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

/**
 * Strict validation of one manifest document. A core Kubernetes kind is read into its typed fabric8 model; the
 * model keeps every field it does not know in an {@code additionalProperties} map, so the document is strict when no
 * object of the model has one. A custom resource (Strimzi, KEDA, Prometheus Operator) is validated against its CRD's
 * JSON Schema (src/test/resources/k8s-schemas, {@code additionalProperties: false}); its metadata with the typed model.
 */
final class StrictModel {

    static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    /** apiVersion/kind of the custom resources we have schemas for, and the schema file. */
    private static final Map<String, String> CRD_SCHEMAS = Map.of(
            "kafka.strimzi.io/v1/Kafka", "kafka.strimzi.io_kafka_v1.json",
            "kafka.strimzi.io/v1/KafkaNodePool", "kafka.strimzi.io_kafkanodepool_v1.json",
            "kafka.strimzi.io/v1/KafkaTopic", "kafka.strimzi.io_kafkatopic_v1.json",
            "kafka.strimzi.io/v1/KafkaUser", "kafka.strimzi.io_kafkauser_v1.json",
            "keda.sh/v1alpha1/ScaledObject", "keda.sh_scaledobject_v1alpha1.json",
            "keda.sh/v1alpha1/TriggerAuthentication", "keda.sh_triggerauthentication_v1alpha1.json",
            "monitoring.coreos.com/v1/PodMonitor", "monitoring.coreos.com_podmonitor_v1.json",
            "monitoring.coreos.com/v1/PrometheusRule", "monitoring.coreos.com_prometheusrule_v1.json",
            "monitoring.coreos.com/v1/ServiceMonitor", "monitoring.coreos.com_servicemonitor_v1.json");

    private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

    private StrictModel() {
    }

    /** What is wrong with the document; empty when it is a strictly valid object of a known API. */
    static List<String> problems(Manifests.Document document) {
        List<String> problems = new ArrayList<>();
        String key = document.apiVersion() + "/" + document.kind();
        String schemaFile = CRD_SCHEMAS.get(key);
        if (schemaFile != null) {
            for (ValidationMessage message : schema(schemaFile).validate(document.node())) {
                problems.add(message.getMessage());
            }
            ObjectMeta metadata = SERIALIZATION.convertValue(document.node().path("metadata"), ObjectMeta.class);
            unknownFields(metadata, "metadata", problems);
            return problems;
        }
        Object typed;
        try {
            typed = SERIALIZATION.unmarshal(document.node().toString());
        } catch (RuntimeException e) {
            return List.of("not a valid " + key + ": " + e.getMessage());
        }
        if (typed instanceof GenericKubernetesResource || !(typed instanceof KubernetesResource)) {
            return List.of("unknown API " + key + " (neither a Kubernetes kind nor a custom resource with a schema)");
        }
        unknownFields(typed, "", problems);
        return problems;
    }

    /** Reads a core kind into its typed model. */
    static <T> T typed(Manifests.Document document, Class<T> type) {
        return SERIALIZATION.unmarshal(document.node().toString(), type);
    }

    private static JsonSchema schema(String file) {
        return SCHEMAS.computeIfAbsent(file, f -> {
            try (InputStream in = StrictModel.class.getResourceAsStream("/k8s-schemas/" + f)) {
                if (in == null) {
                    throw new IllegalStateException("missing schema " + f);
                }
                return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static void unknownFields(Object value, String path, List<String> problems) {
        if (value == null) {
            return;
        }
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                unknownFields(list.get(i), path + "[" + i + "]", problems);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> unknownFields(v, path + "." + k, problems));
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || !getter.getName().startsWith("get")
                    || Modifier.isStatic(getter.getModifiers()) || getter.getDeclaringClass() == Object.class) {
                continue;
            }
            Object child;
            try {
                child = getter.invoke(value);
            } catch (IllegalAccessException | InvocationTargetException e) {
                continue;
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
                    problems.add((path.isEmpty() ? "(root)" : path) + ": unknown field(s) " + extra.keySet());
                }
                continue;
            }
            String field = Character.toLowerCase(getter.getName().charAt(3)) + getter.getName().substring(4);
            unknownFields(child, path + "." + field, problems);
        }
    }
}
