package io.replicatedstore.e2e.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * hack/local-cluster.sh's cluster: this machine is its node, so node access is a local root
 * shell with crictl on the PATH and containerd's CRI socket.
 */
final class LocalCluster extends Cluster {

    private static final Path STATE = Path.of(System.getProperty("e2e.local.dir",
            System.getProperty("user.home") + "/.cache/replicated-store/local-cluster"));
    private static final Path NODE_BIN = Path.of(System.getProperty("user.home"),
            ".cache/replicated-store/kube/node", Settings.KUBE_VERSION + "-linux-amd64");
    private static final String CONTAINERD = System.getenv().getOrDefault("CONTAINERD_ADDRESS",
            "/run/containerd/containerd.sock");

    LocalCluster() {
        if (!Files.isReadable(kubeconfig())) {
            throw new IllegalStateException(kubeconfig() + " missing: run hack/local-cluster.sh up (or hack/e2e.sh)");
        }
    }

    /** Its keys are EC in PKCS#8 ("BEGIN PRIVATE KEY"), which fabric8 reads as RSA unless told. */
    @Override
    protected io.fabric8.kubernetes.client.Config config(io.fabric8.kubernetes.client.Config fromKubeconfig) {
        fromKubeconfig.setClientKeyAlgo("EC");
        return fromKubeconfig;
    }

    @Override
    public Path kubeconfig() {
        return STATE.resolve("kubeconfig");
    }

    @Override
    public Optional<NodeShell> node() {
        return Optional.of((script, timeout) -> Cmd.tryRun(timeout, List.of("bash", "-c",
                "export PATH=" + NODE_BIN + ":$PATH CONTAINER_RUNTIME_ENDPOINT=unix://" + CONTAINERD + "\n" + script)));
    }
}
