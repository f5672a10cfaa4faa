package io.replicatedstore.operator.sentinel;

import io.replicatedstore.operator.nodes.NodeAddress;

/**
 * Where the monitor announces a master's state changes (Sentinel's +sdown, -sdown, +odown,
 * -odown): the Sentinel endpoint publishes them to its subscribers.
 */
public interface MasterStateEvents {

    void masterState(String name, NodeAddress master, String event, String details);
}
