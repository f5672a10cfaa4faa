package io.replicatedstore.datanode.server;

import io.replicatedstore.datanode.config.Config;
import io.replicatedstore.datanode.error.Errors;
import io.replicatedstore.datanode.eviction.Evictor;
import io.replicatedstore.datanode.eviction.MaxmemoryPolicy;
import io.replicatedstore.datanode.store.Keyspace;

import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * The node's memory accounting and its limit (Redis's evict.c): used_memory is the dataset's
 * accounted bytes plus what clients other than replicas hold ({@link #clientBuffers},
 * docs/memory.md); above {@code maxmemory} keys are evicted by the
 * policy, and when nothing can go, commands flagged denyoom are refused with -OOM.
 *
 * <p>Whatever maxmemory says, the node also keeps below a ceiling derived from the JVM's maximum
 * heap ({@link #heapCeiling()}, docs/memory.md), so the heap never runs out first: with
 * maxmemory 0 the ceiling is the limit and writes are refused above it (nothing is evicted that
 * the user did not ask to evict).
 */
public final class Memory {

    private static final Logger LOG = Logger.getLogger(Memory.class.getName());

    /** Redis's -OOM reply to a denyoom command over the limit. */
    public static final String OOM = "OOM command not allowed when used memory > 'maxmemory'.";
    /** Share of the maximum heap the node lets used_memory reach (see docs/memory.md); a JVM property may lower or raise it. */
    static final double DEFAULT_HEAP_SHARE = 0.6;
    static final String HEAP_SHARE_PROPERTY = "replicatedstore.heap-share";
    private static final byte[] DEL = "DEL".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] UNLINK = "UNLINK".getBytes(StandardCharsets.US_ASCII);

    /** Outcome of enforcing the limit (Redis's EVICT_OK, EVICT_RUNNING, EVICT_FAIL). */
    public enum Result { OK, RUNNING, FAIL }

    private final Server server;
    private final Evictor evictor = new Evictor();
    private final LongSupplier nanoClock;
    private final long heapCeiling;
    /** What clients other than replicas hold (buffers in and out, arguments, MULTI queues), in bytes. */
    private LongSupplier clientBuffers = () -> 0;
    private BooleanSupplier isReplica = () -> false;
    private MaxmemoryPolicy policy;
    private long peak;
    private long evictedKeys;
    private long totalExceededNanos;
    /** When used memory was last found over the limit without recovering, or 0. */
    private long exceededSince;
    private boolean continuationScheduled;

    Memory(Server server, LongSupplier nanoClock, long maxHeap) {
        this.server = server;
        this.nanoClock = nanoClock;
        this.heapCeiling = heapCeiling(maxHeap, heapShare());
        Config config = server.config();
        applyPolicy(config.maxmemoryPolicy.get());
        config.maxmemoryPolicy.onChange(this::applyPolicy);
        Keyspace keyspace = server.keyspace();
        keyspace.keyClock().logFactor(config.lfuLogFactor.get());
        keyspace.keyClock().decayMinutes(config.lfuDecayTime.get());
        config.lfuLogFactor.onChange(factor -> keyspace.keyClock().logFactor(factor));
        config.lfuDecayTime.onChange(minutes -> keyspace.keyClock().decayMinutes(minutes));
        config.maxmemory.onChange(this::maxmemoryChanged);
    }

    /** The ceiling for used_memory given the JVM's maximum heap: docs/memory.md's formula. */
    static long heapCeiling(long maxHeap, double share) {
        return (long) (maxHeap * share);
    }

    private static double heapShare() {
        String value = System.getProperty(HEAP_SHARE_PROPERTY);
        if (value == null) {
            return DEFAULT_HEAP_SHARE;
        }
        double share = Double.parseDouble(value);
        if (!(share > 0 && share <= 1)) {
            throw new IllegalArgumentException(HEAP_SHARE_PROPERTY + " must be in (0, 1]: " + value);
        }
        return share;
    }

    private void applyPolicy(String name) {
        policy = MaxmemoryPolicy.byName(name);
        server.keyspace().keyClock().lfu(policy.lfu());
        evictor.reset();
    }

    private void maxmemoryChanged(long maxmemory) {
        long used = usedMemory();
        if (maxmemory > 0 && used > maxmemory) {
            LOG.warning("WARNING: the new maxmemory value set via CONFIG SET (" + maxmemory
                    + ") is smaller than the current memory usage (" + used + "). This will result in key eviction"
                    + " and/or the inability to accept new write commands depending on the maxmemory-policy.");
        }
        if (maxmemory > heapCeiling) {
            LOG.warning("maxmemory " + maxmemory + " is above this JVM's ceiling of " + heapCeiling
                    + " bytes (" + DEFAULT_HEAP_SHARE + " of the maximum heap): the ceiling applies");
        }
        performEvictions();
    }

    /** Sets where the clients' buffer bytes come from (see {@link #clientBuffers}). */
    public void clientBuffers(LongSupplier supplier) {
        this.clientBuffers = supplier;
    }

    /** Sets how to tell whether this node is a replica (replica-ignore-maxmemory applies then). */
    public void isReplica(BooleanSupplier supplier) {
        this.isReplica = supplier;
    }

    public long heapCeiling() {
        return heapCeiling;
    }

    /** used_memory: the dataset plus the clients' buffers. */
    public long usedMemory() {
        long used = server.keyspace().usedBytes() + clientBuffers.getAsLong();
        if (used > peak) {
            peak = used;
        }
        return used;
    }

    /** used_memory_dataset. */
    public long datasetMemory() {
        return server.keyspace().usedBytes();
    }

    public long peak() {
        return Math.max(peak, usedMemory());
    }

    /** The limit used memory is held to: maxmemory, capped by the heap ceiling; the ceiling alone when maxmemory is 0. */
    public long limit() {
        long maxmemory = server.config().maxmemory.get();
        return maxmemory > 0 ? Math.min(maxmemory, heapCeiling) : heapCeiling;
    }

    private boolean ignoresLimit() {
        return isReplica.getAsBoolean() && server.config().replicaIgnoreMaxmemory.get();
    }

    /**
     * Refuses, before it allocates, a command that would grow a value by {@code bytes} past the
     * limit when eviction cannot make room (SETRANGE or APPEND to hundreds of megabytes).
     */
    public void checkGrowth(Client client, long bytes) {
        if (client.isMaster() || ignoresLimit()) {
            return; // a replica applies what its master wrote
        }
        long used = usedMemory();
        boolean evicts = server.config().maxmemory.get() > 0 && policy().rank() != MaxmemoryPolicy.Rank.NONE;
        long room = evicts ? limit() : limit() - used;
        if (bytes > room) {
            throw Errors.error(OOM);
        }
    }

    private MaxmemoryPolicy policy() {
        return policy;
    }

    /**
     * Brings used memory under the limit by evicting keys, spending at most the time
     * maxmemory-eviction-tenacity allows; if time runs out the rest is done from the event loop
     * (RUNNING). FAIL when memory is over the limit and nothing (more) may be evicted.
     */
    public Result performEvictions() {
        if (ignoresLimit()) {
            return Result.OK;
        }
        long limit = limit();
        long used = usedMemory();
        Result result;
        if (used <= limit) {
            result = Result.OK;
        } else if (server.config().maxmemory.get() == 0 || policy().rank() == MaxmemoryPolicy.Rank.NONE) {
            result = Result.FAIL;
        } else {
            result = evict(used - limit);
        }
        updateExceededTime(result);
        return result;
    }

    private Result evict(long toFree) {
        MaxmemoryPolicy policy = policy();
        Keyspace keyspace = server.keyspace();
        int samples = server.config().maxmemorySamples.asInt();
        long limitNanos = timeLimitMicros(server.config().maxmemoryEvictionTenacity.get());
        limitNanos = limitNanos < 0 ? -1 : limitNanos * 1000;
        long start = nanoClock.getAsLong();
        long before = keyspace.usedBytes();
        long freed = 0;
        int keysFreed = 0;
        while (freed < toFree) {
            Evictor.Victim victim = evictor.pick(keyspace, policy, samples);
            if (victim == null) {
                return Result.FAIL;
            }
            victim.db().evict(victim.key());
            evictedKeys++;
            keysFreed++;
            server.watches().touch(victim.db(), victim.key());
            server.keyspaceEvents().notify(KeyspaceEvents.EVICTED, "evicted", victim.key(), victim.db().id());
            server.propagation().add(victim.db().id(),
                    new byte[][] {server.config().lazyfreeLazyEviction.get() ? UNLINK : DEL, victim.key()});
            freed = before - keyspace.usedBytes();
            if (keysFreed % 16 == 0 && limitNanos >= 0 && nanoClock.getAsLong() - start > limitNanos) {
                scheduleContinuation();
                return Result.RUNNING;
            }
        }
        return Result.OK;
    }

    /** Redis's evictionTimeLimitUs: 50 us per point of tenacity up to 10, then 15% more per point; 100 is unlimited (-1). */
    static long timeLimitMicros(long tenacity) {
        if (tenacity <= 10) {
            return 50 * tenacity;
        }
        if (tenacity < 100) {
            return (long) (500.0 * Math.pow(1.15, tenacity - 10));
        }
        return -1;
    }

    /** As Redis's evictionTimeProc: keep evicting from the event loop until under the limit. */
    private void scheduleContinuation() {
        if (continuationScheduled || server.eventLoop() == null) {
            return;
        }
        continuationScheduled = true;
        server.eventLoop().execute(() -> {
            continuationScheduled = false;
            performEvictions();
        });
    }

    private void updateExceededTime(Result result) {
        if ((result == Result.OK) == (exceededSince == 0)) {
            return; // no change of state: no clock read on every command
        }
        long now = nanoClock.getAsLong();
        if (result == Result.OK) {
            totalExceededNanos += now - exceededSince;
            exceededSince = 0;
        } else {
            exceededSince = Math.max(1, now);
        }
    }

    public long evictedKeys() {
        return evictedKeys;
    }

    /** total_eviction_exceeded_time in milliseconds, including the current period. */
    public long totalEvictionExceededMillis() {
        return (totalExceededNanos + currentExceededNanos()) / 1_000_000;
    }

    /** current_eviction_exceeded_time in milliseconds. */
    public long currentEvictionExceededMillis() {
        return currentExceededNanos() / 1_000_000;
    }

    private long currentExceededNanos() {
        return exceededSince == 0 ? 0 : nanoClock.getAsLong() - exceededSince;
    }

    /** CONFIG RESETSTAT. */
    public void resetStats() {
        evictedKeys = 0;
        totalExceededNanos = 0;
        exceededSince = 0;
    }
}
