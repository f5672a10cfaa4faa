package io.replicatedstore.e2e.support;

import java.nio.file.Path;
import java.time.Duration;

/** The suite's settings: system properties set by the e2e pom, -D on the command line or hack/e2e.sh. */
public final class Settings {

    /** local (hack/local-cluster.sh), kubeconfig ($KUBECONFIG or e2e.kubeconfig) or k3s (Testcontainers). */
    public static final String CLUSTER = System.getProperty("e2e.cluster", "local");
    public static final Path ROOT = Path.of(System.getProperty("e2e.root", "..")).toAbsolutePath().normalize();
    public static final String VERSION = System.getProperty("project.version", "0.1.0-SNAPSHOT");
    static final String KUBE_VERSION = System.getProperty("e2e.kube.version", "1.36.3");
    /** kubectl and helm as hack/kube-binaries.sh builds them; e2e.bin.dir overrides. */
    public static final Path BIN = Path.of(System.getProperty("e2e.bin.dir",
            System.getProperty("user.home") + "/.cache/replicated-store/kube/k8s/" + KUBE_VERSION + "-linux-amd64"));
    public static final Path CHART = ROOT.resolve("deploy/helm/replicated-store-operator");
    public static final Path EXAMPLES = ROOT.resolve("deploy/examples");
    public static final String OPERATOR_NAMESPACE = System.getProperty("e2e.operator.namespace", "rs-e2e-operator");
    public static final String RELEASE = "rs-e2e";
    public static final String DATANODE_IMAGE = "replicated-store.local/datanode:" + VERSION;

    /**
     * Every wait is bounded; this scales them all (a loaded 2-core machine starts JVMs slowly).
     * e2e.timeout.factor=2 doubles them.
     */
    static final double FACTOR = Double.parseDouble(System.getProperty("e2e.timeout.factor", "1"));

    private Settings() {
    }

    public static Duration timeout(int seconds) {
        return Duration.ofMillis((long) (seconds * 1000 * FACTOR));
    }
}
