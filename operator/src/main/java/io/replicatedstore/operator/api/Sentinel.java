package io.replicatedstore.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** Failure detection and failover settings, named as Sentinel's. */
public class Sentinel {

    @JsonPropertyDescription("A node is subjectively down after this long without a valid reply to PING.")
    @Min(100)
    @Max(600000)
    @Default("5000")
    public Integer downAfterMilliseconds = 5000;

    @JsonPropertyDescription("Observers that must agree a master is down before failing over.")
    @Min(1)
    @Max(3)
    @Default("2")
    public Integer quorum = 2;

    @JsonPropertyDescription("Upper bound of each failover step.")
    @Min(1000)
    @Default("60000")
    public Integer failoverTimeoutMilliseconds = 60000;

    @JsonPropertyDescription("Replicas re-pointed to a new master at the same time.")
    @Min(1)
    @Default("1")
    public Integer parallelSyncs = 1;
}
