package io.replicatedstore.operator.reconcile;

import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.replicatedstore.operator.api.ReplicatedStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.UUID;

/** Records Kubernetes Events on a store (kubectl describe rstore shows them) and logs them. */
@ApplicationScoped
public class StoreEvents {

    private static final Logger LOG = Logger.getLogger(StoreEvents.class);

    @Inject
    KubernetesClient client;

    void normal(ReplicatedStore store, String reason, String message) {
        record(store, "Normal", reason, message);
    }

    void warning(ReplicatedStore store, String reason, String message) {
        record(store, "Warning", reason, message);
    }

    private void record(ReplicatedStore store, String type, String reason, String message) {
        String namespace = store.getMetadata().getNamespace();
        LOG.infof("%s/%s %s %s: %s", namespace, store.getMetadata().getName(), type, reason, message);
        String now = Instant.now().toString();
        try {
            client.v1().events().inNamespace(namespace).resource(new EventBuilder()
                    .withNewMetadata()
                    .withName(store.getMetadata().getName() + "." + UUID.randomUUID().toString().substring(0, 8))
                    .withNamespace(namespace)
                    .endMetadata()
                    .withNewInvolvedObject()
                    .withApiVersion(store.getApiVersion()).withKind(store.getKind())
                    .withName(store.getMetadata().getName()).withNamespace(namespace)
                    .withUid(store.getMetadata().getUid())
                    .endInvolvedObject()
                    .withType(type).withReason(reason).withMessage(message)
                    .withFirstTimestamp(now).withLastTimestamp(now).withCount(1)
                    .withNewSource("replicated-store-operator", null)
                    .withReportingComponent("replicated-store-operator")
                    .build()).create();
        } catch (KubernetesClientException e) {
            LOG.warnf("could not record event %s on %s: %s", reason, store.getMetadata().getName(), e.getMessage());
        }
    }
}
