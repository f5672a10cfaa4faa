package io.replicatedstore.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;

import java.util.LinkedHashMap;
import java.util.Map;

/** Replication settings the operator writes into every data node's configuration. */
public class Replication {

    @JsonPropertyDescription("repl-backlog-size: bytes of stream kept for partial resyncs, as redis.conf writes sizes (1mb, 64mb).")
    @Pattern("^[0-9]+([kmg]b?)?$")
    @Default("16mb")
    public String backlogSize = "16mb";

    @JsonPropertyDescription("min-replicas-to-write: replicas that must be in sync for the master to take writes; fences an isolated master.")
    @Min(0)
    @Default("1")
    public Integer minReplicasToWrite = 1;

    @JsonPropertyDescription("min-replicas-max-lag: seconds since a replica's last acknowledgement for it to count.")
    @Min(1)
    @Max(3600)
    @Default("10")
    public Integer minReplicasMaxLag = 10;

    @JsonPropertyDescription("Full resyncs stream the snapshot to the replica instead of writing it to disk first.")
    @Default("true")
    public Boolean diskless = true;

    @JsonPropertyDescription("replica-priority by pod ordinal (\"0\": 100); 0 never becomes master; lower wins.")
    public Map<String, Integer> replicaPriority = new LinkedHashMap<>();
}
