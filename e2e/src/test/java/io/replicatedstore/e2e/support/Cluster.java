package io.replicatedstore.e2e.support;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The cluster the suite runs on, chosen by {@code e2e.cluster}: {@code local} (the cluster of
 * hack/local-cluster.sh, already up with the images imported: hack/e2e.sh does both),
 * {@code kubeconfig} (any cluster: $KUBECONFIG or {@code e2e.kubeconfig}; its nodes must have the
 * images) or {@code k3s} (K3s in Docker through Testcontainers; it imports the images itself).
 */
public abstract class Cluster implements AutoCloseable {

    private KubernetesClient client;

    public static Cluster fromSettings() {
        return switch (Settings.CLUSTER) {
            case "local" -> new LocalCluster();
            case "kubeconfig" -> new KubeconfigCluster();
            case "k3s" -> new K3sCluster();
            default -> throw new IllegalArgumentException("e2e.cluster=" + Settings.CLUSTER + ": local, kubeconfig or k3s");
        };
    }

    /** The admin kubeconfig file, for kubectl and helm. */
    public abstract Path kubeconfig();

    /**
     * A shell on the node, as root, for what only the node can do (signal a container's process,
     * cut its network); empty where the suite has no such access (a cluster given by kubeconfig).
     */
    public abstract Optional<NodeShell> node();

    public synchronized KubernetesClient client() {
        if (client == null) {
            try {
                client = new KubernetesClientBuilder().withConfig(config(Config.fromKubeconfig(Files.readString(kubeconfig())))).build();
            } catch (java.io.IOException e) {
                throw new IllegalStateException("cannot read " + kubeconfig(), e);
            }
        }
        return client;
    }

    /** The client's configuration from the kubeconfig, adjusted where a cluster needs it. */
    protected Config config(Config fromKubeconfig) {
        return fromKubeconfig;
    }

    public String kubectl(String... args) {
        return Cmd.run(Settings.timeout(120), command("kubectl", args));
    }

    public Cmd.Result tryKubectl(String... args) {
        return Cmd.tryRun(Settings.timeout(120), command("kubectl", args));
    }

    public String helm(String... args) {
        return Cmd.run(Settings.timeout(420), command("helm", args));
    }

    private List<String> command(String tool, String... args) {
        List<String> command = new ArrayList<>();
        command.add(Settings.BIN.resolve(tool).toString());
        command.add("--kubeconfig");
        command.add(kubeconfig().toString());
        command.addAll(List.of(args));
        return command;
    }

    @Override
    public void close() {
        if (client != null) {
            client.close();
        }
    }

    /** Runs a shell script on the node. */
    public interface NodeShell {
        Cmd.Result sh(String script, Duration timeout);
    }
}
