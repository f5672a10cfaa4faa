package io.replicatedstore.datanode.server;

import io.replicatedstore.datanode.util.Clock;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * CLIENT PAUSE: until a deadline, commands of the paused kind wait (all commands, or only writes
 * and commands that may replicate). Clients whose command waits are resumed in order on unpause.
 */
public final class ClientPause {

    private long untilMs;
    private boolean all;
    private final Set<Client> waiting = new LinkedHashSet<>();
    private final Clock clock;

    ClientPause(Clock clock) {
        this.clock = clock;
    }

    public void pause(long untilMs, boolean all) {
        // A new pause may extend but never shorten or weaken a running one, as in Redis.
        if (isPaused(clock.millis())) {
            this.untilMs = Math.max(this.untilMs, untilMs);
            this.all = this.all || all;
        } else {
            this.untilMs = untilMs;
            this.all = all;
        }
    }

    public void unpause() {
        untilMs = 0;
    }

    public boolean isPaused(long nowMs) {
        return untilMs > nowMs;
    }

    /**
     * Whether a command must wait now; {@code writes}: it is flagged write or may-replicate,
     * which a CLIENT PAUSE WRITE holds back.
     */
    public boolean blocks(boolean writes, long nowMs) {
        if (!isPaused(nowMs)) {
            return false;
        }
        if (all) {
            return true;
        }
        return writes;
    }

    public void park(Client client) {
        waiting.add(client);
    }

    void remove(Client client) {
        waiting.remove(client);
    }

    public boolean isParked(Client client) {
        return waiting.contains(client);
    }

    /** Clients to resume once the pause is over. */
    List<Client> release(long nowMs) {
        if (isPaused(nowMs) || waiting.isEmpty()) {
            return List.of();
        }
        List<Client> resumed = new ArrayList<>(waiting);
        waiting.clear();
        return resumed;
    }
}
