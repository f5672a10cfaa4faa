package io.replicatedstore.operator.resources;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A data node container's resources: what the operator fills in where the spec is silent, and
 * the {@code maxmemory} it derives from the memory limit, so a node enforces its limit by
 * accounting (refusing writes with -OOM, or evicting) long before the kernel kills the container.
 */
public final class NodeMemory {

    /** Memory request and limit when the spec gives neither: equal, so the pod's memory is guaranteed. */
    static final Quantity DEFAULT_MEMORY = new Quantity("512Mi");
    /** A CPU request when the spec gives none; never a CPU limit (throttling shows as latency). */
    static final Quantity DEFAULT_CPU = new Quantity("100m");
    /** The heap's share of the container's memory: the image runs the JVM with -XX:MaxRAMPercentage=75. */
    static final double HEAP_SHARE = 0.75;
    /**
     * The dataset's share of the heap. The rest holds what a snapshot preserves while it runs
     * (forkless: a key written before it is serialized keeps its old value until then), client
     * and replication buffers, and the collector's room to work; docs/memory.md has the figures.
     */
    static final double DATASET_SHARE_OF_HEAP = 0.6;

    private NodeMemory() {
    }

    /**
     * The spec's resources with the gaps filled: a memory limit equal to the request (or the
     * request to the limit, as Kubernetes does), both {@link #DEFAULT_MEMORY} when neither is
     * given, and a {@link #DEFAULT_CPU} request when no CPU is given at all.
     */
    public static ResourceRequirements resources(ResourceRequirements spec) {
        Map<String, Quantity> requests = new LinkedHashMap<>();
        Map<String, Quantity> limits = new LinkedHashMap<>();
        if (spec != null) {
            if (spec.getRequests() != null) {
                requests.putAll(spec.getRequests());
            }
            if (spec.getLimits() != null) {
                limits.putAll(spec.getLimits());
            }
        }
        Quantity memory = limits.getOrDefault("memory", requests.getOrDefault("memory", DEFAULT_MEMORY));
        limits.putIfAbsent("memory", memory);
        requests.putIfAbsent("memory", memory);
        if (!requests.containsKey("cpu") && !limits.containsKey("cpu")) {
            requests.put("cpu", DEFAULT_CPU);
        }
        return new ResourceRequirementsBuilder(spec == null ? new ResourceRequirements() : spec)
                .withRequests(requests).withLimits(limits).build();
    }

    /** The maxmemory for a container with these resources: a share of its heap, which is a share of its limit. */
    public static OptionalLong maxmemory(ResourceRequirements resources) {
        Quantity limit = resources.getLimits() == null ? null : resources.getLimits().get("memory");
        if (limit == null) {
            return OptionalLong.empty();
        }
        BigDecimal bytes = Quantity.getAmountInBytes(limit);
        return OptionalLong.of((long) (bytes.doubleValue() * HEAP_SHARE * DATASET_SHARE_OF_HEAP));
    }
}
