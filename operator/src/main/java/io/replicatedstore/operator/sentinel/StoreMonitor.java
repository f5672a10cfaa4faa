package io.replicatedstore.operator.sentinel;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.replicatedstore.operator.api.ReplicatedStore;
import io.replicatedstore.operator.nodes.NodeAddress;
import io.replicatedstore.operator.nodes.NodeClient;
import io.replicatedstore.operator.nodes.ReplicationInfo;
import io.replicatedstore.operator.resources.NodePods;
import io.replicatedstore.operator.sentinel.FailureDetector.Verdict;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Sentinel's watch over every store's master: once a period it PINGs the master, reads the
 * replicas' INFO replication and looks at the master's pod, feeds a {@link FailureDetector}, and
 * wakes the store's reconciler when the verdict changes (+sdown, +odown and back). The reconciler
 * tells it what to watch after each pass, so it follows role changes.
 */
@ApplicationScoped
public class StoreMonitor {

    private static final Logger LOG = Logger.getLogger(StoreMonitor.class);
    /** A watch not refreshed by a reconcile for this long belongs to a store that is gone. */
    private static final long STALE_MS = 120_000;
    /** A round that starts this much later than scheduled means the operator itself stalled (TILT). */
    private static final long TILT_MS = 2000;

    /** What to watch for one store, as the last reconcile saw it. */
    public record Target(String namespace, String master, NodeAddress masterAddress, List<NodeAddress> replicas,
                         String password, long downAfterMs, int quorum, long replPingPeriodMs) {
    }

    private static final class Watch {
        volatile Target target;
        volatile long refreshedMs;
        FailureDetector detector;
        volatile Verdict verdict = Verdict.UP;
        /** Its own schedule, so a store whose nodes time out does not delay the others. */
        ScheduledFuture<?> schedule;
        /** One round at a time: the schedule's, or one asked for by {@link #observeNow}. */
        final Object round = new Object();
        long lastRoundEndMs = -1;
        int rounds;
    }

    private final long periodMs;
    private final KubernetesClient client;
    private final MasterStateEvents events;
    private final Map<ResourceID, Watch> watches = new ConcurrentHashMap<>();
    private final Map<NodeAddress, StatefulRedisConnection<String, String>> connections = new ConcurrentHashMap<>();
    private final SimpleInboundEventSource<ReplicatedStore> wakeUps = new SimpleInboundEventSource<>("sentinel");
    private final RedisClient redis = RedisClient.create();
    private final ScheduledExecutorService executor = Executors.newScheduledThreadPool(4, r -> {
        Thread thread = new Thread(r, "sentinel-monitor");
        thread.setDaemon(true);
        return thread;
    });

    StoreMonitor(KubernetesClient client, MasterStateEvents events,
                 @ConfigProperty(name = "replicatedstore.sentinel.period-ms", defaultValue = "1000") long periodMs) {
        this.client = client;
        this.events = events;
        this.periodMs = periodMs;
        redis.setOptions(ClientOptions.builder().autoReconnect(false)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(Duration.ofMillis(Math.min(1000, periodMs))).build())
                .build());
    }

    /** The event source through which the monitor wakes a store's reconciler. */
    public SimpleInboundEventSource<ReplicatedStore> wakeUps() {
        return wakeUps;
    }

    /** Watch this master from now on (a new master starts with a fresh detector). */
    public void watch(ResourceID store, Target target) {
        Watch watch = watches.computeIfAbsent(store, id -> {
            Watch created = new Watch();
            created.schedule = executor.scheduleWithFixedDelay(() -> round(id, created), periodMs, periodMs,
                    TimeUnit.MILLISECONDS);
            return created;
        });
        synchronized (watch) {
            Target before = watch.target;
            if (before == null || !before.master().equals(target.master())) {
                watch.detector = new FailureDetector(nowMs());
                watch.verdict = Verdict.UP;
            }
            watch.target = target;
            watch.refreshedMs = nowMs();
        }
    }

    /** Nothing to watch: no master yet, or the store is gone. */
    public void unwatch(ResourceID store) {
        Watch watch = watches.remove(store);
        if (watch != null) {
            watch.schedule.cancel(false);
        }
    }

    public Verdict verdict(ResourceID store) {
        Watch watch = watches.get(store);
        return watch == null ? Verdict.UP : watch.verdict;
    }

    /** Milliseconds since the master last answered a PING; 0 when not watched. */
    public long sinceLastReply(ResourceID store) {
        Watch watch = watches.get(store);
        if (watch == null) {
            return 0;
        }
        synchronized (watch) {
            return watch.detector.sinceLastReply(nowMs());
        }
    }

    /**
     * Observes the store's master now, not at the next scheduled round: the reconciler saw its
     * container terminated or its pod deleted in the API, definitive evidence worth acting on at once.
     */
    public void observeNow(ResourceID store) {
        Watch watch = watches.get(store);
        if (watch != null && watch.verdict != Verdict.ODOWN) {
            executor.execute(() -> round(store, watch));
        }
    }

    /** One observation of one store; TILT when this round starts much later than scheduled. */
    private void round(ResourceID id, Watch watch) {
        synchronized (watch.round) {
            roundOnce(id, watch);
        }
    }

    private void roundOnce(ResourceID id, Watch watch) {
        long start = nowMs();
        boolean stalled = watch.lastRoundEndMs >= 0 && start - watch.lastRoundEndMs > periodMs + TILT_MS;
        if (stalled) {
            LOG.warnf("%s +tilt: the sentinel round ran %d ms late; waiting for fresh observations", id,
                    start - watch.lastRoundEndMs - periodMs);
        }
        try {
            if (++watch.rounds % 10 == 0 && gone(id)) {
                unwatch(id);
                return;
            }
            observe(id, watch, stalled);
        } catch (RuntimeException e) {
            LOG.warnf(e, "sentinel round for %s failed", id);
        }
        watch.lastRoundEndMs = nowMs();
    }

    /** The store was deleted: nothing reconciles it any more, so nothing refreshes its watch. */
    private boolean gone(ResourceID id) {
        return client.resources(ReplicatedStore.class).inNamespace(id.getNamespace().orElse(null))
                .withName(id.getName()).get() == null;
    }

    private void observe(ResourceID id, Watch watch, boolean stalled) {
        Target target = watch.target;
        long now = nowMs();
        if (now - watch.refreshedMs > STALE_MS) {
            unwatch(id);
            return;
        }
        Ping ping = ping(target.masterAddress(), target.password());
        Pod pod = client.pods().inNamespace(target.namespace()).withName(target.master()).get();
        int answering = 0;
        int seeingItDown = 0;
        int linkDown = 0;
        for (NodeAddress replica : target.replicas()) {
            ReplicationInfo info = info(replica, target.password());
            if (info != null && target.masterAddress().host().equals(info.masterHost())) {
                answering++;
                if (info.seesMasterDown(target.downAfterMs(), target.replPingPeriodMs())) {
                    seeingItDown++;
                }
                if (!"up".equals(info.fields().get("master_link_status"))) {
                    linkDown++;
                }
            }
        }
        Verdict verdict;
        Verdict previous;
        String agreement;
        synchronized (watch) {
            if (!watch.target.master().equals(target.master())) {
                return; // re-targeted meanwhile: these observations are of another master
            }
            FailureDetector detector = watch.detector;
            now = nowMs();
            if (stalled) {
                detector.stalled(now);
            }
            detector.ping(now, ping == Ping.VALID, ping == Ping.REFUSED);
            detector.pod(now, NodePods.ready(pod), NodePods.gone(pod));
            detector.replicas(answering, seeingItDown, linkDown);
            verdict = detector.verdict(now, target.downAfterMs(), target.quorum());
            agreement = detector.agreement();
            previous = watch.verdict;
            if (verdict == previous) {
                return;
            }
            watch.verdict = verdict;
        }
        LOG.infof("%s master %s %s", id, target.master(), switch (verdict) {
            case UP -> "-sdown: answers again";
            case SDOWN -> "+sdown: no valid reply for " + target.downAfterMs() + " ms (" + agreement + ")";
            case ODOWN -> "+odown: quorum " + target.quorum() + " reached (" + agreement + ")";
        });
        publish(id, target, previous, verdict);
        wakeUps.propagateEvent(id);
    }

    /** The change as Sentinel's events: +sdown/-sdown and +odown/-odown. */
    private void publish(ResourceID id, Target target, Verdict from, Verdict to) {
        String name = id.getNamespace().orElse("") + "/" + id.getName();
        if (from == Verdict.ODOWN) {
            events.masterState(name, target.masterAddress(), "-odown", "");
        }
        if (from == Verdict.UP) {
            events.masterState(name, target.masterAddress(), "+sdown", "");
        }
        if (to == Verdict.ODOWN) {
            events.masterState(name, target.masterAddress(), "+odown", " #quorum " + target.quorum() + "/"
                    + target.quorum());
        }
        if (to == Verdict.UP) {
            events.masterState(name, target.masterAddress(), "-sdown", "");
        }
    }

    /** VALID: Sentinel's valid replies, +PONG, -LOADING, -MASTERDOWN; REFUSED: nothing listens. */
    private enum Ping { VALID, FAILED, REFUSED }

    private Ping ping(NodeAddress node, String password) {
        StatefulRedisConnection<String, String> cached = connections.get(node);
        if (cached != null && !cached.isOpen()) {
            drop(node); // closed by the other end: a new connection tells whether anything listens
        }
        try {
            connection(node, password).sync().ping();
            return Ping.VALID;
        } catch (RedisException e) {
            String message = String.valueOf(e.getMessage());
            if (message.startsWith("LOADING") || message.startsWith("MASTERDOWN")) {
                return Ping.VALID;
            }
            drop(node);
            return refused(e) ? Ping.REFUSED : Ping.FAILED;
        }
    }

    /** Connection refused: the address answered with a reset, so no process listens on the port. */
    static boolean refused(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.net.ConnectException && !(cause instanceof io.netty.channel.ConnectTimeoutException)) {
                return true;
            }
        }
        return false;
    }

    private ReplicationInfo info(NodeAddress node, String password) {
        try {
            return ReplicationInfo.parse(connection(node, password).sync().info("replication"));
        } catch (RedisException e) {
            drop(node);
            return null;
        }
    }

    private StatefulRedisConnection<String, String> connection(NodeAddress node, String password) {
        Duration timeout = Duration.ofMillis(Math.min(1000, periodMs));
        return connections.computeIfAbsent(node, address -> NodeClient.connect(redis, RedisURI.builder()
                .withHost(address.host()).withPort(address.port()).withPassword(password.toCharArray())
                .withTimeout(timeout).build(), timeout));
    }

    private void drop(NodeAddress node) {
        StatefulRedisConnection<String, String> connection = connections.remove(node);
        if (connection != null) {
            connection.closeAsync();
        }
    }

    private static long nowMs() {
        return System.nanoTime() / 1_000_000;
    }

    @PreDestroy
    void close() {
        executor.shutdownNow();
        connections.values().forEach(StatefulRedisConnection::closeAsync);
        redis.shutdown();
    }
}
