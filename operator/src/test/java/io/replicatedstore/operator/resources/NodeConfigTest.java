package io.replicatedstore.operator.resources;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.replicatedstore.operator.api.ReplicatedStore;
import io.replicatedstore.operator.api.ReplicatedStoreSpec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NodeConfigTest {

    @Test
    void everyNodeStartsAsAReplicaOfTheMasterService() {
        assertThat(NodeConfig.configFile(store(3))).contains("\nreplicaof cache-master 6379\n");
    }

    @Test
    void thePasswordIsIncludedFromTheNodesSecretNeverWrittenInTheConfigMap() {
        assertThat(NodeConfig.configFile(store(3))).contains("\ninclude /etc/replicated-store-auth/auth.conf\n");
        assertThat(NodeConfig.probe(1)).contains("password=$(</etc/replicated-store-auth/password)");
    }

    @Test
    void valuesAreQuotedSoTheConfigReaderGivesThemBackUnchanged() {
        String[][] cases = {
                {"plain", "\"plain\""},
                {"two words", "\"two words\""},
                {"say \"hi\"", "\"say \\\"hi\\\"\""},
                {"back\\slash", "\"back\\\\slash\""},
                {"line\nbreak\ttab", "\"line\\x0abreak\\x09tab\""},
                {"$(x) #y 'z'", "\"$(x) #y 'z'\""},
        };
        for (String[] c : cases) {
            assertThat(NodeConfig.quote(c[0])).as(c[0]).isEqualTo(c[1]);
        }
    }

    @Test
    void minReplicasToWriteNeverExceedsTheReplicasThereAre() {
        assertThat(NodeConfig.configFile(store(3))).contains("\nmin-replicas-to-write 1\n");
        assertThat(NodeConfig.configFile(store(1))).contains("\nmin-replicas-to-write 0\n");
        ReplicatedStore two = store(2);
        two.getSpec().replication.minReplicasToWrite = 5;
        assertThat(NodeConfig.configFile(two)).contains("\nmin-replicas-to-write 1\n");
    }

    @Test
    void minReplicasToWriteIsSetLiveNotByARestart() {
        ReplicatedStore one = store(1);
        ReplicatedStore three = store(3);
        assertThat(NodeConfig.configFile(one)).isNotEqualTo(NodeConfig.configFile(three));
        assertThat(NodeConfig.restartConfig(one)).isEqualTo(NodeConfig.restartConfig(three))
                .doesNotContain("min-replicas-to-write");
    }

    @Test
    void theReadinessProbeAsksAMasterForTheGoodReplicasItNeeds() {
        assertThat(NodeConfig.configMap(store(3)).getData().get(NodeConfig.PROBE_KEY)).contains("[ \"$good\" -ge 1 ]");
        assertThat(NodeConfig.configMap(store(1)).getData().get(NodeConfig.PROBE_KEY)).contains("[ \"$good\" -ge 0 ]");
    }

    @Test
    void persistenceModes() {
        ReplicatedStore store = store(3);
        assertThat(NodeConfig.configFile(store)).contains("\nappendonly no\n", "\nsave \"3600 1 300 100 60 10000\"\n");
        store.getSpec().persistence.mode = "aof";
        assertThat(NodeConfig.configFile(store)).contains("\nappendonly yes\n", "\nsave \"\"\n");
        store.getSpec().persistence.mode = "none";
        assertThat(NodeConfig.configFile(store)).contains("\nappendonly no\n", "\nsave \"\"\n");
    }

    @Test
    void extraOptionsComeLastSoTheyApply() {
        ReplicatedStore store = store(3);
        store.getSpec().config.put("hz", "50");
        assertThat(NodeConfig.configFile(store)).endsWith("\nhz 50\n");
    }

    @Test
    void theMasterPingsItsReplicasEverySecondUnlessTheSpecSaysOtherwise() {
        ReplicatedStore store = store(3);
        assertThat(NodeConfig.configFile(store)).contains("\nrepl-ping-replica-period 1\n");
        assertThat(NodeConfig.replPingReplicaPeriod(store)).isEqualTo(1);
        store.getSpec().config.put("repl-ping-replica-period", "5");
        assertThat(NodeConfig.configFile(store)).endsWith("\nrepl-ping-replica-period 5\n");
        assertThat(NodeConfig.replPingReplicaPeriod(store)).isEqualTo(5);
    }

    @Test
    void maxmemoryFollowsTheMemoryLimitUnlessTheSpecSetsIt() {
        ReplicatedStore store = store(3);
        assertThat(NodeConfig.configFile(store)).contains("\nmaxmemory 241591910\n");
        store.getSpec().resources = new ResourceRequirementsBuilder().addToLimits("memory", new Quantity("1Gi")).build();
        assertThat(NodeConfig.configFile(store)).contains("\nmaxmemory 483183820\n");
        store.getSpec().config.put("maxmemory", "100mb");
        assertThat(NodeConfig.configFile(store)).endsWith("\nmaxmemory 100mb\n");
    }

    private static ReplicatedStore store(int replicas) {
        ReplicatedStore store = new ReplicatedStore();
        store.getMetadata().setName("cache");
        store.getMetadata().setNamespace("ns");
        store.setSpec(new ReplicatedStoreSpec());
        store.getSpec().replicas = replicas;
        return store;
    }
}
