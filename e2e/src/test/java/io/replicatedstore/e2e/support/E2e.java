package io.replicatedstore.e2e.support;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Once per run: connects to the cluster and installs the operator with Helm from deploy/helm
 * (release rs-e2e in its own namespace); at the end of the run uninstalls it and closes the
 * cluster. Test classes use it with {@code @ExtendWith(E2e.class)} and reach it by {@link #cluster()}.
 */
public final class E2e implements BeforeAllCallback {

    private static volatile Run run;

    public static Cluster cluster() {
        return run.cluster;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        synchronized (E2e.class) {
            if (run == null) {
                run = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                        .getOrComputeIfAbsent(Run.class, k -> new Run(Cluster.fromSettings()), Run.class);
            }
        }
    }

    /** Installs the operator with the chart's defaults (two instances electing a leader), as a user would. */
    public static void installOperator(Cluster cluster) {
        cluster.helm("upgrade", "--install", Settings.RELEASE, Settings.CHART.toString(),
                "--namespace", Settings.OPERATOR_NAMESPACE, "--create-namespace",
                "--wait", "--timeout", "5m");
    }

    public static void uninstallOperator(Cluster cluster) {
        cluster.helm("uninstall", Settings.RELEASE, "--namespace", Settings.OPERATOR_NAMESPACE, "--wait", "--timeout", "3m");
    }

    static final class Run implements ExtensionContext.Store.CloseableResource {
        final Cluster cluster;

        Run(Cluster cluster) {
            this.cluster = cluster;
            Waits.log("cluster " + Settings.CLUSTER + ", kubeconfig " + cluster.kubeconfig());
            cluster.kubectl("wait", "--for=condition=Ready", "node", "--all", "--timeout=120s");
            // A previous run's operator namespace may still be terminating: helm cannot install into it.
            Waits.upTo(180, "namespace " + Settings.OPERATOR_NAMESPACE + " not terminating").until(() -> {
                var ns = cluster.client().namespaces().withName(Settings.OPERATOR_NAMESPACE).get();
                return ns == null || ns.getMetadata().getDeletionTimestamp() == null;
            });
            // Another operator watching every namespace would fight this one over the stores.
            var others = cluster.client().apps().deployments().inAnyNamespace()
                    .withLabel("app.kubernetes.io/name", "replicated-store-operator").list().getItems().stream()
                    .filter(d -> !d.getMetadata().getNamespace().equals(Settings.OPERATOR_NAMESPACE))
                    .map(d -> d.getMetadata().getNamespace() + "/" + d.getMetadata().getName()).toList();
            if (!others.isEmpty()) {
                throw new IllegalStateException("another replicated-store operator runs in the cluster: " + others
                        + "; uninstall it first (e.g. helm -n replicated-store-system uninstall rs-operator)");
            }
            // The operator's namespace enforces the restricted Pod Security Standard too.
            cluster.client().namespaces().resource(new NamespaceBuilder().withNewMetadata()
                    .withName(Settings.OPERATOR_NAMESPACE).addToLabels(Stores.RESTRICTED).endMetadata().build())
                    .serverSideApply();
            long t0 = System.nanoTime();
            installOperator(cluster);
            Waits.log("operator installed (helm upgrade --install " + Settings.RELEASE + ") in "
                    + (System.nanoTime() - t0) / 1_000_000 + " ms");
        }

        @Override
        public void close() {
            try {
                // Stores of tests that failed to clean up go with their namespaces; then the operator.
                cluster.tryKubectl("delete", "namespace", "-l", Stores.E2E_LABEL, "--wait=false");
                if (cluster.tryKubectl("-n", Settings.OPERATOR_NAMESPACE, "get", "deploy", Settings.RELEASE).ok()) {
                    uninstallOperator(cluster);
                }
                cluster.tryKubectl("delete", "namespace", Settings.OPERATOR_NAMESPACE, "--wait=false");
            } finally {
                cluster.close();
            }
        }
    }

}
