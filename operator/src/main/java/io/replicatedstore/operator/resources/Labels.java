package io.replicatedstore.operator.resources;

import io.replicatedstore.operator.api.ReplicatedStore;

import java.util.LinkedHashMap;
import java.util.Map;

/** The labels the operator puts on what it owns; Services select data nodes by them. */
public final class Labels {

    public static final String NAME = "app.kubernetes.io/name";
    public static final String INSTANCE = "app.kubernetes.io/instance";
    public static final String COMPONENT = "app.kubernetes.io/component";
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String STORE = "replicatedstore.io/store";
    public static final String ORDINAL = "replicatedstore.io/ordinal";
    /** master or replica: the master Service follows this label. */
    public static final String ROLE = "replicatedstore.io/role";

    public static final String MASTER = "master";
    public static final String REPLICA = "replica";

    private Labels() {
    }

    /** Labels of everything the store owns. */
    public static Map<String, String> of(ReplicatedStore store) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(NAME, "replicated-store");
        labels.put(INSTANCE, store.getMetadata().getName());
        labels.put(MANAGED_BY, "replicated-store-operator");
        labels.put(STORE, store.getMetadata().getName());
        return labels;
    }

    /** Selects every data node of the store. */
    public static Map<String, String> nodes(ReplicatedStore store) {
        return Map.of(STORE, store.getMetadata().getName(), COMPONENT, "datanode");
    }

    /** Selects the data nodes of the store that carry the given role. */
    public static Map<String, String> nodesWithRole(ReplicatedStore store, String role) {
        return Map.of(STORE, store.getMetadata().getName(), COMPONENT, "datanode", ROLE, role);
    }
}
