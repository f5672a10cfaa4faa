package io.replicatedstore.e2e;

import io.replicatedstore.e2e.support.ClientPod;
import io.replicatedstore.e2e.support.E2e;
import io.replicatedstore.e2e.support.Settings;
import io.replicatedstore.e2e.support.Stores;
import io.replicatedstore.e2e.support.Waits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The user's first steps: the operator installed with Helm (by {@link E2e}), each example of
 * deploy/examples applied and Ready, `kubectl get rstore` showing the roles, and a client in the
 * cluster writing through {@code <name>-master} and reading through {@code <name>-replicas}.
 */
@ExtendWith(E2e.class)
class ExamplesE2E {

    Stores stores;

    @AfterEach
    void deleteNamespace() {
        if (stores != null) {
            stores.delete();
        }
    }

    @Test
    void basicComesUpReadyAndKubectlShowsTheRoles(TestInfo test) throws Exception {
        stores = Stores.inNewNamespace(E2e.cluster(), test.getTestMethod().orElseThrow().getName());
        stores.apply(Settings.EXAMPLES.resolve("basic.yaml"));
        var status = stores.awaitReady("basic", 3, 300);

        String table = stores.kubectlGet();
        Waits.log("kubectl get rstore:\n" + table);
        List<String> header = List.of(table.lines().findFirst().orElseThrow().trim().split("\\s+"));
        assertThat(header).containsSubsequence("NAME", "AGE").contains("MASTER", "READY", "PHASE", "EPOCH");
        String row = table.lines().skip(1).findFirst().orElseThrow();
        assertThat(row).contains("basic", status.master(), "3/3");
        String wide = stores.kubectlGet("rstore", "-o", "wide");
        assertThat(wide.lines().findFirst().orElseThrow()).contains("REPLICAS");
        assertThat(stores.pods("basic")).extracting(p -> p.getMetadata().getLabels().get("replicatedstore.io/role"))
                .containsExactlyInAnyOrder("master", "replica", "replica");
        assertThat(stores.role(status.master())).isEqualTo("master");
    }

    @Test
    void aClientInTheClusterWritesThroughTheMasterServiceAndReadsThroughTheReplicas(TestInfo test) {
        stores = Stores.inNewNamespace(E2e.cluster(), test.getTestMethod().orElseThrow().getName());
        stores.create("clients", 3);
        stores.awaitReady("clients", 3, 300);
        ClientPod client = new ClientPod(E2e.cluster(), stores.namespace, stores.password("clients"));

        assertThat(client.ok("clients-master", "SET", "greeting", "hello from the cluster")).isEqualTo("+OK");
        assertThat(client.ok("clients-master", "GET", "greeting")).isEqualTo("hello from the cluster");
        // Replicas follow asynchronously: the value arrives within moments. Several reads, as the
        // Service spreads connections over both replicas.
        for (int i = 0; i < 4; i++) {
            Waits.upTo(30, "the write read back through clients-replicas")
                    .until(() -> client.ok("clients-replicas", "GET", "greeting"), "hello from the cluster"::equals);
        }
        assertThat(client.cmd("clients-replicas", "SET", "k", "v").out())
                .as("a replica refuses writes").startsWith("-READONLY");
        assertThat(client.ok("clients-replicas", "ROLE")).startsWith("slave");
    }

    /**
     * Every other example. They may ask for more than a small node has (aof-tuned requests 500m
     * CPU for each of its five nodes): the test says so instead of waiting in vain.
     */
    @Test
    void everyOtherExampleComesUpReady(TestInfo test) throws Exception {
        try (var files = Files.list(Settings.EXAMPLES)) {
            for (Path example : files.filter(f -> f.toString().endsWith(".yaml") && !f.endsWith("basic.yaml")).sorted().toList()) {
                stores = Stores.inNewNamespace(E2e.cluster(), test.getTestMethod().orElseThrow().getName());
                String yaml = Files.readString(example);
                stores.apply(yaml);
                var store = stores.get(nameOf(yaml));
                int replicas = ((Number) ((java.util.Map<?, ?>) store.getAdditionalProperties().get("spec")).get("replicas")).intValue();
                stores.awaitReady(store.getMetadata().getName(), replicas, 420);
                stores.delete();
                stores = null;
            }
        }
    }

    private static String nameOf(String yaml) {
        return yaml.lines().dropWhile(l -> !l.startsWith("metadata:")).filter(l -> l.trim().startsWith("name:"))
                .findFirst().orElseThrow().trim().substring("name:".length()).trim();
    }
}
