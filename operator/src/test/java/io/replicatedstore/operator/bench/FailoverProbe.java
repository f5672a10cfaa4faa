package io.replicatedstore.operator.bench;

import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.exceptions.JedisException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Measures one failover as a Sentinel-aware client lives it, the same way for Redis Sentinel and
 * for the operator: a writer sends INCR on one persistent connection and, when it fails, asks the
 * sentinels for the master and reconnects; a poller asks get-master-addr-by-name every 5 ms; a
 * subscriber waits for +odown. {@link #kill} marks time zero.
 */
final class FailoverProbe implements AutoCloseable {

    /** Seconds from the kill, and acknowledged writes lost; NaN when it did not happen in time. */
    record Result(double odown, double newAddress, double firstWrite, long lost) {
    }

    private static final String KEY = "failover:counter";
    private final String master;
    private final List<HostAndPort> sentinels;
    private final String password;
    private final HostAndPort oldMaster;
    private final List<Thread> threads = new ArrayList<>();
    private final List<JedisPubSub> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean done;
    private volatile long killedAt;
    private volatile long odownAt;
    private volatile long newAddressAt;
    private volatile long firstWriteAt;
    /** The last INCR value the old master acknowledged, and the first the new one did. */
    private volatile long lastOld;
    private volatile long firstNew;
    private final CountDownLatch subscribed;
    private final CountDownLatch writing = new CountDownLatch(1);

    FailoverProbe(String master, List<HostAndPort> sentinels, String password, HostAndPort oldMaster) {
        this.master = master;
        this.sentinels = sentinels;
        this.password = password;
        this.oldMaster = oldMaster;
        this.subscribed = new CountDownLatch(sentinels.size());
    }

    /** Starts the writer, the poller and the subscribers; returns once all of them run. */
    void start() throws InterruptedException {
        for (HostAndPort sentinel : sentinels) {
            spawn("odown-" + sentinel.getPort(), () -> subscribe(sentinel));
        }
        spawn("writer", this::write);
        spawn("poller", this::poll);
        if (!subscribed.await(10, TimeUnit.SECONDS) || !writing.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the probe's writer or subscribers did not start within 10 s");
        }
        Thread.sleep(500); // the writer is in its stride
    }

    /** Time zero: call right before the master is killed. */
    void kill() {
        killedAt = System.nanoTime();
    }

    /** Waits until a write on the new master is acknowledged, at most {@code timeoutMs}. */
    Result await(long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while ((firstWriteAt == 0 || newAddressAt == 0) && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        Thread.sleep(200); // a late +odown (Redis Sentinel's other sentinels) is still counted
        return new Result(seconds(odownAt), seconds(newAddressAt), seconds(firstWriteAt),
                firstWriteAt == 0 ? -1 : Math.max(0, lastOld - (firstNew - 1)));
    }

    private double seconds(long at) {
        return at == 0 ? Double.NaN : (at - killedAt) / 1e9;
    }

    private void write() {
        HostAndPort at = oldMaster;
        Jedis jedis = connect(at);
        while (!done) {
            try {
                if (jedis == null) {
                    throw new JedisException("not connected");
                }
                long value = jedis.incr(KEY);
                writing.countDown();
                if (at.equals(oldMaster)) {
                    lastOld = Math.max(lastOld, value);
                } else if (firstWriteAt == 0 && killedAt != 0) {
                    firstNew = value;
                    firstWriteAt = System.nanoTime();
                }
            } catch (JedisException e) {
                close(jedis);
                pause(5);
                at = askSentinels().orElse(at);
                jedis = connect(at);
            }
        }
        close(jedis);
    }

    private void poll() {
        while (!done) {
            if (killedAt != 0 && newAddressAt == 0) {
                askSentinels().filter(address -> !address.equals(oldMaster)).ifPresent(address -> newAddressAt = System.nanoTime());
            }
            pause(5);
        }
    }

    private void subscribe(HostAndPort sentinel) {
        JedisPubSub listener = new JedisPubSub() {
            @Override
            public void onSubscribe(String channel, int count) {
                subscribed.countDown();
            }

            @Override
            public void onMessage(String channel, String message) {
                if (killedAt != 0 && odownAt == 0) {
                    odownAt = System.nanoTime();
                }
            }
        };
        listeners.add(listener);
        // No read timeout: an idle subscription is silent. close() unsubscribes, which ends it.
        try (Jedis jedis = new Jedis(sentinel.getHost(), sentinel.getPort(), 1000, 0)) {
            jedis.subscribe(listener, "+odown");
        } catch (JedisException e) {
            // the sentinel went away
        }
    }

    /** The first sentinel that answers, as a client configured with this list asks them. */
    private Optional<HostAndPort> askSentinels() {
        for (HostAndPort sentinel : sentinels) {
            try (Jedis jedis = new Jedis(sentinel.getHost(), sentinel.getPort(), 200)) {
                List<String> address = jedis.sentinelGetMasterAddrByName(master);
                if (address != null && address.size() == 2) {
                    return Optional.of(new HostAndPort(address.get(0), Integer.parseInt(address.get(1))));
                }
            } catch (JedisException e) {
                // the next sentinel
            }
        }
        return Optional.empty();
    }

    /** A connection, or null when the node does not take one (this Jedis connects in its constructor). */
    private Jedis connect(HostAndPort at) {
        Jedis jedis = null;
        try {
            jedis = new Jedis(at.getHost(), at.getPort(), 200, 500);
            if (password != null) {
                jedis.auth(password);
            }
            return jedis;
        } catch (JedisException e) {
            close(jedis);
            return null;
        }
    }

    private void spawn(String name, Runnable body) {
        Thread thread = new Thread(body, "probe-" + name);
        thread.setDaemon(true);
        thread.setUncaughtExceptionHandler((t, e) -> {
            System.out.println(t.getName() + " died: " + e);
            e.printStackTrace(System.out);
        });
        thread.start();
        threads.add(thread);
    }

    private static void close(Jedis jedis) {
        if (jedis != null) {
            try {
                jedis.close();
            } catch (JedisException e) {
                // already broken
            }
        }
    }

    private static void pause(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws InterruptedException {
        done = true;
        for (JedisPubSub listener : listeners) {
            if (listener.isSubscribed()) {
                listener.unsubscribe();
            }
        }
        for (Thread thread : threads) {
            thread.join(3000);
        }
    }
}
