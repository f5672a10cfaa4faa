package io.replicatedstore.e2e.support;

import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;
import org.testcontainers.utility.MountableFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * K3s in Docker through Testcontainers, for machines with Docker and the k3s image
 * ({@code e2e.k3s.image}). The images hack/images.sh built (target/images/*.tar) are copied into
 * the container and imported into K3s's containerd; node access is a shell in the container.
 * Offline Docker hosts need TESTCONTAINERS_RYUK_DISABLED=true (shared/notes/DEPENDENCIES.md).
 */
final class K3sCluster extends Cluster {

    private final K3sContainer k3s;
    private final Path kubeconfig;

    K3sCluster() {
        k3s = new K3sContainer(DockerImageName.parse(System.getProperty("e2e.k3s.image", "rancher/k3s:v1.31.4-k3s1")));
        k3s.start();
        try {
            kubeconfig = Files.createTempFile("e2e-k3s", ".kubeconfig");
            Files.writeString(kubeconfig, k3s.getKubeConfigYaml());
            try (var archives = Files.list(Settings.ROOT.resolve("target/images"))) {
                for (Path archive : archives.filter(f -> f.toString().endsWith(".tar")).toList()) {
                    String inside = "/tmp/" + archive.getFileName();
                    k3s.copyFileToContainer(MountableFile.forHostPath(archive), inside);
                    var r = k3s.execInContainer("ctr", "-n", "k8s.io", "images", "import", inside);
                    if (r.getExitCode() != 0) {
                        throw new IllegalStateException("import of " + archive + " into k3s failed: " + r.getStderr());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Path kubeconfig() {
        return kubeconfig;
    }

    @Override
    public Optional<NodeShell> node() {
        return Optional.of((script, timeout) -> {
            try {
                var r = k3s.execInContainer("sh", "-c", script);
                return new Cmd.Result(r.getExitCode(), (r.getStdout() + r.getStderr()).strip());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
    }

    @Override
    public void close() {
        super.close();
        k3s.stop();
        try {
            Files.deleteIfExists(kubeconfig);
        } catch (IOException ignored) {
            // a temporary file
        }
    }
}
