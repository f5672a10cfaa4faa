package io.replicatedstore.operator.api;

import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

import java.util.LinkedHashMap;
import java.util.Map;

/** What the user asks for. Defaults and bounds are in the CRD schema, so the API server enforces them. */
public class ReplicatedStoreSpec {

    @JsonPropertyDescription("Data nodes in total, the master included.")
    @Min(1)
    @Max(15)
    @Default("3")
    public Integer replicas = 3;

    @JsonPropertyDescription("The data node image; the operator's default when empty.")
    public String image;

    @JsonPropertyDescription("When the kubelet pulls the image: Always, IfNotPresent or Never.")
    @Pattern("^(Always|IfNotPresent|Never)$")
    @Default("IfNotPresent")
    public String imagePullPolicy = "IfNotPresent";

    @JsonPropertyDescription("CPU and memory requests and limits of the data node container. Where silent: "
            + "memory request and limit equal (512Mi when neither is given), a CPU request of 100m and no CPU limit. "
            + "The node's maxmemory is 45% of its memory limit unless config sets it.")
    public ResourceRequirements resources;

    @JsonPropertyDescription("Where each data node keeps its files.")
    public Storage storage = new Storage();

    @JsonPropertyDescription("How data is persisted: RDB snapshots, the append-only file, or not at all.")
    public Persistence persistence = new Persistence();

    @JsonPropertyDescription("The password clients and replicas use.")
    public Auth auth = new Auth();

    @JsonPropertyDescription("Replication settings of the data nodes.")
    public Replication replication = new Replication();

    @JsonPropertyDescription("Failure detection and failover, as Sentinel's settings.")
    public Sentinel sentinel = new Sentinel();

    /**
     * The data node options a store may set, by their canonical lowercase names (an allow-list:
     * the operator owns the rest, and an alias or another case would get round a deny-list).
     */
    static final String TUNABLE_OPTIONS = "'acl-pubsub-default', 'acllog-max-len', 'active-defrag-cycle-max', "
            + "'active-defrag-cycle-min', 'active-defrag-ignore-bytes', 'active-defrag-max-scan-fields', "
            + "'active-defrag-threshold-lower', 'active-defrag-threshold-upper', 'active-expire-effort', 'activedefrag', "
            + "'activerehashing', 'aof-load-truncated', 'aof-rewrite-incremental-fsync', 'aof-timestamp-enabled', "
            + "'aof-use-rdb-preamble', 'appendfsync', 'auto-aof-rewrite-min-size', 'auto-aof-rewrite-percentage', "
            + "'busy-reply-threshold', 'client-output-buffer-limit', 'client-query-buffer-limit', 'databases', "
            + "'dynamic-hz', 'hash-max-listpack-entries', 'hash-max-listpack-value', 'hll-sparse-max-bytes', 'hz', "
            + "'latency-monitor-threshold', 'latency-tracking', 'latency-tracking-info-percentiles', "
            + "'lazyfree-lazy-eviction', 'lazyfree-lazy-expire', 'lazyfree-lazy-server-del', 'lazyfree-lazy-user-del', "
            + "'lazyfree-lazy-user-flush', 'lfu-decay-time', 'lfu-log-factor', 'list-compress-depth', "
            + "'list-max-listpack-size', 'loglevel', 'lua-time-limit', 'maxclients', 'maxmemory', 'maxmemory-clients', "
            + "'maxmemory-eviction-tenacity', 'maxmemory-policy', 'maxmemory-samples', 'no-appendfsync-on-rewrite', "
            + "'notify-keyspace-events', 'proto-max-bulk-len', 'rdb-save-incremental-fsync', 'rdbchecksum', "
            + "'rdbcompression', 'repl-backlog-ttl', 'repl-disable-tcp-nodelay', 'repl-diskless-load', "
            + "'repl-diskless-sync-max-replicas', 'repl-ping-replica-period', 'repl-timeout', 'replica-ignore-maxmemory', "
            + "'replica-lazy-flush', 'replica-serve-stale-data', 'sanitize-dump-payload', 'set-max-intset-entries', "
            + "'shutdown-timeout', 'slowlog-log-slower-than', 'slowlog-max-len', 'stop-writes-on-bgsave-error', "
            + "'stream-node-max-bytes', 'stream-node-max-entries', 'tcp-backlog', 'tcp-keepalive', 'timeout', "
            + "'tracking-table-max-keys', 'zset-max-listpack-entries', 'zset-max-listpack-value'";

    @JsonPropertyDescription("Extra data node options (redis.conf names, lowercase, and values): the tunables listed in "
            + "docs/operator.md; the operator owns the rest (port, persistence, replication, passwords, files).")
    @Size(max = 64) // bounds the cost of the rules below, as the API server requires
    @ValidationRule(value = "self.all(k, k in [" + TUNABLE_OPTIONS + "])",
            messageExpression = "'spec.config may not set ' + self.filter(k, !(k in [" + TUNABLE_OPTIONS + "]))[0]"
                    + " + ': only the tunable options listed in docs/operator.md, by their lowercase names'")
    @ValidationRule(value = "self.all(k, !self[k].matches('[\\\\x00-\\\\x1f\\\\x7f]'))",
            message = "spec.config values must not hold control characters (a line break would start another directive)")
    public Map<String, @Size(max = 4096) String> config = new LinkedHashMap<>();

    @JsonPropertyDescription("Additions to the data node pods.")
    public PodTemplate podTemplate = new PodTemplate();

    @JsonPropertyDescription("The master and replicas Services.")
    public Service service = new Service();
}
