package io.replicatedstore.operator.nodes;

import io.replicatedstore.operator.api.ReplicatedStore;
import io.replicatedstore.operator.resources.NodeConfig;
import io.replicatedstore.operator.resources.NodePods;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Data nodes are addressed by their stable DNS name through the headless Service, never by pod
 * IP: an IP changes when the pod restarts, and a replica pointed at an old IP follows a ghost.
 */
@ApplicationScoped
public class NodeAddresses {

    @ConfigProperty(name = "replicatedstore.cluster-domain", defaultValue = "cluster.local")
    String clusterDomain;

    public NodeAddress of(ReplicatedStore store, String podName) {
        return new NodeAddress(NodePods.host(store, podName, clusterDomain), NodeConfig.PORT);
    }

    public String clusterDomain() {
        return clusterDomain;
    }
}
