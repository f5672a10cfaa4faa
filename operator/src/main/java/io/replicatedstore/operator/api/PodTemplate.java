package io.replicatedstore.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What users may add to the data node pods. */
public class PodTemplate {

    @JsonPropertyDescription("Extra pod labels (the operator's own labels win).")
    public Map<String, String> labels = new LinkedHashMap<>();

    @JsonPropertyDescription("Extra pod annotations.")
    public Map<String, String> annotations = new LinkedHashMap<>();

    public Affinity affinity;

    public List<Toleration> tolerations = new ArrayList<>();

    public Map<String, String> nodeSelector = new LinkedHashMap<>();

    public List<TopologySpreadConstraint> topologySpreadConstraints = new ArrayList<>();

    public String priorityClassName;

    @JsonPropertyDescription("Secrets in the store's namespace holding credentials to pull the data node image.")
    public List<LocalObjectReference> imagePullSecrets = new ArrayList<>();
}
