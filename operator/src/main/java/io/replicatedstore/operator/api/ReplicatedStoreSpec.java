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

    @JsonPropertyDescription("Extra data node options (redis.conf names and values); options the operator owns are refused.")
    @Size(max = 64) // bounds the cost of the rule below, as the API server requires
    @ValidationRule(value = "self.all(k, !(k in ['port', 'bind', 'dir', 'replicaof', "
            + "'slaveof', 'masterauth', 'masteruser', 'requirepass', 'replica-announce-ip', 'replica-announce-port', "
            + "'appendonly', 'save', 'repl-backlog-size', 'min-replicas-to-write', 'min-replicas-max-lag', "
            + "'repl-diskless-sync', 'replica-priority', 'protected-mode', 'daemonize', 'logfile', 'pidfile']))",
            message = "spec.config must not set options the operator owns: port, bind, dir, replicaof, slaveof, "
                + "masterauth, masteruser, requirepass, replica-announce-ip, replica-announce-port, appendonly, "
                + "save, repl-backlog-size, min-replicas-to-write, min-replicas-max-lag, repl-diskless-sync, "
                + "replica-priority, protected-mode, daemonize, logfile, pidfile")
    public Map<String, String> config = new LinkedHashMap<>();

    @JsonPropertyDescription("Additions to the data node pods.")
    public PodTemplate podTemplate = new PodTemplate();

    @JsonPropertyDescription("The master and replicas Services.")
    public Service service = new Service();
}
