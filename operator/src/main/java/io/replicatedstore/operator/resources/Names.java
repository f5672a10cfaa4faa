package io.replicatedstore.operator.resources;

import io.replicatedstore.operator.api.ReplicatedStore;

/** Names of the objects a store owns, derived from the store's name. */
public final class Names {

    private Names() {
    }

    public static String pod(ReplicatedStore store, int ordinal) {
        return store.getMetadata().getName() + "-" + ordinal;
    }

    /** The ordinal of a pod named {@code <store>-<ordinal>}, or -1. */
    public static int ordinal(ReplicatedStore store, String podName) {
        String prefix = store.getMetadata().getName() + "-";
        if (!podName.startsWith(prefix)) {
            return -1;
        }
        try {
            return Integer.parseInt(podName.substring(prefix.length()));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    public static String claim(ReplicatedStore store, int ordinal) {
        return "data-" + pod(store, ordinal);
    }

    public static String headlessService(ReplicatedStore store) {
        return store.getMetadata().getName() + "-headless";
    }

    public static String masterService(ReplicatedStore store) {
        return store.getMetadata().getName() + "-master";
    }

    public static String replicasService(ReplicatedStore store) {
        return store.getMetadata().getName() + "-replicas";
    }

    public static String configMap(ReplicatedStore store) {
        return store.getMetadata().getName() + "-config";
    }

    public static String generatedSecret(ReplicatedStore store) {
        return store.getMetadata().getName() + "-auth";
    }

    /** The operator's copy of the password in the form the data nodes read it (files, never arguments). */
    public static String nodeAuthSecret(ReplicatedStore store) {
        return store.getMetadata().getName() + "-node-auth";
    }

    public static String authSecret(ReplicatedStore store) {
        String named = store.getSpec().auth.secretName;
        return named == null || named.isEmpty() ? generatedSecret(store) : named;
    }

    public static String disruptionBudget(ReplicatedStore store) {
        return store.getMetadata().getName();
    }
}
