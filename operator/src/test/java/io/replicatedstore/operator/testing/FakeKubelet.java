package io.replicatedstore.operator.testing;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.replicatedstore.operator.resources.NodeConfig;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Plays the kubelet's part for one namespace, since no kubelet runs in these tests: for each
 * data node pod the operator creates it starts a real data node process on a loopback port, with
 * the pod's own arguments and the ConfigMap's configuration file (a kubelet would mount it), and
 * keeps the pod's status up to date, running the pod's real readiness probe script against the
 * process. A deleted pod's process is killed; its data directory (the pod's volume) stays, as a
 * claim's would.
 */
public final class FakeKubelet implements AutoCloseable {

    static final Path JAR = Path.of(System.getProperty("datanode.jar", "../datanode/target/datanode.jar"));

    private final KubernetesClient client;
    private final String namespace;
    private final Path root;
    private final Map<String, Node> nodes = new ConcurrentHashMap<>();
    private final Thread loop;
    private volatile boolean running = true;

    /** A data node process standing for a pod's container. */
    public static final class Node {
        final String pod;
        final String uid;
        final int port;
        final Path dir;
        Process process;
        String password;
        String configMap;
        String configMountPath;
        /** Mount path in the pod -> the directory standing for it here. */
        final Map<String, Path> mounts = new LinkedHashMap<>();
        String probe;
        Boolean lastReady;
        volatile boolean held;

        Node(String pod, String uid, int port, Path dir) {
            this.pod = pod;
            this.uid = uid;
            this.port = port;
            this.dir = dir;
        }

        public int port() {
            return port;
        }

        public String password() {
            return password;
        }

        /** Text with every mount path replaced by its local directory, in one pass (the directories contain the paths). */
        String local(String text) {
            if (mounts.isEmpty()) {
                return text;
            }
            // Longest first: one mount path may prefix another.
            String alternatives = mounts.keySet().stream().sorted(Comparator.comparingInt(String::length).reversed())
                    .map(Pattern::quote).collect(Collectors.joining("|"));
            return Pattern.compile(alternatives).matcher(text)
                    .replaceAll(match -> Matcher.quoteReplacement(mounts.get(match.group()).toString()));
        }
    }

    public FakeKubelet(KubernetesClient client, String namespace) throws IOException {
        if (!Files.isRegularFile(JAR)) {
            throw new IllegalStateException("no data node jar at " + JAR + ": build the datanode module first");
        }
        this.client = client;
        this.namespace = namespace;
        this.root = Files.createTempDirectory("fake-kubelet-" + namespace);
        this.loop = new Thread(this::run, "fake-kubelet-" + namespace);
        loop.setDaemon(true);
        loop.start();
    }

    public Node node(String pod) {
        return nodes.get(pod);
    }

    /** Freezes a pod's process (SIGSTOP), as a hung node or a partition looks from outside. */
    public void freeze(String pod) throws IOException, InterruptedException {
        signal(pod, "STOP");
    }

    /** Lets a frozen process run again (SIGCONT). */
    public void thaw(String pod) throws IOException, InterruptedException {
        signal(pod, "CONT");
    }

    private void signal(String pod, String signal) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(nodes.get(pod).process.pid())).start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new IOException("kill -" + signal + " failed for " + pod);
        }
    }

    /**
     * Kills a pod's process (SIGKILL) and keeps it down, as a container in CrashLoopBackOff: the
     * pod reports its container terminated until {@link #release(String)}.
     */
    public void killAndHold(String pod) throws InterruptedException {
        Node node = nodes.get(pod);
        node.held = true;
        node.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    /** Lets a held container start again. */
    public void release(String pod) {
        nodes.get(pod).held = false;
        nodes.get(pod).lastReady = null;
    }

    private void reportTerminated(Pod pod, Node node) {
        if (Boolean.FALSE.equals(node.lastReady)) {
            return;
        }
        String now = Instant.now().toString();
        pod.setStatus(new PodStatusBuilder()
                .withPhase("Running")
                .withPodIP("127.0.0.1")
                .withConditions(new PodConditionBuilder().withType("Ready").withStatus("False")
                        .withLastTransitionTime(now).build())
                .withContainerStatuses(new ContainerStatusBuilder().withName("datanode").withReady(false)
                        .withRestartCount(1).withNewState().withNewTerminated().withExitCode(137).withReason("Error")
                        .withFinishedAt(now).endTerminated().endState().build())
                .build());
        client.pods().inNamespace(namespace).resource(pod).updateStatus();
        node.lastReady = false;
    }

    /** Kills a pod's process as a crash would (SIGKILL); the kubelet restarts the container. */
    public void crash(String pod) throws InterruptedException {
        Node node = nodes.get(pod);
        node.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    private void run() {
        while (running) {
            try {
                syncPods();
                Thread.sleep(300);
            } catch (InterruptedException e) {
                return;
            } catch (KubernetesClientException | IOException e) {
                // The API server or a process hiccuped: try again on the next pass.
                System.out.printf("fake-kubelet %s: %s (retried)%n", namespace, e.getMessage());
            }
        }
    }

    private void syncPods() throws IOException, InterruptedException {
        List<Pod> pods = client.pods().inNamespace(namespace)
                .withLabel("app.kubernetes.io/managed-by", "replicated-store-operator").list().getItems();
        List<String> seen = new ArrayList<>();
        for (Pod pod : pods) {
            String name = pod.getMetadata().getName();
            seen.add(name);
            Node node = nodes.get(name);
            if (node != null && !node.uid.equals(pod.getMetadata().getUid())) {
                stop(node); // the pod was replaced
                node = null;
            }
            if (node == null) {
                node = new Node(name, pod.getMetadata().getUid(), freePort(), Files.createDirectories(root.resolve(name)));
                nodes.put(name, node);
            }
            if (node.held) {
                reportTerminated(pod, node);
                continue;
            }
            if (node.process == null || !node.process.isAlive()) {
                if (!start(pod, node)) {
                    continue;
                }
            }
            report(pod, node);
        }
        for (Node node : List.copyOf(nodes.values())) {
            if (!seen.contains(node.pod)) {
                stop(node);
                nodes.remove(node.pod);
            }
        }
    }

    /**
     * Starts the container: its ConfigMap and Secret volumes written to local directories (as the
     * kubelet mounts them), the pod's arguments with the kubelet's $(VAR) expansion, and every
     * mount path, in arguments and mounted files alike, pointing at those directories.
     */
    private boolean start(Pod pod, Node node) throws IOException {
        var container = pod.getSpec().getContainers().get(0);
        Map<String, Map<String, String>> files = new LinkedHashMap<>(); // mount path -> file name -> content
        Map<String, String> fileMounts = new LinkedHashMap<>(); // mount path of a subPath mount -> content
        for (VolumeMount mount : container.getVolumeMounts()) {
            Volume volume = pod.getSpec().getVolumes().stream().filter(v -> v.getName().equals(mount.getName()))
                    .findFirst().orElseThrow();
            if (volume.getConfigMap() != null) {
                ConfigMap config = client.configMaps().inNamespace(namespace).withName(volume.getConfigMap().getName()).get();
                if (config == null) {
                    return false; // a kubelet waits for its volumes too
                }
                files.put(mount.getMountPath(), config.getData());
                node.configMap = config.getMetadata().getName();
                node.configMountPath = mount.getMountPath();
            } else if (volume.getSecret() != null) {
                Secret secret = client.secrets().inNamespace(namespace).withName(volume.getSecret().getSecretName()).get();
                if (secret == null) {
                    return false;
                }
                Map<String, String> decoded = new LinkedHashMap<>();
                secret.getData().forEach((key, value) ->
                        decoded.put(key, new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8)));
                if (mount.getSubPath() != null) {
                    fileMounts.put(mount.getMountPath(), decoded.get(mount.getSubPath())); // one key as one file
                } else {
                    files.put(mount.getMountPath(), decoded);
                }
            }
        }
        node.mounts.clear();
        for (String mountPath : files.keySet()) {
            node.mounts.put(mountPath, Files.createDirectories(node.dir.resolve("volumes").resolve(mountPath.substring(1))));
        }
        for (String mountPath : fileMounts.keySet()) {
            Path file = node.dir.resolve("volumes").resolve(mountPath.substring(1));
            Files.createDirectories(file.getParent());
            node.mounts.put(mountPath, file);
        }
        for (var volume : files.entrySet()) {
            for (var file : volume.getValue().entrySet()) {
                Files.writeString(node.mounts.get(volume.getKey()).resolve(file.getKey()), node.local(file.getValue()));
            }
        }
        for (var file : fileMounts.entrySet()) {
            Files.writeString(node.mounts.get(file.getKey()), node.local(file.getValue()));
        }
        node.password = Files.readString(node.mounts.get(NodeConfig.AUTH_MOUNT + "/" + NodeConfig.AUTH_PASSWORD_KEY));
        node.probe = node.local(probeScript(files.get(node.configMountPath), node));
        Path data = Files.createDirectories(node.dir.resolve("data"));

        List<String> command = new ArrayList<>(List.of("java", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-jar", JAR.toString()));
        for (String arg : container.getArgs()) {
            command.add(node.local(arg).replace("$(POD_NAME)", node.pod));
        }
        // What differs from a pod: its own port on loopback (announced, so FAILOVER TO finds it), and the
        // volume's directory.
        command.addAll(List.of("--port", Integer.toString(node.port), "--bind", "127.0.0.1", "--dir", data.toString(),
                "--replica-announce-ip", "127.0.0.1"));
        node.process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(node.dir.resolve("datanode.log").toFile())).start();
        LoopbackNodeAddresses.register(namespace, node.pod, node.port);
        return true;
    }

    /** The probe script talks to 127.0.0.1:6379 in the pod; here the node has its own port. */
    private static String probeScript(Map<String, String> config, Node node) {
        return config.get(NodeConfig.PROBE_KEY).replace("/dev/tcp/127.0.0.1/6379", "/dev/tcp/127.0.0.1/" + node.port);
    }

    /** The pod's status as a kubelet reports it: running on loopback, ready by its readiness probe. */
    private void report(Pod pod, Node node) throws InterruptedException, IOException {
        // A mounted ConfigMap follows changes to it, so the probe script does too.
        ConfigMap config = client.configMaps().inNamespace(namespace).withName(node.configMap).get();
        if (config != null) {
            node.probe = node.local(probeScript(config.getData(), node));
        }
        boolean ready = probe(node);
        if (Boolean.valueOf(ready).equals(node.lastReady) && pod.getStatus() != null
                && "Running".equals(pod.getStatus().getPhase())) {
            return;
        }
        String now = Instant.now().toString();
        pod.setStatus(new PodStatusBuilder()
                .withPhase("Running")
                .withPodIP("127.0.0.1")
                .withStartTime(now)
                .withConditions(new PodConditionBuilder().withType("Ready").withStatus(ready ? "True" : "False")
                        .withLastTransitionTime(now).build())
                .withContainerStatuses(new ContainerStatusBuilder().withName("datanode").withReady(ready)
                        .withRestartCount(0).withNewState().withNewRunning().withStartedAt(now).endRunning().endState()
                        .build())
                .build());
        client.pods().inNamespace(namespace).resource(pod).updateStatus();
        node.lastReady = ready;
    }

    private boolean probe(Node node) throws InterruptedException, IOException {
        ProcessBuilder builder = new ProcessBuilder("bash", "-c", node.probe).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        Process probe = builder.start();
        if (!probe.waitFor(5, TimeUnit.SECONDS)) {
            probe.destroyForcibly();
            return false;
        }
        return probe.exitValue() == 0;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Stops a deleted pod's container as a kubelet does: SIGTERM, then SIGKILL after the grace period. */
    private void stop(Node node) throws InterruptedException {
        LoopbackNodeAddresses.forget(namespace, node.pod);
        if (node.process != null) {
            try {
                // A frozen process would not act on SIGTERM.
                new ProcessBuilder("kill", "-CONT", Long.toString(node.process.pid())).start().waitFor(10, TimeUnit.SECONDS);
            } catch (IOException e) {
                // no kill binary: SIGKILL below still ends it
            }
            node.process.destroy();
            if (!node.process.waitFor(10, TimeUnit.SECONDS)) {
                node.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        loop.interrupt();
        loop.join(10_000);
        for (Node node : nodes.values()) {
            stop(node);
        }
    }
}
