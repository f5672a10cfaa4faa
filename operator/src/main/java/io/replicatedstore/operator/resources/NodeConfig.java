package io.replicatedstore.operator.resources;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.replicatedstore.operator.api.ReplicatedStore;
import io.replicatedstore.operator.api.ReplicatedStoreSpec;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The ConfigMap every data node reads at start: its redis.conf-style configuration and the
 * readiness probe. What differs per pod (announced name, priority) is passed on the command line;
 * the password comes from a file of the nodes' Secret that the configuration includes.
 */
public final class NodeConfig {

    public static final int PORT = 6379;
    public static final String CONFIG_KEY = "datanode.conf";
    public static final String PROBE_KEY = "probe.sh";
    static final int DEFAULT_REPL_PING_PERIOD = 1;
    public static final String MOUNT = "/etc/replicated-store";
    public static final String DATA_DIR = "/data";
    /** Where the nodes' password Secret is mounted (not under MOUNT: a read-only volume holds no mount point). */
    public static final String AUTH_MOUNT = "/etc/replicated-store-auth";
    public static final String AUTH_CONF_KEY = "auth.conf";
    public static final String AUTH_PASSWORD_KEY = "password";

    private NodeConfig() {
    }

    public static ConfigMap configMap(ReplicatedStore store) {
        return new ConfigMapBuilder()
                .withNewMetadata()
                .withName(Names.configMap(store))
                .withNamespace(store.getMetadata().getNamespace())
                .withLabels(Labels.of(store))
                .endMetadata()
                .addToData(CONFIG_KEY, configFile(store))
                .addToData(PROBE_KEY, probe(minReplicasToWrite(store)))
                .build();
    }

    /** The data node configuration, in redis.conf syntax. */
    public static String configFile(ReplicatedStore store) {
        ReplicatedStoreSpec spec = store.getSpec();
        StringBuilder conf = new StringBuilder();
        line(conf, "# Written by the replicated-store operator; edit the ReplicatedStore instead.");
        line(conf, "port " + PORT);
        line(conf, "bind 0.0.0.0");
        line(conf, "protected-mode no");
        line(conf, "dir " + DATA_DIR);
        line(conf, "include " + AUTH_MOUNT + "/" + AUTH_CONF_KEY);
        // Every node starts as a replica of whatever the master Service points at, so a node
        // restarted by Kubernetes never makes itself master from local state: while the master
        // Service has no ready endpoint it waits, read-only; only the operator promotes.
        line(conf, "replicaof " + Names.masterService(store) + " " + PORT);
        switch (spec.persistence.mode) {
            case "aof" -> {
                line(conf, "appendonly yes");
                line(conf, "appendfsync everysec");
                line(conf, "save \"\"");
            }
            case "none" -> {
                line(conf, "appendonly no");
                line(conf, "save \"\"");
            }
            default -> {
                line(conf, "appendonly no");
                line(conf, "save \"" + spec.persistence.rdbSaveRules + "\"");
            }
        }
        line(conf, "repl-backlog-size " + spec.replication.backlogSize);
        line(conf, "repl-diskless-sync " + (spec.replication.diskless ? "yes" : "no"));
        line(conf, "repl-diskless-sync-delay 0");
        line(conf, "min-replicas-to-write " + minReplicasToWrite(store));
        line(conf, "min-replicas-max-lag " + spec.replication.minReplicasMaxLag);
        // Redis's default is 10 s. Every second, a replica's master_last_io_seconds_ago shows
        // within down-after that a frozen or cut-off master fell silent (its link stays "up"
        // until repl-timeout): the failure detector's replica observer.
        line(conf, "repl-ping-replica-period " + DEFAULT_REPL_PING_PERIOD);
        // A limit the node enforces by accounting, below the container's: spec.config may set another.
        NodeMemory.maxmemory(NodeMemory.resources(spec.resources))
                .ifPresent(bytes -> line(conf, "maxmemory " + bytes));
        for (Map.Entry<String, String> option : spec.config.entrySet()) {
            line(conf, option.getKey() + " " + option.getValue());
        }
        return conf.toString();
    }

    /**
     * The configuration a running node cannot take without a restart: all of it but the options
     * the operator sets live with CONFIG SET ({@link #LIVE_OPTIONS}). A change here rolls the pods.
     */
    public static String restartConfig(ReplicatedStore store) {
        return configFile(store).lines().filter(line -> LIVE_OPTIONS.keySet().stream().noneMatch(
                option -> line.startsWith(option + " "))).collect(Collectors.joining("\n", "", "\n"));
    }

    /** Options the operator keeps right on running nodes with CONFIG SET, by their value for a store. */
    public static final Map<String, Function<ReplicatedStore, String>> LIVE_OPTIONS = Map.of(
            "min-replicas-to-write", store -> Integer.toString(minReplicasToWrite(store)));

    /** The period the master PINGs its replicas at: the spec's config, or the operator's 1 s. */
    public static int replPingReplicaPeriod(ReplicatedStore store) {
        // Only the canonical name: the CRD refuses repl-ping-slave-period.
        String value = store.getSpec().config.getOrDefault("repl-ping-replica-period",
                Integer.toString(DEFAULT_REPL_PING_PERIOD));
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return DEFAULT_REPL_PING_PERIOD; // the node refuses to start with it: nothing to observe anyway
        }
    }

    /** With no replica to acknowledge, min-replicas-to-write would refuse every write. */
    static int minReplicasToWrite(ReplicatedStore store) {
        ReplicatedStoreSpec spec = store.getSpec();
        return spec.replicas > 1 ? Math.min(spec.replication.minReplicasToWrite, spec.replicas - 1) : 0;
    }

    /** A value in redis.conf's double-quoted form, which the config reader gives back byte for byte. */
    public static String quote(String value) {
        StringBuilder quoted = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '\\' -> quoted.append("\\\\");
                case '"' -> quoted.append("\\\"");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        quoted.append(String.format("\\x%02x", (int) c));
                    } else {
                        quoted.append(c);
                    }
                }
            }
        }
        return quoted.append('"').toString();
    }

    private static void line(StringBuilder conf, String line) {
        conf.append(line).append('\n');
    }

    /**
     * Readiness as the operator means it: a master that can take writes (as many good replicas
     * as min-replicas-to-write asks: an isolated master fails it, so its Service stops routing to
     * it), or a replica whose link to its master is up and not in a full sync. Plain bash
     * (/dev/tcp), so the image needs no client binary.
     */
    static String probe(int minGoodReplicas) {
        return """
            #!/bin/bash
            # Ready = master with at least %d good replicas, or replica with its link up and not syncing.
            password=$(<%s/%s) || exit 1
            exec 3<>/dev/tcp/127.0.0.1/%d || exit 1
            printf '*2\\r\\n$4\\r\\nAUTH\\r\\n$%%d\\r\\n%%s\\r\\n*2\\r\\n$4\\r\\nINFO\\r\\n$11\\r\\nreplication\\r\\n' \\
              "${#password}" "$password" >&3
            role=""; link=""; syncing=""; good=0
            while IFS= read -r -t 2 line <&3; do
              line=${line%%%%$'\\r'}
              case "$line" in
                -*) echo "$line"; exit 1 ;;
                role:*) role=${line#role:} ;;
                master_link_status:*) link=${line#master_link_status:} ;;
                master_sync_in_progress:*) syncing=${line#master_sync_in_progress:} ;;
                min_slaves_good_slaves:*) good=${line#min_slaves_good_slaves:} ;;
                repl_backlog_histlen:*) break ;;
              esac
            done
            [ "$role" = master ] && [ "$good" -ge %d ] && exit 0
            [ "$role" = slave ] && [ "$link" = up ] && [ "$syncing" = 0 ] && exit 0
            echo "not ready: role=$role link=$link sync_in_progress=$syncing good_replicas=$good"
            exit 1
            """.formatted(minGoodReplicas, AUTH_MOUNT, AUTH_PASSWORD_KEY, PORT, minGoodReplicas);
    }
}
