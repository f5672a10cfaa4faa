package io.replicatedstore.operator.bench;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.replicatedstore.operator.api.ReplicatedStore;
import io.replicatedstore.operator.resources.Labels;
import io.replicatedstore.operator.sentinel.protocol.SentinelServer;
import io.replicatedstore.operator.testing.FakeKubelet;
import io.replicatedstore.operator.testing.KubeApiServerResource;
import io.replicatedstore.operator.testing.OperatorTestBase;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * kill -9 of the master, side by side: Redis Sentinel (3 sentinels, quorum 2) and the operator,
 * each with a master, two replicas and down-after 1000 ms, runs interleaved. Not an IT: run by
 * bench/failover.sh. It asserts only that every failover completed; the figures are printed.
 */
@QuarkusTest
@QuarkusTestResource(KubeApiServerResource.class)
class FailoverBenchmark extends OperatorTestBase {

    private static final int RUNS = Integer.getInteger("bench.runs", 5);
    private static final int DOWN_AFTER_MS = 1000;
    private static final long TIMEOUT_MS = 60_000;

    @Inject
    SentinelServer sentinel;

    @Test
    void killTheMasterUnderRedisSentinelAndUnderTheOperator() throws Exception {
        List<FailoverProbe.Result> redis = new ArrayList<>();
        List<FailoverProbe.Result> ours = new ArrayList<>();
        for (int run = 1; run <= RUNS; run++) {
            redis.add(print("redis-sentinel", run, redisSentinelRun()));
            ours.add(print("operator", run, operatorRun(run)));
        }
        System.out.println();
        System.out.println("FAILOVER BENCHMARK (median of " + RUNS + " runs, seconds from kill -9; ratio = operator/redis)");
        row("to ODOWN", redis, ours, FailoverProbe.Result::odown);
        row("to new master address", redis, ours, FailoverProbe.Result::newAddress);
        row("to first acknowledged write", redis, ours, FailoverProbe.Result::firstWrite);
        System.out.printf(Locale.ROOT, "%-30s redis %d   operator %d (sum over runs)%n", "acknowledged writes lost",
                redis.stream().mapToLong(FailoverProbe.Result::lost).sum(),
                ours.stream().mapToLong(FailoverProbe.Result::lost).sum());

        for (FailoverProbe.Result result : ours) {
            assertThat(result.firstWrite()).as("the operator's failover completed").isFinite();
        }
        for (FailoverProbe.Result result : redis) {
            assertThat(result.firstWrite()).as("Redis Sentinel's failover completed").isFinite();
        }
    }

    private FailoverProbe.Result redisSentinelRun() throws Exception {
        try (RedisSentinelTopology topology = new RedisSentinelTopology(DOWN_AFTER_MS);
             FailoverProbe probe = new FailoverProbe(RedisSentinelTopology.NAME, topology.sentinels, null,
                     topology.masterAddress)) {
            probe.start();
            probe.kill();
            topology.master.destroyForcibly(); // SIGKILL
            return probe.await(TIMEOUT_MS);
        }
    }

    /** The master's container is killed and stays down, as a crash-looping container. */
    private FailoverProbe.Result operatorRun(int run) throws Exception {
        String name = "run" + run;
        ReplicatedStore spec = store(name, 3);
        spec.getSpec().sentinel.downAfterMilliseconds = DOWN_AFTER_MS;
        client.resource(spec).create();
        try {
            String master = awaitStatus(name, s -> "Running".equals(s.getStatus().phase)
                    && "3/3".equals(s.getStatus().ready)).getStatus().master;
            FakeKubelet.Node node = kubelet.node(master);
            try (FailoverProbe probe = new FailoverProbe(namespace + "/" + name,
                    List.of(new HostAndPort("127.0.0.1", sentinel.port())), node.password(),
                    new HostAndPort("127.0.0.1", node.port()))) {
                probe.start();
                probe.kill();
                kubelet.killAndHold(master);
                return probe.await(TIMEOUT_MS);
            }
        } finally {
            client.resource(spec).delete();
            // No garbage collector in the test control plane: the pods go by hand, and their processes with them.
            client.pods().inNamespace(namespace).withLabel(Labels.STORE, name).delete();
        }
    }

    private static FailoverProbe.Result print(String system, int run, FailoverProbe.Result result) {
        System.out.printf(Locale.ROOT, "failover run %d %-15s odown %.3f s  new address %.3f s  first write %.3f s"
                + "  lost %d%n", run, system, result.odown(), result.newAddress(), result.firstWrite(), result.lost());
        return result;
    }

    private static void row(String what, List<FailoverProbe.Result> redis, List<FailoverProbe.Result> ours,
                            ToDoubleFunction<FailoverProbe.Result> figure) {
        System.out.printf(Locale.ROOT, "%-30s redis %s   operator %s   ratio %.2f%n", what, spread(redis, figure),
                spread(ours, figure), median(ours, figure) / median(redis, figure));
    }

    /** Median, and the range in brackets. */
    private static String spread(List<FailoverProbe.Result> results, ToDoubleFunction<FailoverProbe.Result> figure) {
        double[] values = results.stream().mapToDouble(figure).sorted().toArray();
        return String.format(Locale.ROOT, "%.3f s [%.3f-%.3f]", median(results, figure), values[0],
                values[values.length - 1]);
    }

    private static double median(List<FailoverProbe.Result> results, ToDoubleFunction<FailoverProbe.Result> figure) {
        double[] values = results.stream().mapToDouble(figure).sorted().toArray();
        return values.length == 0 ? Double.NaN : values[values.length / 2];
    }
}
