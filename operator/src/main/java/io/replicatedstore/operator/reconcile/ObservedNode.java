package io.replicatedstore.operator.reconcile;

import io.replicatedstore.operator.nodes.NodeAddress;
import io.replicatedstore.operator.nodes.ReplicationInfo;

/**
 * One data node as seen in this reconcile: its pod, and its INFO replication when it answered
 * ({@code info} is null when it did not, {@code error} says why).
 */
record ObservedNode(String pod, int ordinal, NodeAddress address, boolean podReady, ReplicationInfo info,
                    String error) {

    boolean answered() {
        return info != null;
    }

    boolean isMaster() {
        return info != null && info.isMaster();
    }

    /** A replica following the given master (by the address the operator gave it). */
    boolean replicates(NodeAddress master) {
        return info != null && !info.isMaster() && master.host().equals(info.masterHost())
                && master.port() == info.masterPort();
    }
}
