package io.replicatedstore.operator.sentinel;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.replicatedstore.operator.api.ReplicatedStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Duration;

/**
 * Prometheus metrics of role changes (at /q/metrics): replicatedstore_failovers_total by kind
 * (failover, switchover, election), how long detection and promotion took, and the replication
 * offset lost (the old master's last known offset minus the new master's at promotion).
 */
@ApplicationScoped
public class FailoverMetrics {

    @Inject
    MeterRegistry registry;

    /** An objectively down master was replaced. */
    public void failedOver(ReplicatedStore store, Duration detection, Duration promotion, long lostOffset) {
        count(store, "failover");
        Timer.builder("replicatedstore.failure.detection").description("Last valid reply of a master to its failover")
                .tags(tags(store)).register(registry).record(detection);
        Timer.builder("replicatedstore.failover.duration").description("Promotion of the new master, status write included")
                .tags(tags(store)).register(registry).record(promotion);
        DistributionSummary.builder("replicatedstore.failover.lost.offset").baseUnit("bytes")
                .description("Old master's last known offset minus the new master's at promotion")
                .tags(tags(store)).register(registry).record(Math.max(0, lostOffset));
    }

    /** A planned switchover completed, or a master was elected (bootstrap, full restart). */
    public void changed(ReplicatedStore store, String kind) {
        count(store, kind);
    }

    private void count(ReplicatedStore store, String kind) {
        registry.counter("replicatedstore.failovers", tags(store).and("kind", kind)).increment();
    }

    private static Tags tags(ReplicatedStore store) {
        return Tags.of("namespace", store.getMetadata().getNamespace(), "store", store.getMetadata().getName());
    }
}
