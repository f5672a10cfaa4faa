package io.replicatedstore.operator.reconcile;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.replicatedstore.operator.api.ReplicatedStore;
import io.replicatedstore.operator.testing.KubeApiServerResource;
import io.replicatedstore.operator.testing.OperatorTestBase;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Automatic failover by the embedded sentinel, with real data node processes on loopback. */
@QuarkusTest
@QuarkusTestResource(KubeApiServerResource.class) // one API server for every operator test class
class FailoverIT extends OperatorTestBase {

    @TestHTTPResource("/q/metrics")
    URL metrics;

    @Test
    void aHungMasterIsFailedOverAndTakesNoWritesOnceItThaws() throws Exception {
        ReplicatedStore spec = store("hang", 3);
        spec.getSpec().sentinel.downAfterMilliseconds = 2000;
        client.resource(spec).create();
        awaitStatus("hang", s -> "Running".equals(s.getStatus().phase));
        writeKeysAndAwaitReplicas("hang", 100);

        long frozenAt = System.nanoTime();
        kubelet.freeze("hang-0");
        ReplicatedStore after = awaitStatus("hang", s -> s.getStatus().epoch == 2 && "hang-1".equals(s.getStatus().master));
        long seconds = (System.nanoTime() - frozenAt) / 1_000_000_000;
        System.out.printf("SIGSTOP -> promotion: %d s (down-after 2 s)%n", seconds);
        assertThat(seconds).as("seconds from the freeze to the promotion").isLessThan(30);
        assertThat(role("hang-0")).isEqualTo("replica");
        assertThat(role("hang-1")).isEqualTo("master");
        try (var master = connect("hang-1")) {
            assertThat(master.sync().dbsize()).isEqualTo(100L);
            assertThat(master.sync().set("after", "failover")).isEqualTo("OK");
        }

        // The old master wakes up believing it is master: it is made a replica of the new one.
        kubelet.thaw("hang-0");
        try (var old = connect("hang-0")) {
            await().atMost(TIMEOUT).untilAsserted(() -> {
                assertThat(old.sync().info("replication")).contains("role:slave", "master_link_status:up");
                assertThat(old.sync().get("after")).isEqualTo("failover");
            });
            assertThatThrownBy(() -> old.sync().set("zombie", "write")).hasMessageContaining("READONLY");
        }
        ReplicatedStore settled = awaitStatus("hang", s -> "Running".equals(s.getStatus().phase)
                && "3/3".equals(s.getStatus().ready));
        assertThat(settled.getStatus().epoch).isEqualTo(2L);
        assertThat(after.getStatus().lastFailoverTime).isNotNull();
    }

    @Test
    void anIsolatedMasterStopsTakingWritesAndLeavesTheMasterService() throws Exception {
        ReplicatedStore spec = store("fence", 3);
        spec.getSpec().replication.minReplicasMaxLag = 2;
        spec.getSpec().sentinel.downAfterMilliseconds = 60_000; // no failover during this test
        client.resource(spec).create();
        awaitStatus("fence", s -> "Running".equals(s.getStatus().phase));

        kubelet.freeze("fence-1");
        kubelet.freeze("fence-2");
        try (var master = connect("fence-0")) {
            await().atMost(TIMEOUT).untilAsserted(() ->
                    assertThatThrownBy(() -> master.sync().set("k", "v")).hasMessageContaining("NOREPLICAS"));
        }
        await().atMost(TIMEOUT).untilAsserted(() -> assertThat(client.pods().inNamespace(namespace).withName("fence-0")
                .get().getStatus().getConditions()).anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("False")));

        kubelet.thaw("fence-1");
        kubelet.thaw("fence-2");
        awaitStatus("fence", s -> "Running".equals(s.getStatus().phase) && "3/3".equals(s.getStatus().ready));
        try (var master = connect("fence-0")) {
            assertThat(master.sync().set("k", "v")).isEqualTo("OK");
        }
    }

    @Test
    void aSwitchoverAskedByAnnotationMovesTheMasterLosingNothing() {
        client.resource(store("planned", 3)).create();
        awaitStatus("planned", s -> "Running".equals(s.getStatus().phase));
        writeKeysAndAwaitReplicas("planned", 200);

        edit("planned", s -> {
            s.getMetadata().getAnnotations().put(ReplicatedStore.SWITCHOVER_ANNOTATION, "planned-2");
            return s;
        });
        ReplicatedStore after = awaitStatus("planned", s -> "planned-2".equals(s.getStatus().master)
                && "Running".equals(s.getStatus().phase) && !s.getMetadata().getAnnotations().containsKey(ReplicatedStore.SWITCHOVER_ANNOTATION));
        assertThat(after.getStatus().epoch).isEqualTo(2L);
        assertThat(role("planned-2")).isEqualTo("master");
        assertThat(role("planned-0")).isEqualTo("replica");
        try (var master = connect("planned-2")) {
            assertThat(master.sync().dbsize()).isEqualTo(200L);
        }

        // A switchover to a pod that is not a replica in sync is refused and forgotten.
        edit("planned", s -> {
            s.getMetadata().getAnnotations().put(ReplicatedStore.SWITCHOVER_ANNOTATION, "planned-9");
            return s;
        });
        ReplicatedStore refused = awaitStatus("planned", s -> !s.getMetadata().getAnnotations().containsKey(ReplicatedStore.SWITCHOVER_ANNOTATION));
        assertThat(refused.getStatus().master).isEqualTo("planned-2");
        assertThat(refused.getStatus().epoch).isEqualTo(2L);
    }

    @Test
    void aKilledMasterWhoseContainerStaysDownIsFailedOverWithoutWaitingForDownAfter() throws Exception {
        ReplicatedStore spec = store("kill", 3);
        spec.getSpec().sentinel.downAfterMilliseconds = 30_000; // the container's state is the evidence
        client.resource(spec).create();
        awaitStatus("kill", s -> "Running".equals(s.getStatus().phase));
        writeKeysAndAwaitReplicas("kill", 100);

        long killedAt = System.nanoTime();
        kubelet.killAndHold("kill-0");
        ReplicatedStore after = awaitStatus("kill", s -> s.getStatus().epoch == 2 && "kill-1".equals(s.getStatus().master));
        long millis = (System.nanoTime() - killedAt) / 1_000_000;
        System.out.printf("kill -9 (container held down) -> promotion: %d ms%n", millis);
        assertThat(millis).as("ms from the kill to the promotion, with down-after 30 s").isLessThan(15_000);
        String scraped = HttpClient.newHttpClient().send(HttpRequest.newBuilder(metrics.toURI()).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(scraped).contains("replicatedstore_failovers_total{kind=\"failover\",namespace=\"" + namespace
                + "\",store=\"kill\"} 1.0", "replicatedstore_failover_lost_offset_bytes_count{",
                "replicatedstore_failure_detection_seconds_count{");
        try (var master = connect("kill-1")) {
            assertThat(master.sync().dbsize()).isEqualTo(100L);
        }

        // The container comes back (empty: no persistence of its own since the last save) as a replica.
        kubelet.release("kill-0");
        ReplicatedStore settled = awaitStatus("kill", s -> "Running".equals(s.getStatus().phase)
                && "3/3".equals(s.getStatus().ready));
        assertThat(settled.getStatus().master).isEqualTo("kill-1");
        assertThat(settled.getStatus().epoch).isEqualTo(2L);
        assertThat(after.getStatus().lastFailoverTime).isNotNull();
        try (var old = connect("kill-0")) {
            await().atMost(TIMEOUT).untilAsserted(() -> assertThat(old.sync().dbsize()).isEqualTo(100L));
        }
    }

    @Test
    void twoFailoversInARowKeepTheData() throws Exception {
        ReplicatedStore spec = store("twice", 3);
        spec.getSpec().sentinel.downAfterMilliseconds = 2000;
        spec.getSpec().replication.minReplicasToWrite = 0; // one node is left standing in the end
        client.resource(spec).create();
        awaitStatus("twice", s -> "Running".equals(s.getStatus().phase));
        writeKeysAndAwaitReplicas("twice", 50);

        kubelet.killAndHold("twice-0");
        awaitStatus("twice", s -> s.getStatus().epoch == 2 && "twice-1".equals(s.getStatus().master));
        try (var master = connect("twice-1"); var replica = connect("twice-2")) {
            assertThat(master.sync().set("second", "epoch")).isEqualTo("OK");
            await().atMost(TIMEOUT).untilAsserted(() -> assertThat(replica.sync().get("second")).isEqualTo("epoch"));
        }

        kubelet.killAndHold("twice-1");
        ReplicatedStore after = awaitStatus("twice", s -> s.getStatus().epoch == 3 && "twice-2".equals(s.getStatus().master));
        try (var master = connect("twice-2")) {
            assertThat(master.sync().dbsize()).isEqualTo(51L);
            assertThat(master.sync().set("third", "epoch")).isEqualTo("OK");
        }

        // Both come back and follow the last master.
        kubelet.release("twice-0");
        kubelet.release("twice-1");
        ReplicatedStore settled = awaitStatus("twice", s -> "Running".equals(s.getStatus().phase)
                && "3/3".equals(s.getStatus().ready));
        assertThat(settled.getStatus().master).isEqualTo("twice-2");
        assertThat(settled.getStatus().epoch).isEqualTo(3L);
        assertThat(settled.getStatus().nodes).extracting(n -> n.pod + "=" + n.role)
                .containsExactly("twice-0=replica", "twice-1=replica", "twice-2=master");
        assertThat(after.getStatus().lastFailoverTime).isNotNull();
    }

    @Test
    void aPromotionDecidedByAnInstanceThatStoppedIsCarriedOutFromTheStatus() throws Exception {
        ReplicatedStore spec = store("resume", 3);
        spec.getSpec().sentinel.downAfterMilliseconds = 600_000; // this instance never decides by itself here
        client.resource(spec).create();
        awaitStatus("resume", s -> "Running".equals(s.getStatus().phase));
        writeKeysAndAwaitReplicas("resume", 100);

        // The master hangs; another instance decided (epoch 2, resume-2) and stopped before REPLICAOF NO ONE.
        kubelet.freeze("resume-0");
        decidedByAnInstanceThatStopped("resume", "resume-2");
        ReplicatedStore after = awaitStatus("resume", s -> "resume-2".equals(s.getStatus().master));
        assertThat(after.getStatus().epoch).as("the decision's epoch, not a new one").isEqualTo(2L);
        assertThat(role("resume-2")).isEqualTo("master");
        try (var master = connect("resume-2"); var replica = connect("resume-1")) {
            assertThat(master.sync().dbsize()).isEqualTo(100L);
            assertThat(master.sync().set("after", "resume")).isEqualTo("OK");
            await().atMost(TIMEOUT).untilAsserted(() -> assertThat(replica.sync().get("after")).isEqualTo("resume"));
        }

        kubelet.thaw("resume-0");
        ReplicatedStore settled = awaitStatus("resume", s -> "Running".equals(s.getStatus().phase)
                && "3/3".equals(s.getStatus().ready));
        assertThat(settled.getStatus().nodes).extracting(n -> n.pod + "=" + n.role)
                .containsExactly("resume-0=replica", "resume-1=replica", "resume-2=master");
        assertThat(settled.getStatus().epoch).isEqualTo(2L);
    }

    @Test
    void aCandidateThatDiesMidPromotionIsAbandonedForTheNextReplica() throws Exception {
        ReplicatedStore spec = store("cand", 3);
        spec.getSpec().sentinel.downAfterMilliseconds = 2000;
        spec.getSpec().replication.minReplicasToWrite = 0; // one replica is left in the end
        client.resource(spec).create();
        awaitStatus("cand", s -> "Running".equals(s.getStatus().phase));
        writeKeysAndAwaitReplicas("cand", 100);

        // The master hangs; cand-1 was chosen (epoch 2) and died before it was promoted.
        kubelet.freeze("cand-0");
        kubelet.killAndHold("cand-1");
        decidedByAnInstanceThatStopped("cand", "cand-1");
        ReplicatedStore after = awaitStatus("cand", s -> "cand-2".equals(s.getStatus().master));
        assertThat(after.getStatus().epoch).as("a new decision").isEqualTo(3L);
        assertThat(role("cand-2")).isEqualTo("master");
        assertThat(role("cand-1")).isNotEqualTo("master");
        try (var master = connect("cand-2")) {
            assertThat(master.sync().dbsize()).isEqualTo(100L);
        }

        kubelet.thaw("cand-0");
        kubelet.release("cand-1");
        ReplicatedStore settled = awaitStatus("cand", s -> "Running".equals(s.getStatus().phase)
                && "3/3".equals(s.getStatus().ready));
        assertThat(settled.getStatus().master).isEqualTo("cand-2");
        assertThat(settled.getStatus().epoch).isEqualTo(3L);
    }

    @Test
    void aKilledReplicaComesBackAndResyncsWithoutAFailover() throws Exception {
        ReplicatedStore spec = store("replica", 3);
        spec.getSpec().sentinel.downAfterMilliseconds = 1000;
        client.resource(spec).create();
        awaitStatus("replica", s -> "Running".equals(s.getStatus().phase) && "3/3".equals(s.getStatus().ready));
        writeKeysAndAwaitReplicas("replica", 100);

        kubelet.crash("replica-2"); // kill -9; the kubelet restarts the container
        try (var master = connect("replica-0")) {
            // One good replica is left: min-replicas-to-write (1) still lets writes through.
            for (int i = 100; i < 200; i++) {
                assertThat(master.sync().set("key:" + i, "value:" + i)).isEqualTo("OK");
            }
        }
        await().atMost(TIMEOUT).ignoreExceptions().untilAsserted(() -> { // refused while it restarts
            try (var replica = connect("replica-2")) {
                assertThat(replica.sync().dbsize()).isEqualTo(200L);
            }
        });
        ReplicatedStore settled = awaitStatus("replica", s -> "Running".equals(s.getStatus().phase)
                && "3/3".equals(s.getStatus().ready));
        assertThat(settled.getStatus().master).isEqualTo("replica-0");
        assertThat(settled.getStatus().epoch).as("no failover").isEqualTo(1L);
        assertThat(role("replica-0")).isEqualTo("master");
    }

    /**
     * Writes the status as an operator instance does when it decides a promotion (epoch + 1,
     * targetMaster, phase Promoting), with optimistic concurrency, as if it stopped right after.
     */
    private void decidedByAnInstanceThatStopped(String name, String candidate) {
        await().atMost(TIMEOUT).ignoreExceptions().until(() -> {
            ReplicatedStore current = client.resources(ReplicatedStore.class).inNamespace(namespace).withName(name).get();
            current.getStatus().epoch = current.getStatus().epoch + 1;
            current.getStatus().targetMaster = candidate;
            current.getStatus().phase = "Promoting";
            client.resource(current).updateStatus(); // a conflict: read again and retry
            return true;
        });
    }
}
