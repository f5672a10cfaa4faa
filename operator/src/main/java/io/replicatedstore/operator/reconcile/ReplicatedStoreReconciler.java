package io.replicatedstore.operator.reconcile;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.MaxReconciliationInterval;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.replicatedstore.operator.api.ReplicatedStore;
import io.replicatedstore.operator.api.ReplicatedStoreStatus;
import io.replicatedstore.operator.nodes.NodeAddresses;
import io.replicatedstore.operator.reconcile.StatusReport.Problem;
import io.replicatedstore.operator.resources.Labels;
import io.replicatedstore.operator.resources.Names;
import io.replicatedstore.operator.resources.NodeConfig;
import io.replicatedstore.operator.resources.NodePods;
import io.replicatedstore.operator.sentinel.StoreMonitor;
import jakarta.inject.Inject;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Turns a ReplicatedStore into pods, claims, Services and configuration, keeps one master, and
 * reports what it sees. Each step does one thing; the status is written at the end, and before
 * any promotion.
 */
@ControllerConfiguration(maxReconciliationInterval = @MaxReconciliationInterval(interval = 10, timeUnit = TimeUnit.SECONDS))
public class ReplicatedStoreReconciler implements Reconciler<ReplicatedStore> {

    /** How soon to look again while the store is not settled. */
    static final Duration UNSETTLED = Duration.ofSeconds(1);

    @Inject
    KubernetesClient client;

    @Inject
    OwnedObjects owned;

    @Inject
    Roles roles;

    @Inject
    StoreEvents events;

    @Inject
    Rollout rollout;

    @Inject
    StoreMonitor monitor;

    @Inject
    NodeAddresses addresses;

    @Override
    public List<EventSource<?, ReplicatedStore>> prepareEventSources(EventSourceContext<ReplicatedStore> context) {
        // Pod changes (readiness, deletion) wake the store up at once.
        // The sentinel monitor wakes a store when its master is judged down (or up again).
        return List.of(new InformerEventSource<>(InformerEventSourceConfiguration.from(Pod.class, ReplicatedStore.class)
                .withLabelSelector(Labels.MANAGED_BY + "=replicated-store-operator")
                .build(), context), monitor.wakeUps());
    }

    @Override
    public UpdateControl<ReplicatedStore> reconcile(ReplicatedStore cached, Context<ReplicatedStore> context) {
        // Roles are decided from the status as the API server has it now: the informer's copy can
        // lag our own last write, and acting on an old master from it would demote the new one.
        ReplicatedStore store = client.resource(cached).get();
        if (store == null) {
            return UpdateControl.noUpdate();
        }
        if (store.getStatus() == null) {
            store.setStatus(new ReplicatedStoreStatus());
        }
        String before = Serialization.asJson(store.getStatus());

        Optional<String> password = owned.password(store);
        if (password.isEmpty()) {
            String message = "Secret " + Names.authSecret(store) + " with key " + store.getSpec().auth.secretKey
                    + " not found; nothing was changed";
            StatusReport.conditions(store, store.getStatus().master, null, new Problem("SecretNotFound", message));
            return finish(store, before, false);
        }

        owned.applyShared(store, password.get());
        String progress = createMissingNodes(store);
        List<Pod> pods = owned.pods(store);
        String scaleDown = removeExtraNodes(store, pods);
        progress = progress != null ? progress : scaleDown;

        // Every pod is observed, those being scaled away too: one of them may still be master.
        List<ObservedNode> observed = roles.observe(store, pods, password.get());
        Optional<String> master = roles.reconcile(store, observed, password.get());
        if (master.isEmpty() && progress == null) {
            progress = store.getStatus().master == null
                    ? "waiting for every data node to answer before choosing the master"
                    : "master " + store.getStatus().master + " does not answer as master";
        }
        master.ifPresent(pod -> {
            store.getStatus().master = pod;
            store.getStatus().targetMaster = pod;
        });
        if (master.isPresent()) {
            String step = rollout.step(store, pods, observed, master.get(), password.get());
            progress = step != null ? step : progress;
        }
        watch(store, master.orElse(store.getStatus().master), pods, observed, password.get());
        StatusReport.nodes(store, observed, master.orElse(null));
        StatusReport.conditions(store, master.orElse(null), progress, null);
        return finish(store, before, "Running".equals(store.getStatus().phase));
    }

    /**
     * Tells the sentinel monitor which master to watch, and through which replicas; and to look
     * at once when the master's pod shows it gone (the pod event woke this pass).
     */
    private void watch(ReplicatedStore store, String master, List<Pod> pods, List<ObservedNode> observed,
                       String password) {
        if (master == null) {
            monitor.unwatch(ResourceID.fromResource(store));
            return;
        }
        var sentinel = store.getSpec().sentinel;
        monitor.watch(ResourceID.fromResource(store), new StoreMonitor.Target(store.getMetadata().getNamespace(), master,
                addresses.of(store, master),
                observed.stream().filter(n -> !n.pod().equals(master)).map(ObservedNode::address).toList(),
                password, sentinel.downAfterMilliseconds, sentinel.quorum, 1000L * NodeConfig.replPingReplicaPeriod(store)));
        if (pods.stream().filter(pod -> pod.getMetadata().getName().equals(master)).anyMatch(NodePods::gone)) {
            monitor.observeNow(ResourceID.fromResource(store));
        }
    }

    private String createMissingNodes(ReplicatedStore store) {
        String progress = null;
        for (int ordinal = 0; ordinal < store.getSpec().replicas; ordinal++) {
            if (owned.ensureNode(store, ordinal)) {
                events.normal(store, "CreatedPod", "created data node " + Names.pod(store, ordinal));
                progress = "creating data nodes";
            }
        }
        return progress;
    }

    /** Scale down: the highest ordinals go, but never the master (it is switched over first). */
    private String removeExtraNodes(ReplicatedStore store, List<Pod> pods) {
        String progress = null;
        for (Pod pod : pods) {
            String name = pod.getMetadata().getName();
            int ordinal = Names.ordinal(store, name);
            if (ordinal < store.getSpec().replicas || pod.getMetadata().getDeletionTimestamp() != null) {
                continue;
            }
            if (name.equals(store.getStatus().master)) {
                progress = "scale down waits: " + name + " is master and must be switched over first";
                continue;
            }
            owned.deleteNode(store, ordinal);
            events.normal(store, "DeletedPod", "scaled down: deleted data node " + name);
            progress = "scaling down";
        }
        return progress;
    }

    private UpdateControl<ReplicatedStore> finish(ReplicatedStore store, String before, boolean settled) {
        if (!Objects.equals(before, Serialization.asJson(store.getStatus()))) {
            client.resource(store).updateStatus();
        }
        UpdateControl<ReplicatedStore> control = UpdateControl.noUpdate();
        return settled ? control : control.rescheduleAfter(UNSETTLED);
    }
}
