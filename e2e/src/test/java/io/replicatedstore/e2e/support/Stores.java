package io.replicatedstore.e2e.support;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * ReplicatedStores as a user sees them: YAML applied, the status read as untyped JSON (the suite
 * does not depend on the operator's classes), each test in a namespace of its own.
 */
public final class Stores {

    /** Every namespace the suite creates carries it, so a run's leftovers can be found and removed. */
    public static final String E2E_LABEL = "replicatedstore.io/e2e";
    /**
     * Every test namespace enforces the restricted Pod Security Standard, as a hardened cluster
     * does: a data node pod (or a test's own pod) that asks for more is refused by the API server.
     */
    public static final Map<String, String> RESTRICTED = Map.of(
            "pod-security.kubernetes.io/enforce", "restricted",
            "pod-security.kubernetes.io/enforce-version", "latest");
    static final ResourceDefinitionContext RSTORE = new ResourceDefinitionContext.Builder()
            .withGroup("replicatedstore.io").withVersion("v1alpha1").withKind("ReplicatedStore")
            .withPlural("replicatedstores").withNamespaced(true).build();

    private final Cluster cluster;
    public final String namespace;

    private Stores(Cluster cluster, String namespace) {
        this.cluster = cluster;
        this.namespace = namespace;
    }

    /** A new namespace named after the test; {@link #delete()} removes it with all it holds. */
    public static Stores inNewNamespace(Cluster cluster, String test) {
        String ns = ("e2e-" + test.toLowerCase().replaceAll("[^a-z0-9]+", "-")).replaceAll("-+$", "");
        ns = ns.substring(0, Math.min(ns.length(), 50)) + "-" + UUID.randomUUID().toString().substring(0, 5);
        cluster.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns)
                .addToLabels(E2E_LABEL, "true").addToLabels(RESTRICTED).endMetadata().build()).create();
        Waits.log("namespace " + ns);
        return new Stores(cluster, ns);
    }

    public KubernetesClient client() {
        return cluster.client();
    }

    public void apply(Path yaml) throws java.io.IOException {
        apply(Files.readString(yaml, StandardCharsets.UTF_8));
    }

    public void apply(String yaml) {
        GenericKubernetesResource store = Serialization.unmarshal(yaml, GenericKubernetesResource.class);
        store.getMetadata().setNamespace(namespace);
        client().genericKubernetesResources(RSTORE).inNamespace(namespace).resource(store).serverSideApply();
    }

    /**
     * A store of the given size with defaults but emptyDir storage (the local cluster's pool of
     * volumes is small, and a claim's volume is recycled only some time after its namespace goes),
     * and the given extra spec lines (YAML, indented by 2). The examples keep their claims.
     */
    public void create(String name, int replicas, String... specLines) {
        StringBuilder yaml = new StringBuilder("""
                apiVersion: replicatedstore.io/v1alpha1
                kind: ReplicatedStore
                metadata:
                  name: %s
                spec:
                  replicas: %d
                  storage:
                    ephemeral: true
                """.formatted(name, replicas));
        for (String line : specLines) {
            yaml.append("  ").append(line).append('\n');
        }
        apply(yaml.toString());
    }

    public GenericKubernetesResource get(String name) {
        return client().genericKubernetesResources(RSTORE).inNamespace(namespace).withName(name).get();
    }

    public void patchSpec(String name, Map<String, Object> spec) {
        client().genericKubernetesResources(RSTORE).inNamespace(namespace).withName(name)
                .edit(s -> {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> current = (Map<String, Object>) s.getAdditionalProperties().get("spec");
                    current.putAll(spec);
                    return s;
                });
    }

    public Status status(String name) {
        GenericKubernetesResource store = get(name);
        if (store == null) {
            throw new IllegalStateException("store " + namespace + "/" + name + " not found");
        }
        return new Status(store);
    }

    /**
     * Waits until the store's Ready condition is True and every pod it asked for is ready. Fails
     * at once when a pod cannot be scheduled (the node lacks what it requests), and on timeout
     * with the store's pods and last events.
     */
    public Status awaitReady(String name, int replicas, int seconds) {
        long t0 = System.nanoTime();
        long deadline = t0 + Settings.timeout(seconds).toNanos();
        Status last = null;
        while (System.nanoTime() < deadline) {
            try {
                last = status(name);
                List<Pod> pods = pods(name);
                if (last.ready() && last.readyReplicas() == replicas && last.master() != null
                        && pods.stream().filter(Stores::isReady).count() == replicas) {
                    Waits.log(namespace + "/" + name + " Ready in " + (System.nanoTime() - t0) / 1_000_000 + " ms: " + last);
                    return last;
                }
                for (Pod pod : pods) {
                    pod.getStatus().getConditions().stream()
                            .filter(c -> c.getType().equals("PodScheduled") && "Unschedulable".equals(c.getReason())
                                    && java.time.Instant.parse(c.getLastTransitionTime()).isBefore(java.time.Instant.now().minusSeconds(20)))
                            .findFirst().ifPresent(c -> {
                                throw new AssertionError("pod " + pod.getMetadata().getName() + " cannot be scheduled: "
                                        + c.getMessage() + "\n" + diagnose(name));
                            });
                }
            } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
                Waits.log("(retrying: " + e.getMessage() + ")");
            }
            sleep(1000);
        }
        throw new AssertionError("store " + namespace + "/" + name + " not Ready with " + replicas + " ready nodes within "
                + Settings.timeout(seconds).toSeconds() + " s; last status " + last + "\n" + diagnose(name));
    }

    /** The store, its pods and its events as kubectl shows them: what a failure message needs. */
    public String diagnose(String name) {
        List<String> events = cluster.tryKubectl("-n", namespace, "get", "events", "--sort-by=.lastTimestamp").out().lines().toList();
        return cluster.tryKubectl("-n", namespace, "get", "rstore,pods", "-o", "wide").out() + "\nlast events:\n"
                + String.join("\n", events.subList(Math.max(0, events.size() - 15), events.size()));
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public List<Pod> pods(String name) {
        return client().pods().inNamespace(namespace).withLabel("replicatedstore.io/store", name).list().getItems();
    }

    public Pod pod(String pod) {
        return client().pods().inNamespace(namespace).withName(pod).get();
    }

    public static boolean isReady(Pod pod) {
        return pod != null && pod.getMetadata().getDeletionTimestamp() == null && pod.getStatus() != null
                && pod.getStatus().getConditions().stream()
                .anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
    }

    public String role(String pod) {
        Pod p = pod(pod);
        return p == null ? null : p.getMetadata().getLabels().get("replicatedstore.io/role");
    }

    public String password(String name) {
        var secret = client().secrets().inNamespace(namespace).withName(name + "-auth").get();
        return new String(Base64.getDecoder().decode(secret.getData().get("password")), StandardCharsets.UTF_8);
    }

    /** `kubectl get rstore` as a user types it, or `kubectl get ARGS...` in the namespace. */
    public String kubectlGet(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("-n", namespace, "get"));
        command.addAll(args.length == 0 ? List.of("rstore") : List.of(args));
        return cluster.kubectl(command.toArray(String[]::new));
    }

    /** Deletes the namespace and waits (bounded) until it is gone, so the next test has the node's CPU. */
    public void delete() {
        cluster.client().namespaces().withName(namespace).delete();
        try {
            Waits.upTo(180, "namespace " + namespace + " deleted")
                    .until(() -> cluster.client().namespaces().withName(namespace).get() == null);
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            Waits.log("warning: " + e.getMessage() + " (left to the API server)");
        }
    }

    /** The store's status, untyped. */
    public record Status(Map<String, Object> map) {
        @SuppressWarnings("unchecked")
        Status(GenericKubernetesResource store) {
            this((Map<String, Object>) store.getAdditionalProperties().getOrDefault("status", Map.of()));
        }

        public String master() {
            return (String) map.get("master");
        }

        public long epoch() {
            return map.get("epoch") == null ? 0 : ((Number) map.get("epoch")).longValue();
        }

        public int readyReplicas() {
            return map.get("readyReplicas") == null ? 0 : ((Number) map.get("readyReplicas")).intValue();
        }

        public String phase() {
            return (String) map.get("phase");
        }

        @SuppressWarnings("unchecked")
        public boolean ready() {
            List<Map<String, Object>> conditions = (List<Map<String, Object>>) map.getOrDefault("conditions", List.of());
            return conditions.stream().anyMatch(c -> "Ready".equals(c.get("type")) && "True".equals(c.get("status")));
        }

        @SuppressWarnings("unchecked")
        public String roleOf(String pod) {
            List<Map<String, Object>> nodes = (List<Map<String, Object>>) map.getOrDefault("nodes", List.of());
            return nodes.stream().filter(n -> pod.equals(n.get("pod"))).map(n -> (String) n.get("role"))
                    .findFirst().orElse(null);
        }

        @Override
        public String toString() {
            return "master=" + master() + " epoch=" + epoch() + " ready=" + map.get("ready") + " phase=" + phase();
        }
    }
}
