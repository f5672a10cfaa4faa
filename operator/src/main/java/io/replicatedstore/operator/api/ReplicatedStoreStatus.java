package io.replicatedstore.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Condition;

import java.util.ArrayList;
import java.util.List;

/** What the operator observed and decided, following the Kubernetes API conventions. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class ReplicatedStoreStatus {

    @JsonPropertyDescription("Pending, Creating, Running, Scaling, Updating, FailingOver, Degraded.")
    public String phase;

    @JsonPropertyDescription("Ready, Available, Progressing, Degraded.")
    public List<Condition> conditions = new ArrayList<>();

    @JsonPropertyDescription("The spec generation this status describes.")
    public Long observedGeneration;

    @JsonPropertyDescription("The pod that is master now.")
    public String master;

    @JsonPropertyDescription("The pod that should be master: differs from master only during a switchover or failover.")
    public String targetMaster;

    @JsonPropertyDescription("Counts role changes; written before each one, so two operators never act twice.")
    public Long epoch = 0L;

    @JsonPropertyDescription("Data nodes that are ready.")
    public Integer readyReplicas = 0;

    @JsonPropertyDescription("readyReplicas/replicas, for kubectl get.")
    public String ready;

    @JsonPropertyDescription("The replica pods, comma separated, for kubectl get -o wide.")
    public String replicaPods;

    public List<NodeStatus> nodes = new ArrayList<>();

    @JsonPropertyDescription("When the last failover or switchover ended (RFC 3339).")
    public String lastFailoverTime;
}
