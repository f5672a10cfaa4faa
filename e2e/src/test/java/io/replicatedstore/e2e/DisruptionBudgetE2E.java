package io.replicatedstore.e2e;

import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.replicatedstore.e2e.support.E2eTest;
import io.replicatedstore.e2e.support.Waits;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * `kubectl drain` takes one data node at a time: the store's PodDisruptionBudget lets one eviction
 * through and refuses the next (429) until the evicted node is back and Ready.
 */
class DisruptionBudgetE2E extends E2eTest {

    @Test
    void evictionsTakeOneDataNodeAtATime() {
        stores.create("pdb", 3);
        var before = stores.awaitReady("pdb", 3, 300);
        List<String> replicas = stores.pods("pdb").stream().map(p -> p.getMetadata().getName())
                .filter(p -> !p.equals(before.master())).sorted().toList();
        awaitOneDisruptionAllowed();

        assertThat(evict(replicas.get(0))).as("evicting " + replicas.get(0)).isTrue();
        assertThat(evict(replicas.get(1))).as("evicting " + replicas.get(1) + " while " + replicas.get(0) + " is away")
                .isFalse();

        stores.awaitReady("pdb", 3, 300);
        awaitOneDisruptionAllowed();
        assertThat(evict(replicas.get(1))).as("evicting " + replicas.get(1) + " once the store is whole").isTrue();
        var after = stores.awaitReady("pdb", 3, 300);
        assertThat(after.master()).as("replicas evicted, no failover").isEqualTo(before.master());
        assertThat(after.epoch()).isEqualTo(before.epoch());
    }

    private void awaitOneDisruptionAllowed() {
        PodDisruptionBudget budget = Waits.upTo(60, "the disruption budget of pdb allowing one eviction")
                .until(() -> stores.client().policy().v1().podDisruptionBudget().inNamespace(stores.namespace)
                                .withName("pdb").get(),
                        b -> b != null && b.getStatus() != null && b.getStatus().getCurrentHealthy() == 3
                                && b.getStatus().getDisruptionsAllowed() == 1);
        assertThat(budget.getSpec().getMinAvailable().getIntVal()).isEqualTo(2);
    }

    /**
     * The Eviction API, as `kubectl drain` calls it, once: false when the budget refuses (429). A
     * client of its own, as fabric8 retries a 429 with back-off by default, which would wait the
     * budget out instead of showing the refusal.
     */
    private boolean evict(String pod) {
        Config once = new ConfigBuilder(stores.client().getConfiguration()).withRequestRetryBackoffLimit(0).build();
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(once).build()) {
            boolean evicted = client.pods().inNamespace(stores.namespace).withName(pod).evict();
            Waits.log("eviction of " + pod + ": " + (evicted ? "done" : "refused by the disruption budget"));
            return evicted;
        }
    }
}
