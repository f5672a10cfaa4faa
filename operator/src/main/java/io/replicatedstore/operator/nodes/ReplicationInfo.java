package io.replicatedstore.operator.nodes;

import java.util.HashMap;
import java.util.Map;

/** What a data node's INFO replication says, with Redis's field names. */
public record ReplicationInfo(Map<String, String> fields) {

    public static ReplicationInfo parse(String info) {
        Map<String, String> fields = new HashMap<>();
        for (String line : info.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && !line.startsWith("#")) {
                fields.put(line.substring(0, colon), line.substring(colon + 1).trim());
            }
        }
        return new ReplicationInfo(fields);
    }

    public boolean isMaster() {
        return "master".equals(fields.get("role"));
    }

    public String masterHost() {
        return fields.get("master_host");
    }

    public int masterPort() {
        return Integer.parseInt(fields.getOrDefault("master_port", "0"));
    }

    /** A replica whose link to its master is up and not in a full sync. */
    public boolean linkUp() {
        return "up".equals(fields.get("master_link_status")) && "0".equals(fields.get("master_sync_in_progress"));
    }

    /**
     * A replica's verdict on its master: the link down for down-after, or the link still up (a
     * frozen or cut-off master keeps its TCP connection until repl-timeout) but nothing heard from
     * the master, not even the PING it sends every repl-ping-replica-period, for down-after, and
     * for a second more than that period (an idle master is silent between its PINGs). INFO gives
     * whole seconds, rounded down, so the verdict is never early.
     */
    public boolean seesMasterDown(long downAfterMs, long pingPeriodMs) {
        if (!"up".equals(fields.get("master_link_status"))) {
            return 1000L * Long.parseLong(fields.getOrDefault("master_link_down_since_seconds", "-1")) >= downAfterMs;
        }
        long silentMs = 1000L * Long.parseLong(fields.getOrDefault("master_last_io_seconds_ago", "-1"));
        return silentMs >= 0 && silentMs >= Math.max(downAfterMs, pingPeriodMs + 1000);
    }

    /** How far this node's copy of the stream goes: master_repl_offset on a master, slave_repl_offset on a replica. */
    public long offset() {
        String value = isMaster() ? fields.get("master_repl_offset") : fields.get("slave_repl_offset");
        return value == null ? 0 : Long.parseLong(value);
    }

    public String replid() {
        return fields.get("master_replid");
    }

    /** A coordinated FAILOVER runs on this master (master_failover_state other than no-failover). */
    public boolean failingOver() {
        String state = fields.get("master_failover_state");
        return state != null && !state.equals("no-failover");
    }

    public int connectedReplicas() {
        return Integer.parseInt(fields.getOrDefault("connected_slaves", "0"));
    }
}
