package io.replicatedstore.operator.deploy;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.replicatedstore.operator.api.ReplicatedStore;
import io.replicatedstore.operator.testing.KubeApiServerResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Helm chart, installed with a real helm into a real kube-apiserver (with RBAC on): the CRD,
 * the operator's Deployment and its permissions, the examples against the CRD's schema, and an
 * uninstall that leaves stores alone. No kubelet runs here, so the operator's pod does not start.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HelmChartIT {

    static final Path CHART = Path.of(System.getProperty("chart.dir", "../deploy/helm/replicated-store-operator"));
    static final Path EXAMPLES = CHART.resolve("../../examples").normalize();
    static final String NAMESPACE = "operators";

    static KubeAPIServer server;
    static Path kubeconfig;
    static KubernetesClient client;

    @BeforeAll
    static void install() throws Exception {
        server = KubeApiServerResource.startServer();
        kubeconfig = Files.createTempFile("kubeconfig", ".yaml");
        Files.writeString(kubeconfig, server.getKubeConfigYaml());
        client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(server.getKubeConfigYaml())).build();
        run("helm", "lint", CHART.toString());
        run("helm", "install", "rso", CHART.toString(), "--namespace", NAMESPACE, "--create-namespace",
                "--set", "datanodeImage=example/datanode:1");
    }

    @AfterAll
    static void stop() throws IOException {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.stop();
        }
        if (kubeconfig != null) {
            Files.deleteIfExists(kubeconfig);
        }
    }

    @Test
    @Order(1)
    void installsTheCrdAndTheOperatorDeployment() {
        assertThat(client.apiextensions().v1().customResourceDefinitions()
                .withName("replicatedstores.replicatedstore.io").get()).isNotNull();
        Deployment deployment = client.apps().deployments().inNamespace(NAMESPACE).withName("rso").get();
        var container = deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getImage()).as("the image hack/images.sh builds; no registry serves it")
                .startsWith("replicated-store.local/operator:");
        assertThat(container.getImagePullPolicy()).isEqualTo("IfNotPresent");
        assertThat(container.getEnv()).anyMatch(e -> e.getName().equals("REPLICATEDSTORE_DATANODE_IMAGE")
                && e.getValue().equals("example/datanode:1"));
        assertThat(deployment.getSpec().getTemplate().getSpec().getServiceAccountName()).isEqualTo("rso");
        assertThat(deployment.getSpec().getReplicas()).as("instances electing a leader").isEqualTo(2);
        assertThat(client.services().inNamespace(NAMESPACE).withName("rso-sentinel").get().getSpec().getPorts())
                .anyMatch(p -> p.getPort() == 26379);
    }

    /** Every call the reconciler makes, asked of the API server's RBAC as the chart's service account. */
    @ParameterizedTest(name = "{0} {1}")
    @Order(2)
    @CsvSource({
            "watch, replicatedstores.replicatedstore.io",
            "update, replicatedstores.replicatedstore.io/status",
            "create, pods", "delete, pods", "patch, pods", "watch, pods",
            "create, persistentvolumeclaims", "delete, persistentvolumeclaims",
            "patch, services", "patch, configmaps",
            "get, secrets", "create, secrets", "patch, secrets",
            "patch, poddisruptionbudgets.policy",
            "create, events"})
    void theServiceAccountMayDoWhatTheReconcilerDoes(String verb, String resource) throws Exception {
        String[] parts = resource.split("/");
        List<String> command = new ArrayList<>(List.of("kubectl", "auth", "can-i", verb, parts[0], "-n", "default",
                "--as", "system:serviceaccount:" + NAMESPACE + ":rso"));
        if (parts.length > 1) {
            command.add("--subresource=" + parts[1]);
        }
        assertThat(run(command.toArray(String[]::new))).isEqualTo("yes");
    }

    @Test
    @Order(3)
    void theServiceAccountMayHoldTheLeaseInItsNamespace() throws Exception {
        String as = "system:serviceaccount:" + NAMESPACE + ":rso";
        for (String verb : List.of("get", "create", "update", "patch")) {
            assertThat(run("kubectl", "auth", "can-i", verb, "leases.coordination.k8s.io", "-n", NAMESPACE, "--as", as))
                    .as(verb).isEqualTo("yes");
        }
        assertThat(run("kubectl", "auth", "can-i", "update", "leases.coordination.k8s.io", "-n", "default", "--as", as))
                .isEqualTo("no");
    }

    @Test
    @Order(3)
    void theServiceAccountMayNotDoMore() throws Exception {
        String as = "system:serviceaccount:" + NAMESPACE + ":rso";
        assertThat(run("kubectl", "auth", "can-i", "delete", "secrets", "-n", "default", "--as", as)).isEqualTo("no");
        assertThat(run("kubectl", "auth", "can-i", "create", "deployments", "-n", "default", "--as", as)).isEqualTo("no");
    }

    @Test
    @Order(4)
    void theExamplesAreValidStoresAndUninstallLeavesThemAlone() throws Exception {
        try (var files = Files.list(EXAMPLES)) {
            for (Path example : files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                run("kubectl", "apply", "-n", "default", "-f", example.toString());
            }
        }
        assertThat(client.resources(ReplicatedStore.class).inNamespace("default").withName("basic").get()
                .getSpec().replicas).isEqualTo(3);
        assertThat(run("kubectl", "get", "rstore", "-n", "default").lines().findFirst().orElseThrow().split("\\s+"))
                .contains("NAME", "MASTER", "READY", "PHASE", "EPOCH", "AGE");
        assertThat(run("kubectl", "get", "replicatedstores", "-n", "default", "-o", "wide").lines().findFirst()
                .orElseThrow()).contains("REPLICAS");

        run("helm", "uninstall", "rso", "--namespace", NAMESPACE);
        assertThat(client.apps().deployments().inNamespace(NAMESPACE).withName("rso").get()).isNull();
        assertThat(client.resources(ReplicatedStore.class).inNamespace("default").list().getItems())
                .extracting(s -> s.getMetadata().getName()).contains("basic", "tuned");
    }

    @Test
    @Order(5)
    void watchingSomeNamespacesGrantsRightsInThoseOnlyAndNothingClusterWide() throws Exception {
        for (String ns : List.of("team-a", "team-b")) {
            run("kubectl", "create", "namespace", ns);
        }
        run("helm", "install", "scoped", CHART.toString(), "--namespace", "scoped-system", "--create-namespace",
                "--set-string", "watchNamespaces=team-a\\, team-b", "--set", "imagePullSecrets[0].name=regcred",
                "--set", "sentinel.auth.secretName=sentinel-password");
        String as = "system:serviceaccount:scoped-system:scoped";
        for (String ns : List.of("team-a", "team-b")) {
            assertThat(run("kubectl", "auth", "can-i", "create", "pods", "-n", ns, "--as", as)).as(ns).isEqualTo("yes");
            assertThat(run("kubectl", "auth", "can-i", "patch", "secrets", "-n", ns, "--as", as)).as(ns).isEqualTo("yes");
        }
        assertThat(run("kubectl", "auth", "can-i", "create", "pods", "-n", "default", "--as", as)).isEqualTo("no");
        assertThat(run("kubectl", "auth", "can-i", "get", "secrets", "-n", "default", "--as", as)).isEqualTo("no");
        assertThat(run("kubectl", "auth", "can-i", "list", "replicatedstores.replicatedstore.io", "--all-namespaces",
                "--as", as)).isEqualTo("no");
        assertThat(client.rbac().clusterRoles().withName("scoped").get()).isNull();
        Deployment deployment = client.apps().deployments().inNamespace("scoped-system").withName("scoped").get();
        assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                .anyMatch(e -> e.getName().equals("QUARKUS_OPERATOR_SDK_CONTROLLERS_REPLICATEDSTORERECONCILER_NAMESPACES")
                        && e.getValue().equals("team-a,team-b"));
        assertThat(deployment.getSpec().getTemplate().getSpec().getImagePullSecrets()).singleElement()
                .satisfies(secret -> assertThat(secret.getName()).isEqualTo("regcred"));
        assertThat(deployment.getSpec().getTemplate().getSpec().getContainers().get(0).getEnv())
                .anyMatch(e -> e.getName().equals("REPLICATEDSTORE_SENTINEL_PASSWORD_FILE")
                        && e.getValue().equals("/etc/replicated-store-sentinel/password"));
        assertThat(deployment.getSpec().getTemplate().getSpec().getVolumes())
                .anyMatch(v -> v.getSecret() != null && v.getSecret().getSecretName().equals("sentinel-password"));
        run("helm", "uninstall", "scoped", "--namespace", "scoped-system");
    }

    /** Runs helm or kubectl (the pinned builds) against the test's API server; returns stdout. */
    private static String run(String... command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>(List.of(command));
        full.set(0, KubeApiServerResource.binary(command[0]).toString());
        full.addAll(List.of("--kubeconfig", kubeconfig.toString()));
        Path output = Files.createTempFile("out", ".txt");
        try {
            Process process = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("%s finished in time", full).isTrue();
            String text = Files.readString(output, StandardCharsets.UTF_8).trim();
            // kubectl auth can-i answers "no" with exit code 1: return it for the assertion.
            if (process.exitValue() != 0 && !text.equals("no")) {
                throw new AssertionError(String.join(" ", full) + " exited " + process.exitValue() + ":\n" + text);
            }
            return text;
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
