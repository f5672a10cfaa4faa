package io.replicatedstore.operator.nodes;

/** Where a data node is reached: by the operator, and by the other nodes in REPLICAOF. */
public record NodeAddress(String host, int port) {

    @Override
    public String toString() {
        return host + ":" + port;
    }
}
