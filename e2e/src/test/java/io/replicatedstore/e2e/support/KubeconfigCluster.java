package io.replicatedstore.e2e.support;

import java.nio.file.Path;
import java.util.Optional;

/** Any cluster, by kubeconfig; no node access, so the scenarios that signal containers are skipped. */
final class KubeconfigCluster extends Cluster {

    private final Path kubeconfig;

    KubeconfigCluster() {
        String path = System.getProperty("e2e.kubeconfig", System.getenv("KUBECONFIG"));
        if (path == null || path.isBlank()) {
            throw new IllegalStateException("e2e.cluster=kubeconfig needs KUBECONFIG or -De2e.kubeconfig=FILE");
        }
        kubeconfig = Path.of(path.split(":")[0]);
    }

    @Override
    public Path kubeconfig() {
        return kubeconfig;
    }

    @Override
    public Optional<NodeShell> node() {
        return Optional.empty();
    }
}
