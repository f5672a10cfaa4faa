package io.replicatedstore.e2e.support;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Clients inside the cluster: pods of the data node image (it has bash, not redis-cli) running
 * resp.sh, a RESP client in bash over /dev/tcp, mounted from a ConfigMap. Chosen over a client
 * image so no image beyond the product's is needed on any cluster. {@link #cmd} runs one
 * command through {@code kubectl exec} in a long-lived shell pod; {@link #startWriter} starts a
 * pod that appends 1, 2, 3... to a list through a Service and logs each acknowledgement.
 */
public final class ClientPod {

    static final String SCRIPT;

    static {
        try (InputStream in = ClientPod.class.getResourceAsStream("/io/replicatedstore/e2e/resp.sh")) {
            SCRIPT = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private final Cluster cluster;
    private final String namespace;
    private final String password;
    private final String shell = "client";

    /** Creates the ConfigMap and the shell pod and waits until it runs. */
    public ClientPod(Cluster cluster, String namespace, String password) {
        this.cluster = cluster;
        this.namespace = namespace;
        this.password = password;
        cluster.client().configMaps().inNamespace(namespace).resource(new ConfigMapBuilder()
                .withNewMetadata().withName("e2e-resp").endMetadata()
                .addToData("resp.sh", SCRIPT).build()).serverSideApply();
        cluster.client().pods().inNamespace(namespace).resource(pod(shell, List.of("bash", "-c", "exec sleep infinity"))).create();
        Waits.upTo(120, "client pod " + namespace + "/" + shell + " running")
                .until(() -> Stores.isReady(cluster.client().pods().inNamespace(namespace).withName(shell).get()));
    }

    private Pod pod(String name, List<String> command) {
        return new PodBuilder().withNewMetadata().withName(name).addToLabels("app", "e2e-client").endMetadata()
                .withNewSpec()
                .withTerminationGracePeriodSeconds(1L)
                .withAutomountServiceAccountToken(false)
                // The namespace enforces the restricted Pod Security Standard.
                .withNewSecurityContext().withRunAsNonRoot(true).withRunAsUser(1000L).withRunAsGroup(1000L)
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile().endSecurityContext()
                .addNewContainer().withName("client").withImage(Settings.DATANODE_IMAGE)
                .withNewSecurityContext().withAllowPrivilegeEscalation(false)
                .withNewCapabilities().withDrop("ALL").endCapabilities().endSecurityContext()
                .withImagePullPolicy("IfNotPresent")
                .withCommand(command)
                .addNewEnv().withName("PASSWORD").withValue(password).endEnv()
                .addNewVolumeMount().withName("resp").withMountPath("/e2e").endVolumeMount()
                .addNewVolumeMount().withName("tmp").withMountPath("/tmp").endVolumeMount()
                .withNewResources().addToRequests("cpu", new io.fabric8.kubernetes.api.model.Quantity("10m")).endResources()
                .endContainer()
                .addNewVolume().withName("resp").withNewConfigMap().withName("e2e-resp").endConfigMap().endVolume()
                .addNewVolume().withName("tmp").withNewEmptyDir().endEmptyDir().endVolume()
                .endSpec().build();
    }

    /** One command to HOST (a Service or pod DNS name); the reply, or the error as text. */
    public Cmd.Result cmd(String host, String... command) {
        List<String> args = new ArrayList<>(List.of("-n", namespace, "exec", shell, "--", "bash", "/e2e/resp.sh", "cmd", host));
        args.addAll(List.of(command));
        return cluster.tryKubectl(args.toArray(String[]::new));
    }

    /** The reply of a command that must succeed. */
    public String ok(String host, String... command) {
        Cmd.Result r = cmd(host, command);
        if (!r.ok()) {
            throw new IllegalStateException(String.join(" ", command) + " to " + host + " failed: " + r.out());
        }
        return r.out();
    }

    /** Starts a writer pod appending to KEY through HOST; stop it with {@link Writer#stop()}. */
    public Writer startWriter(String name, String host, String key) {
        cluster.client().pods().inNamespace(namespace)
                .resource(pod(name, List.of("bash", "/e2e/resp.sh", "write", host, key))).create();
        Waits.upTo(120, "writer pod " + name + " running").until(() -> {
            Pod p = cluster.client().pods().inNamespace(namespace).withName(name).get();
            return p != null && "Running".equals(p.getStatus().getPhase());
        });
        return new Writer(this, name, key);
    }

    /** A writer pod; its log is its record of every attempt. */
    public static final class Writer {
        private final ClientPod client;
        public final String pod;
        public final String key;

        Writer(ClientPod client, String pod, String key) {
            this.client = client;
            this.pod = pod;
            this.key = key;
        }

        public WriterLog log() {
            return WriterLog.parse(client.cluster.client().pods().inNamespace(client.namespace).withName(pod).getLog());
        }

        /** Waits until the writer has had N more acknowledgements than now. */
        public WriterLog awaitAcks(int more, int seconds) {
            int before = log().acks().size();
            return Waits.upTo(seconds, pod + ": " + more + " more acknowledged writes")
                    .until(this::log, l -> l.acks().size() >= before + more);
        }

        /** Stops the writer (its log read first) and returns the record. */
        public WriterLog stop() {
            WriterLog log = log();
            client.cluster.client().pods().inNamespace(client.namespace).withName(pod).withGracePeriod(0).delete();
            return log;
        }
    }
}
