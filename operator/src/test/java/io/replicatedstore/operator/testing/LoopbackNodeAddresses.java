package io.replicatedstore.operator.testing;

import io.quarkus.test.Mock;
import io.replicatedstore.operator.api.ReplicatedStore;
import io.replicatedstore.operator.nodes.NodeAddress;
import io.replicatedstore.operator.nodes.NodeAddresses;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * No cluster DNS in the tests: each pod's data node is a process on a loopback port, which
 * {@link FakeKubelet} registers here when it starts the process.
 */
@Mock
public class LoopbackNodeAddresses extends NodeAddresses {

    private static final Map<String, Integer> PORTS = new ConcurrentHashMap<>();

    static void register(String namespace, String pod, int port) {
        PORTS.put(namespace + "/" + pod, port);
    }

    static void forget(String namespace, String pod) {
        PORTS.remove(namespace + "/" + pod);
    }

    @Override
    public NodeAddress of(ReplicatedStore store, String podName) {
        Integer port = PORTS.get(store.getMetadata().getNamespace() + "/" + podName);
        // An unregistered pod has no process: port 1 refuses, as an unreachable node would.
        return new NodeAddress("127.0.0.1", port == null ? 1 : port);
    }
}
