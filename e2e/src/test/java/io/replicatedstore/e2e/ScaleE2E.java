package io.replicatedstore.e2e;

import io.replicatedstore.e2e.support.ClientPod;
import io.replicatedstore.e2e.support.E2e;
import io.replicatedstore.e2e.support.Stores;
import io.replicatedstore.e2e.support.Waits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Scale 3 -> 5 -> 2 by editing spec.replicas: pods follow, the data stays, reads work on the new replicas. */
@ExtendWith(E2e.class)
class ScaleE2E {

    Stores stores;

    @AfterEach
    void deleteNamespace() {
        if (stores != null) {
            stores.delete();
        }
    }

    @Test
    void scalesThreeToFiveToTwoKeepingItsData(TestInfo test) {
        stores = Stores.inNewNamespace(E2e.cluster(), test.getTestMethod().orElseThrow().getName());
        stores.create("sc", 3);
        stores.awaitReady("sc", 3, 300);
        ClientPod client = new ClientPod(E2e.cluster(), stores.namespace, stores.password("sc"));
        for (int i = 0; i < 20; i++) {
            client.ok("sc-master", "SET", "k" + i, "v" + i);
        }

        stores.patchSpec("sc", Map.of("replicas", 5));
        var five = stores.awaitReady("sc", 5, 420);
        assertThat(stores.pods("sc")).hasSize(5);
        Waits.log("scaled to 5: " + five + "\n" + stores.kubectlGet("rstore", "-o", "wide"));
        // New replicas got the data by full sync: read from every pod directly.
        for (var pod : stores.pods("sc")) {
            String ip = pod.getStatus().getPodIP();
            Waits.upTo(60, "k19 on " + pod.getMetadata().getName())
                    .until(() -> client.ok(ip, "GET", "k19"), "v19"::equals);
        }

        stores.patchSpec("sc", Map.of("replicas", 2));
        var two = stores.awaitReady("sc", 2, 300);
        Waits.upTo(120, "pods sc-2..sc-4 gone").until(() -> stores.pods("sc").size() == 2);
        assertThat(stores.pods("sc")).extracting(p -> p.getMetadata().getName()).containsExactlyInAnyOrder("sc-0", "sc-1");
        assertThat(two.master()).isIn("sc-0", "sc-1");
        for (int i = 0; i < 20; i++) {
            assertThat(client.ok("sc-master", "GET", "k" + i)).isEqualTo("v" + i);
        }
        assertThat(client.ok("sc-master", "SET", "after", "scale-down")).isEqualTo("+OK");
    }
}
