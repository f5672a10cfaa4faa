package io.replicatedstore.e2e;

import io.replicatedstore.e2e.support.E2e;
import io.replicatedstore.e2e.support.Failover;
import io.replicatedstore.e2e.support.NodeOps;
import io.replicatedstore.e2e.support.Settings;
import io.replicatedstore.e2e.support.Stores;
import io.replicatedstore.e2e.support.Waits;
import io.replicatedstore.e2e.support.WriterLog;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A new data node image rolled out with a client writing all along: replicas first, then a
 * switchover (FAILOVER TO: writes pause, nothing acknowledged is lost), then the old master.
 * Without a registry the "new image" is the same image under another tag on the node.
 */
@ExtendWith(E2e.class)
class RollingUpdateE2E {

    static final String NEW_IMAGE = "replicated-store.local/datanode:e2e-rollout";
    Stores stores;
    NodeOps node;

    @AfterEach
    void cleanUp() {
        if (stores != null) {
            stores.delete();
        }
        if (node != null) {
            node.removeImage(NEW_IMAGE);
        }
    }

    @Test
    void aNewImageRollsOutWithASwitchoverAndLosesNoAcknowledgedWrite(TestInfo test) {
        node = NodeOps.of(E2e.cluster());
        node.tagImage(Settings.DATANODE_IMAGE, NEW_IMAGE);
        stores = Stores.inNewNamespace(E2e.cluster(), test.getTestMethod().orElseThrow().getName());
        stores.create("ru", 3);
        var before = stores.awaitReady("ru", 3, 300);
        Failover failover = new Failover(stores, "ru");
        var writer = failover.client.startWriter("writer", "ru-master", "e2e:rollout");
        writer.awaitAcks(30, 90);

        long t0 = System.nanoTime();
        stores.patchSpec("ru", Map.of("image", NEW_IMAGE));
        Waits.upTo(900, "every pod of ru on " + NEW_IMAGE + " and the store Ready").until(() -> {
            var pods = stores.pods("ru");
            return pods.size() == 3 && pods.stream().allMatch(p -> Stores.isReady(p)
                    && p.getSpec().getContainers().get(0).getImage().equals(NEW_IMAGE))
                    && stores.status("ru").ready();
        });
        Waits.log("rolled out in " + (System.nanoTime() - t0) / 1_000_000_000 + " s");
        writer.awaitAcks(20, 60);
        WriterLog log = writer.stop();
        List<String> lost = log.lost(failover.stored(writer.key));
        var after = stores.status("ru");
        String reasons = E2e.cluster().kubectl("-n", stores.namespace, "get", "events",
                "--field-selector", "involvedObject.kind=ReplicatedStore", "-o", "jsonpath={.items[*].reason}");
        Waits.log("rollout: " + log.acks().size() + " acknowledged, " + log.errors().size() + " errors "
                + log.errorSummary(0) + ", lost " + lost.size() + "; " + before + " -> " + after + "; events: " + reasons);
        assertThat(lost).as("acknowledged writes lost").isEmpty();
        assertThat(reasons).as("the master was switched over").contains("SwitchedOver");
        assertThat(reasons).as("not failed over").doesNotContain("MasterDown");
        assertThat(after.master()).isNotEqualTo(before.master());
    }
}
