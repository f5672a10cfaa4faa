package io.replicatedstore.operator.sentinel.protocol;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.replicatedstore.operator.api.NodeStatus;
import io.replicatedstore.operator.api.ReplicatedStore;
import io.replicatedstore.operator.nodes.NodeAddress;
import io.replicatedstore.operator.nodes.NodeAddresses;
import io.replicatedstore.operator.resources.Names;
import io.replicatedstore.operator.resources.NodePods;
import io.replicatedstore.operator.sentinel.FailureDetector.Verdict;
import io.replicatedstore.operator.sentinel.StoreMonitor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The stores as Sentinel's monitored masters. Each is named {@code <namespace>/<name>}; a plain
 * {@code <name>} is accepted too when only one namespace has a store of that name. Fields are
 * those of SENTINEL MASTER and SENTINEL REPLICAS, from the store's status and the monitor.
 */
@ApplicationScoped
public class SentinelView {

    @Inject
    KubernetesClient client;

    @Inject
    WatchedStores stores;

    @Inject
    NodeAddresses addresses;

    @Inject
    StoreMonitor monitor;

    static String name(ReplicatedStore store) {
        return store.getMetadata().getNamespace() + "/" + store.getMetadata().getName();
    }

    /** The stores that have a master. */
    List<ReplicatedStore> masters() {
        return stores.list().stream()
                .filter(store -> store.getStatus() != null && store.getStatus().master != null)
                .sorted(Comparator.comparing(SentinelView::name))
                .toList();
    }

    Optional<ReplicatedStore> byName(String name) {
        List<ReplicatedStore> matches = masters().stream()
                .filter(store -> name(store).equals(name) || store.getMetadata().getName().equals(name)).toList();
        Optional<ReplicatedStore> exact = matches.stream().filter(store -> name(store).equals(name)).findFirst();
        return exact.isPresent() ? exact : matches.size() == 1 ? Optional.of(matches.get(0)) : Optional.empty();
    }

    NodeAddress master(ReplicatedStore store) {
        return addresses.of(store, store.getStatus().master);
    }

    Map<String, String> masterFields(ReplicatedStore store) {
        NodeAddress address = master(store);
        ResourceID id = ResourceID.fromResource(store);
        Verdict verdict = monitor.verdict(id);
        long sinceReply = monitor.sinceLastReply(id);
        var sentinel = store.getSpec().sentinel;
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("name", name(store));
        fields.put("ip", address.host());
        fields.put("port", Integer.toString(address.port()));
        fields.put("runid", "");
        fields.put("flags", switch (verdict) {
            case UP -> "master";
            case SDOWN -> "master,s_down";
            case ODOWN -> "master,s_down,o_down";
        });
        fields.put("link-pending-commands", "0");
        fields.put("link-refcount", "1");
        fields.put("last-ping-sent", "0");
        fields.put("last-ok-ping-reply", Long.toString(sinceReply));
        fields.put("last-ping-reply", Long.toString(sinceReply));
        fields.put("down-after-milliseconds", Integer.toString(sentinel.downAfterMilliseconds));
        fields.put("info-refresh", "0");
        fields.put("role-reported", "master");
        fields.put("role-reported-time", "0");
        fields.put("config-epoch", Long.toString(store.getStatus().epoch));
        fields.put("num-slaves", Integer.toString(replicas(store).size()));
        fields.put("num-other-sentinels", "0");
        fields.put("quorum", Integer.toString(sentinel.quorum));
        fields.put("failover-timeout", Integer.toString(sentinel.failoverTimeoutMilliseconds));
        fields.put("parallel-syncs", Integer.toString(sentinel.parallelSyncs));
        return fields;
    }

    List<Map<String, String>> replicas(ReplicatedStore store) {
        NodeAddress master = master(store);
        List<Map<String, String>> replicas = new ArrayList<>();
        for (NodeStatus node : store.getStatus().nodes) {
            if (node.pod.equals(store.getStatus().master) || !"replica".equals(node.role)) {
                continue;
            }
            NodeAddress address = addresses.of(store, node.pod);
            boolean up = "up".equals(node.link);
            Map<String, String> fields = new LinkedHashMap<>();
            fields.put("name", address.host() + ":" + address.port());
            fields.put("ip", address.host());
            fields.put("port", Integer.toString(address.port()));
            fields.put("runid", "");
            fields.put("flags", Boolean.TRUE.equals(node.ready) ? "slave" : "slave,s_down");
            fields.put("role-reported", "slave");
            fields.put("master-link-down-time", "0");
            fields.put("master-link-status", up ? "ok" : "err");
            fields.put("master-host", master.host());
            fields.put("master-port", Integer.toString(master.port()));
            fields.put("slave-priority", Integer.toString(NodePods.priority(store, Names.ordinal(store, node.pod))));
            fields.put("slave-repl-offset", Long.toString(node.offset == null ? 0 : node.offset));
            replicas.add(fields);
        }
        return replicas;
    }

    /** Asks the reconciler for a planned switchover, as kubectl annotate would. */
    void requestSwitchover(ReplicatedStore store, String pod) {
        client.resource(store).edit(s -> {
            s.getMetadata().getAnnotations().put(ReplicatedStore.SWITCHOVER_ANNOTATION, pod);
            return s;
        });
    }

    /** The replica SENTINEL FAILOVER switches to: in sync, not priority 0, lowest priority, most data. */
    Optional<String> failoverTarget(ReplicatedStore store) {
        return store.getStatus().nodes.stream()
                .filter(node -> !node.pod.equals(store.getStatus().master) && "replica".equals(node.role)
                        && "up".equals(node.link) && Boolean.TRUE.equals(node.ready))
                .filter(node -> NodePods.priority(store, Names.ordinal(store, node.pod)) != 0)
                .min(Comparator.comparingInt((NodeStatus node) -> NodePods.priority(store, Names.ordinal(store, node.pod)))
                        .thenComparingLong(node -> -(node.offset == null ? 0 : node.offset)))
                .map(node -> node.pod);
    }
}
