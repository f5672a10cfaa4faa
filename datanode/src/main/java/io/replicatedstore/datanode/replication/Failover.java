package io.replicatedstore.datanode.replication;

import io.replicatedstore.datanode.error.RedisException;
import io.replicatedstore.datanode.server.Server;

import java.util.logging.Logger;

/**
 * The FAILOVER command's coordinated switchover (Redis 7.0's failover state machine): writes are
 * paused, the target replica is asked for its offset until it has everything, then this node
 * becomes its replica with {@code PSYNC <replid> <offset> FAILOVER}, which makes the target a
 * master that continues our history. Nothing acknowledged is lost; on a rejected PSYNC or a
 * timeout the node stays (or becomes again) master.
 */
public final class Failover {

    private static final Logger LOG = Logger.getLogger(Failover.class.getName());

    /** master_failover_state values. */
    public enum State {
        NO_FAILOVER("no-failover"), WAITING_FOR_SYNC("waiting-for-sync"), IN_PROGRESS("failover-in-progress");

        private final String text;

        State(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    private final Server server;
    private final Replication replication;
    private State state = State.NO_FAILOVER;
    private String targetHost;
    private int targetPort;
    private long deadlineMs;
    private boolean force;
    private long promotedAtMs;

    Failover(Server server, Replication replication) {
        this.server = server;
        this.replication = replication;
    }

    public State state() {
        return state;
    }

    boolean inProgress() {
        return state != State.NO_FAILOVER;
    }

    /**
     * FAILOVER [TO host port [FORCE]] [TIMEOUT ms]: checks and starts; the reply is +OK at once.
     *
     * @param host null to pick whichever replica catches up first
     * @param timeoutMs 0 for none
     */
    public void start(String host, int port, boolean forced, long timeoutMs) {
        if (replication.isReplica()) {
            throw new RedisException("ERR FAILOVER is not valid when server is a replica.");
        }
        if (replication.replicas().isEmpty()) {
            throw new RedisException("ERR FAILOVER requires connected replicas.");
        }
        if (state != State.NO_FAILOVER) {
            throw new RedisException("ERR FAILOVER already in progress.");
        }
        if (host != null) {
            ConnectedReplica target = find(host, port);
            if (target == null) {
                throw new RedisException("ERR FAILOVER target HOST and PORT is not a replica.");
            }
            if (target.state() != ConnectedReplica.State.ONLINE) {
                throw new RedisException("ERR FAILOVER target replica is not online.");
            }
        }
        targetHost = host;
        targetPort = port;
        force = forced;
        deadlineMs = timeoutMs > 0 ? server.clock().millis() + timeoutMs : 0;
        state = State.WAITING_FOR_SYNC;
        // Writes wait (they are not refused) while the target catches up.
        server.pause().pause(Long.MAX_VALUE, false);
        LOG.info("FAILOVER requested to " + (host == null ? "any replica" : host + ":" + port) + ".");
        replication.requestAcks();
    }

    /** FAILOVER ABORT. */
    public void abort() {
        if (state == State.NO_FAILOVER) {
            throw new RedisException("ERR No failover in progress.");
        }
        abort("Failover manually aborted");
    }

    private ConnectedReplica find(String host, int port) {
        for (ConnectedReplica replica : replication.replicas()) {
            if (replica.ip().equalsIgnoreCase(host) && replica.listeningPort() == port) {
                return replica;
            }
        }
        return null;
    }

    /** A replica acknowledged an offset. */
    void acked() {
        if (state == State.WAITING_FOR_SYNC) {
            check(server.clock().millis());
        }
    }

    void cron(long now) {
        if (state == State.IN_PROGRESS && now - promotedAtMs > server.config().replTimeout.get() * 1000) {
            abort("Failover target did not answer PSYNC in time");
            return;
        }
        if (state == State.WAITING_FOR_SYNC) {
            replication.requestAcks();
            check(now);
        }
    }

    private void check(long now) {
        ConnectedReplica target = null;
        for (ConnectedReplica replica : replication.replicas()) {
            boolean candidate = targetHost == null
                    || (replica.ip().equalsIgnoreCase(targetHost) && replica.listeningPort() == targetPort);
            if (candidate && replica.state() == ConnectedReplica.State.ONLINE && replication.caughtUp(replica)) {
                target = replica;
                break;
            }
        }
        if (target == null && deadlineMs > 0 && now >= deadlineMs) {
            if (force && targetHost != null) {
                LOG.info("FAILOVER timed out, forcing the failover to " + targetHost + ":" + targetPort);
                promote(targetHost, targetPort);
            } else {
                abort("Replica never caught up before timeout");
            }
            return;
        }
        if (target != null) {
            promote(target.ip(), target.listeningPort());
        }
    }

    private void promote(String host, int port) {
        LOG.info("Failover target " + host + ":" + port + " is synced, failing over.");
        state = State.IN_PROGRESS;
        promotedAtMs = server.clock().millis();
        targetHost = host;
        targetPort = port;
        replication.becomeReplicaForFailover(host, port);
    }

    /** Whether the link's PSYNC carries FAILOVER. */
    boolean psyncWithFailover() {
        return state == State.IN_PROGRESS;
    }

    /** The target answered our PSYNC FAILOVER. */
    void psyncReplied(String line) {
        if (state != State.IN_PROGRESS) {
            return;
        }
        if (line.startsWith("+CONTINUE") || line.startsWith("+FULLRESYNC")) {
            LOG.info("Failover target " + targetHost + ":" + targetPort + " is now a master; failover complete.");
            end();
        } else {
            abort("Failover target rejected psync request");
        }
    }

    private void abort(String why) {
        LOG.warning("FAILOVER aborted: " + why);
        boolean becameReplica = state == State.IN_PROGRESS;
        end();
        if (becameReplica) {
            replication.becomeMaster("failover aborted");
        }
    }

    /** Another REPLICAOF overrides a running failover. */
    void abortQuietly() {
        if (state != State.NO_FAILOVER) {
            end();
        }
    }

    private void end() {
        state = State.NO_FAILOVER;
        targetHost = null;
        deadlineMs = 0;
        force = false;
        server.pause().unpause();
    }
}
