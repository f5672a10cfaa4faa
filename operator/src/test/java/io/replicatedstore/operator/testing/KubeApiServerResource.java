package io.replicatedstore.operator.testing;

import io.fabric8.kubeapitest.KubeAPIServer;
import io.fabric8.kubeapitest.KubeAPIServerConfigBuilder;
import io.fabric8.kubernetes.client.Config;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A real kube-apiserver and etcd for the operator's tests (fabric8's kube-api-test), from the
 * binaries hack/kube-binaries.sh builds; nothing is downloaded. The operator under test gets the
 * server's address and client certificate as Quarkus configuration.
 */
public class KubeApiServerResource implements QuarkusTestResourceLifecycleManager {

    /** Pinned in hack/kube-versions.sh (KUBE_VERSION), which hack/kube-binaries.sh builds. */
    static final String VERSION = "1.36.3";

    private KubeAPIServer server;

    @Override
    public Map<String, String> start() {
        server = startServer();
        Config config = Config.fromKubeconfig(server.getKubeConfigYaml());
        Map<String, String> properties = new HashMap<>();
        properties.put("quarkus.kubernetes-client.api-server-url", config.getMasterUrl());
        properties.put("quarkus.kubernetes-client.namespace", "default");
        // kube-api-test's kubeconfig names certificate files or carries their data, by version.
        putEither(properties, "ca-cert", config.getCaCertFile(), config.getCaCertData());
        putEither(properties, "client-cert", config.getClientCertFile(), config.getClientCertData());
        putEither(properties, "client-key", config.getClientKeyFile(), config.getClientKeyData());
        return properties;
    }

    private static void putEither(Map<String, String> properties, String name, String file, String data) {
        if (file != null) {
            properties.put("quarkus.kubernetes-client." + name + "-file", file);
        } else {
            properties.put("quarkus.kubernetes-client." + name + "-data", data);
        }
    }

    /** Starts etcd and kube-apiserver from the cached binaries; the caller stops them. */
    public static KubeAPIServer startServer() {
        Path binaries = Path.of(binaryDir(), "k8s", VERSION + "-linux-amd64");
        if (!Files.isExecutable(binaries.resolve("kube-apiserver"))) {
            throw new IllegalStateException("no kube-apiserver in " + binaries + ": run hack/kube-binaries.sh first");
        }
        // Set in code: kube-api-test's boolean environment variables crash it.
        KubeAPIServer server = new KubeAPIServer(KubeAPIServerConfigBuilder.anAPIServerConfig()
                .withTestDir(binaryDir())
                .withApiServerVersion(VERSION)
                .withOfflineMode(true)
                .withUpdateKubeConfig(false)
                .withStartupTimeout(120_000)
                .build());
        try {
            server.start();
        } catch (RuntimeException e) {
            server.stop(); // kube-api-test leaves etcd running when the API server fails to start
            throw e;
        }
        return server;
    }

    /** Where hack/kube-binaries.sh put etcd, kube-apiserver, kubectl and helm. */
    public static String binaryDir() {
        return System.getenv().getOrDefault("KUBE_API_TEST_DIR",
                System.getProperty("user.home") + "/.cache/replicated-store/kube");
    }

    public static Path binary(String name) {
        return Path.of(binaryDir(), "k8s", VERSION + "-linux-amd64", name);
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
