package io.replicatedstore.e2e.support;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import org.junit.jupiter.api.Assumptions;

/**
 * What only the node can do to a data node's container: signal its process (SIGKILL, SIGSTOP,
 * SIGCONT; a process cannot be sent those from inside its own PID namespace, where it is PID 1)
 * and cut its network inside its network namespace. Through the cluster's node shell; the
 * scenarios using it are skipped on clusters without one (e2e.cluster=kubeconfig).
 */
public final class NodeOps {

    private final Cluster.NodeShell node;

    private NodeOps(Cluster.NodeShell node) {
        this.node = node;
    }

    public static NodeOps of(Cluster cluster) {
        Assumptions.assumeTrue(cluster.node().isPresent(),
                "needs a shell on the node (e2e.cluster=local or k3s), not available with e2e.cluster=" + Settings.CLUSTER);
        return new NodeOps(cluster.node().get());
    }

    /** The running data node container's id in the CRI (containerd). */
    public static String containerId(Pod pod) {
        ContainerStatus status = pod.getStatus().getContainerStatuses().stream()
                .filter(c -> c.getName().equals("datanode")).findFirst()
                .orElseThrow(() -> new IllegalStateException("pod " + pod.getMetadata().getName() + " has no datanode container status"));
        String id = status.getContainerID();
        if (id == null || status.getState().getRunning() == null) {
            throw new IllegalStateException("container datanode of " + pod.getMetadata().getName() + " is not running: " + status.getState());
        }
        return id.replaceFirst("^[a-z]+://", "");
    }

    /** The container's main process as the node sees it. */
    public int pid(String containerId) {
        String out = sh("crictl inspect --output go-template --template '{{.info.pid}}' " + containerId + " 2>/dev/null");
        return Integer.parseInt(out.lines().reduce("", (a, b) -> b).trim());
    }

    /** kill -SIGNAL of the container's main process, from the node. */
    public void signal(String containerId, String signal) {
        signal(pid(containerId), signal);
    }

    /** kill -SIGNAL of a process on the node (its pid looked up before, so the kill is timed alone). */
    public void signal(int pid, String signal) {
        sh("kill -s " + signal + " " + pid);
    }

    /** Drops every packet in and out of the container's network namespace but loopback (its probe still runs). */
    public void cutNetwork(int pid) {
        sh("nsenter -t " + pid + " -n iptables -w -I INPUT ! -i lo -j DROP && nsenter -t " + pid + " -n iptables -w -I OUTPUT ! -o lo -j DROP");
    }

    public void restoreNetwork(int pid) {
        sh("nsenter -t " + pid + " -n iptables -w -D INPUT ! -i lo -j DROP; nsenter -t " + pid + " -n iptables -w -D OUTPUT ! -o lo -j DROP");
    }

    /** Tags an image present on the node with another name (a "new" image for a rolling update, without a registry). */
    public void tagImage(String source, String target) {
        sh("ctr -n k8s.io images tag --force " + source + " " + target);
    }

    public void removeImage(String image) {
        node.sh("ctr -n k8s.io images rm " + image, Settings.timeout(60));
    }

    private String sh(String script) {
        Cmd.Result r = node.sh(script, Settings.timeout(60));
        if (!r.ok()) {
            throw new IllegalStateException("on the node: " + script + ": exit " + r.code() + ": " + r.out());
        }
        return r.out();
    }
}
