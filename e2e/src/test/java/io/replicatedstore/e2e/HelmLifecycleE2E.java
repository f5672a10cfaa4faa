package io.replicatedstore.e2e;

import io.fabric8.kubernetes.api.model.Pod;
import io.replicatedstore.e2e.support.ClientPod;
import io.replicatedstore.e2e.support.E2e;
import io.replicatedstore.e2e.support.Settings;
import io.replicatedstore.e2e.support.Stores;
import io.replicatedstore.e2e.support.Waits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;

import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * `helm upgrade` and `helm uninstall` of the operator leave running stores alone: the same pods,
 * master and epoch, data readable and writable; reinstalled, the operator takes the store over
 * without a failover. Last in the run, as it removes the operator the other scenarios use.
 */
@ExtendWith(E2e.class)
@Order(Integer.MAX_VALUE) // unannotated classes have Order.DEFAULT (MAX_VALUE / 2): this one after them
class HelmLifecycleE2E {

    Stores stores;

    @AfterEach
    void deleteNamespace() {
        // The operator back for whatever runs next, whatever happened here.
        E2e.installOperator(E2e.cluster());
        if (stores != null) {
            stores.delete();
        }
    }

    @Test
    void upgradeAndUninstallOfTheOperatorLeaveStoresAlone(TestInfo test) {
        stores = Stores.inNewNamespace(E2e.cluster(), test.getTestMethod().orElseThrow().getName());
        stores.create("hl", 3);
        var before = stores.awaitReady("hl", 3, 300);
        Map<String, String> pods = uids();
        ClientPod client = new ClientPod(E2e.cluster(), stores.namespace, stores.password("hl"));
        client.ok("hl-master", "SET", "before", "upgrade");

        // A changed value restarts the operator's pods (new template): a real upgrade of the release.
        E2e.cluster().helm("upgrade", Settings.RELEASE, Settings.CHART.toString(), "--namespace", Settings.OPERATOR_NAMESPACE,
                "--reuse-values", "--set-string", "podAnnotations.e2e=upgraded", "--wait", "--timeout", "5m");
        Waits.log("helm upgrade done");
        Stores.sleep(10_000); // the new operator's first reconcile and monitor rounds
        assertUntouched(before, pods);
        assertThat(client.ok("hl-master", "GET", "before")).isEqualTo("upgrade");

        E2e.uninstallOperator(E2e.cluster());
        Waits.upTo(120, "operator pods gone").until(() -> E2e.cluster().client().pods()
                .inNamespace(Settings.OPERATOR_NAMESPACE).list().getItems().isEmpty());
        Waits.log("helm uninstall done");
        assertThat(stores.get("hl")).as("the store survives the uninstall").isNotNull();
        assertUntouched(before, pods);
        assertThat(client.ok("hl-master", "SET", "without", "operator")).isEqualTo("+OK");
        assertThat(client.ok("hl-master", "GET", "before")).isEqualTo("upgrade");

        E2e.installOperator(E2e.cluster());
        Stores.sleep(10_000);
        var after = stores.awaitReady("hl", 3, 120);
        assertThat(after.master()).as("no failover on reinstall").isEqualTo(before.master());
        assertThat(after.epoch()).isEqualTo(before.epoch());
        assertThat(uids()).isEqualTo(pods);
        assertThat(client.ok("hl-master", "GET", "without")).isEqualTo("operator");
    }

    private Map<String, String> uids() {
        return stores.pods("hl").stream().collect(Collectors.toMap(p -> p.getMetadata().getName(), p -> p.getMetadata().getUid()));
    }

    private void assertUntouched(io.replicatedstore.e2e.support.Stores.Status before, Map<String, String> pods) {
        var now = stores.status("hl");
        assertThat(now.master()).as("master").isEqualTo(before.master());
        assertThat(now.epoch()).as("epoch").isEqualTo(before.epoch());
        assertThat(uids()).as("the same pods").isEqualTo(pods);
        assertThat(stores.pods("hl")).allMatch(Stores::isReady, "ready");
        assertThat(stores.role(before.master())).isEqualTo("master");
        for (Pod p : stores.pods("hl")) {
            assertThat(p.getStatus().getContainerStatuses().get(0).getRestartCount()).as("restarts of " + p.getMetadata().getName()).isZero();
        }
    }
}
