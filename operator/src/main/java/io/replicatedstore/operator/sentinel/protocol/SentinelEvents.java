package io.replicatedstore.operator.sentinel.protocol;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.replicatedstore.operator.api.ReplicatedStore;
import io.replicatedstore.operator.nodes.NodeAddress;
import io.replicatedstore.operator.nodes.NodeAddresses;
import io.replicatedstore.operator.sentinel.MasterStateEvents;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sentinel's Pub/Sub events (+switch-master, +sdown, +odown, ...), with Redis Sentinel's channel
 * names and message formats, delivered to the clients subscribed on the Sentinel endpoint.
 * +switch-master follows the stores' status (status.master), so every operator instance
 * announces it, the standby ones too; +sdown and +odown come from the leader's monitor.
 */
@ApplicationScoped
public class SentinelEvents implements MasterStateEvents {

    /** A client connection with subscriptions. */
    interface Subscriber {
        void deliver(String channel, String message);
    }

    private final Set<Subscriber> subscribers = ConcurrentHashMap.newKeySet();

    @Inject
    NodeAddresses addresses;

    @Inject
    WatchedStores stores;

    private volatile List<SharedIndexInformer<ReplicatedStore>> informers;
    private volatile boolean running = true;

    /** Watches the stores once their CRD is there (at start it may not be installed yet). */
    void start(@Observes StartupEvent startup) {
        Thread thread = new Thread(() -> {
            while (running && informers == null) {
                try {
                    informers = stores.inform(masterChanges());
                } catch (KubernetesClientException e) {
                    sleep();
                }
            }
        }, "sentinel-events");
        thread.setDaemon(true);
        thread.start();
    }

    private static void sleep() {
        try {
            Thread.sleep(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private ResourceEventHandler<ReplicatedStore> masterChanges() {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(ReplicatedStore store) {
            }

            @Override
            public void onUpdate(ReplicatedStore before, ReplicatedStore after) {
                if (before.getStatus() != null && after.getStatus() != null && after.getStatus().master != null) {
                    switchMaster(after, before.getStatus().master, after.getStatus().master);
                }
            }

            @Override
            public void onDelete(ReplicatedStore store, boolean unknownFinalState) {
            }
        };
    }

    void stop(@Observes ShutdownEvent shutdown) {
        running = false;
        List<SharedIndexInformer<ReplicatedStore>> watching = informers;
        if (watching != null) {
            watching.forEach(SharedIndexInformer::close);
        }
    }

    void subscribe(Subscriber subscriber) {
        subscribers.add(subscriber);
    }

    void unsubscribe(Subscriber subscriber) {
        subscribers.remove(subscriber);
    }

    public void publish(String channel, String message) {
        for (Subscriber subscriber : subscribers) {
            subscriber.deliver(channel, message);
        }
    }

    /** {@code +switch-master <name> <old ip> <old port> <new ip> <new port>}: clients move to the new master. */
    public void switchMaster(ReplicatedStore store, String oldMaster, String newMaster) {
        if (oldMaster == null || oldMaster.equals(newMaster)) {
            return;
        }
        NodeAddress from = addresses.of(store, oldMaster);
        NodeAddress to = addresses.of(store, newMaster);
        publish("+switch-master", SentinelView.name(store) + " " + from.host() + " " + from.port() + " " + to.host()
                + " " + to.port());
        publish("+failover-end", "master " + SentinelView.name(store) + " " + from.host() + " " + from.port());
    }

    /** +sdown, -sdown, +odown, -odown for a master: {@code master <name> <ip> <port>[ <details>]}. */
    @Override
    public void masterState(String name, NodeAddress master, String event, String details) {
        publish(event, "master " + name + " " + master.host() + " " + master.port() + details);
    }
}
