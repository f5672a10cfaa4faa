package io.replicatedstore.e2e;

import io.replicatedstore.e2e.support.E2e;
import io.replicatedstore.e2e.support.Failover;
import io.replicatedstore.e2e.support.NodeOps;
import io.replicatedstore.e2e.support.Stores;
import io.replicatedstore.e2e.support.Waits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * hack/failover-report.sh: {@code e2e.report.runs} kills of the master's container (kill -9 from
 * the node) on one store under a writer, each after the store is whole again; prints seconds from
 * the kill to the first acknowledged write through the master Service (min/median/max) and the
 * acknowledged writes lost. Skipped unless e2e.report.runs is set.
 */
@ExtendWith(E2e.class)
class FailoverReportE2E {

    Stores stores;

    @AfterEach
    void deleteNamespace() {
        if (stores != null) {
            stores.delete();
        }
    }

    @Test
    void failoverReport(TestInfo test) {
        int runs = Integer.getInteger("e2e.report.runs", 0);
        Assumptions.assumeTrue(runs > 0, "set e2e.report.runs (hack/failover-report.sh)");
        NodeOps node = NodeOps.of(E2e.cluster());
        stores = Stores.inNewNamespace(E2e.cluster(), "report");
        stores.create("rep", 3);
        stores.awaitReady("rep", 3, 300);
        Failover failover = new Failover(stores, "rep");
        List<Failover.Result> results = new ArrayList<>();
        for (int i = 1; i <= runs; i++) {
            var result = failover.run("kill-9", "writer-" + i, master -> {
                int pid = node.pid(NodeOps.containerId(stores.pod(master)));
                long t = Failover.nowMicros();
                node.signal(pid, "KILL");
                return t;
            }, true);
            results.add(result);
            stores.awaitReady("rep", 3, 300);
        }
        double[] s = results.stream().mapToDouble(Failover.Result::secondsToFirstWrite).sorted().toArray();
        double median = s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
        int lost = results.stream().mapToInt(r -> r.lost().size()).sum();
        int acked = results.stream().mapToInt(Failover.Result::acked).sum();
        String summary = "E2E-REPORT runs=%d kill->first-write seconds min=%.2f median=%.2f max=%.2f; acknowledged writes lost %d of %d"
                .formatted(runs, s[0], median, s[s.length - 1], lost, acked);
        Waits.log(summary);
        System.out.println(summary);
        assertThat(lost).isZero();
    }
}
