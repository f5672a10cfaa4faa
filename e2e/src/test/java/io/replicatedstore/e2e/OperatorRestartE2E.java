package io.replicatedstore.e2e;

import io.replicatedstore.e2e.support.E2e;
import io.replicatedstore.e2e.support.Failover;
import io.replicatedstore.e2e.support.Settings;
import io.replicatedstore.e2e.support.Stores;
import io.replicatedstore.e2e.support.Waits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The leading operator pod deleted (no grace) mid-failover, right after it wrote its decision
 * (the new epoch) to the status: the stand-by takes the Lease and carries the failover through
 * from the status; the client resumes and nothing acknowledged is lost.
 */
@ExtendWith(E2e.class)
class OperatorRestartE2E {

    Stores stores;

    @AfterEach
    void deleteNamespace() {
        if (stores != null) {
            stores.delete();
        }
    }

    @Test
    void theLeaderDeletedMidFailoverIsTakenOverAndTheFailoverCompletes(TestInfo test) {
        stores = Stores.inNewNamespace(E2e.cluster(), test.getTestMethod().orElseThrow().getName());
        stores.create("op", 3);
        stores.awaitReady("op", 3, 300);
        Failover failover = new Failover(stores, "op");
        var result = failover.run("operator-deleted", "writer", master -> {
            long epoch = stores.status("op").epoch();
            String leader = leader();
            long t = Failover.nowMicros();
            stores.client().pods().inNamespace(stores.namespace).withName(master).withGracePeriod(0).delete();
            // The decision is the epoch written to the status: delete the leader as soon as it is there.
            var decided = Waits.upTo(60, "the failover decided (epoch > " + epoch + ")")
                    .until(() -> stores.status("op"), s -> s.epoch() > epoch);
            E2e.cluster().client().pods().inNamespace(Settings.OPERATOR_NAMESPACE).withName(leader).withGracePeriod(0).delete();
            Waits.log("deleted the leading operator " + leader + " at " + decided);
            return t;
        }, true);
        assertThat(result.lost()).as("acknowledged writes lost").isEmpty();
    }

    /** The pod holding the operator's Lease. */
    static String leader() {
        var lease = E2e.cluster().client().leases().inNamespace(Settings.OPERATOR_NAMESPACE)
                .withName("replicated-store-operator").get();
        assertThat(lease).as("the operator's Lease").isNotNull();
        return lease.getSpec().getHolderIdentity();
    }
}
