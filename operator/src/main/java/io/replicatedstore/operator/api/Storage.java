package io.replicatedstore.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;

/** A PersistentVolumeClaim per data node, or an emptyDir when ephemeral. */
public class Storage {

    @JsonPropertyDescription("Use an emptyDir instead of a PersistentVolumeClaim: data lives as long as the pod.")
    @Default("false")
    public Boolean ephemeral = false;

    @JsonPropertyDescription("Size of each data node's volume, as a Kubernetes quantity.")
    @Pattern("^[0-9]+(\\\\.[0-9]+)?(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$")
    @Default("1Gi")
    public String size = "1Gi";

    @JsonPropertyDescription("StorageClass of the claims; the cluster's default when empty.")
    public String storageClassName;

    @JsonPropertyDescription("On scale down: Delete the removed node's claim, or Retain it for a later scale up.")
    @Pattern("^(Delete|Retain)$")
    @Default("Retain")
    public String scaleDownClaimPolicy = "Retain";
}
