package io.replicatedstore.operator.reconcile;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;

/** Status conditions as the Kubernetes API conventions have them: the transition time moves only on a change. */
final class Conditions {

    static final String READY = "Ready";
    static final String AVAILABLE = "Available";
    static final String PROGRESSING = "Progressing";
    static final String DEGRADED = "Degraded";

    private Conditions() {
    }

    static void set(List<Condition> conditions, String type, boolean status, String reason, String message,
                    long generation) {
        String value = status ? "True" : "False";
        Condition existing = conditions.stream().filter(c -> c.getType().equals(type)).findFirst().orElse(null);
        String since = existing != null && value.equals(existing.getStatus())
                ? existing.getLastTransitionTime()
                : Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        conditions.removeIf(c -> c.getType().equals(type));
        conditions.add(new ConditionBuilder().withType(type).withStatus(value).withReason(reason).withMessage(message)
                .withObservedGeneration(generation).withLastTransitionTime(since).build());
        conditions.sort(Comparator.comparing(Condition::getType));
    }
}
