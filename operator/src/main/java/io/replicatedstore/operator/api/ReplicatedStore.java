package io.replicatedstore.operator.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A replicated Redis-compatible store: one master and {@code replicas - 1} replicas of the data
 * node, Services that follow the master, and a status that says who is master and how the
 * replicas are doing.
 */
@Group(ReplicatedStore.GROUP)
@Version(ReplicatedStore.VERSION)
@ShortNames("rstore")
@Categories("all")
@AdditionalPrinterColumn(name = "Master", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".status.master")
@AdditionalPrinterColumn(name = "Ready", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".status.ready")
@AdditionalPrinterColumn(name = "Phase", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".status.phase")
@AdditionalPrinterColumn(name = "Epoch", type = AdditionalPrinterColumn.Type.INTEGER, jsonPath = ".status.epoch")
@AdditionalPrinterColumn(name = "Age", type = AdditionalPrinterColumn.Type.DATE, jsonPath = ".metadata.creationTimestamp")
@AdditionalPrinterColumn(name = "Replicas", type = AdditionalPrinterColumn.Type.STRING, jsonPath = ".status.replicaPods",
        priority = 1)
public class ReplicatedStore extends CustomResource<ReplicatedStoreSpec, ReplicatedStoreStatus> implements Namespaced {

    public static final String GROUP = "replicatedstore.io";
    public static final String VERSION = "v1alpha1";
    /** Asks for a planned switchover: {@code kubectl annotate rstore NAME replicatedstore.io/switchover=POD}. */
    public static final String SWITCHOVER_ANNOTATION = GROUP + "/switchover";

    @Override
    protected ReplicatedStoreStatus initStatus() {
        return new ReplicatedStoreStatus();
    }
}
