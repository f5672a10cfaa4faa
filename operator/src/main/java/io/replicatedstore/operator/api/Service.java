package io.replicatedstore.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Pattern;

import java.util.LinkedHashMap;
import java.util.Map;

/** The type and annotations of the master and replicas Services. */
public class Service {

    @JsonPropertyDescription("ClusterIP, NodePort or LoadBalancer.")
    @Pattern("^(ClusterIP|NodePort|LoadBalancer)$")
    @Default("ClusterIP")
    public String type = "ClusterIP";

    public Map<String, String> annotations = new LinkedHashMap<>();
}
