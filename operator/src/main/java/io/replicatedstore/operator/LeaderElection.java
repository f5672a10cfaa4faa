package io.replicatedstore.operator;

import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.util.Optional;

import static io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration.LEASE_DURATION_DEFAULT_VALUE;
import static io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration.RENEW_DEADLINE_DEFAULT_VALUE;
import static io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration.RETRY_PERIOD_DEFAULT_VALUE;

/**
 * Only one operator instance decides roles at a time: the instances compete for a Lease
 * (JOSDK's leader election, active in the prod profile), and the others wait to take over.
 *
 * <p>An instance that loses the Lease while running exits, as JOSDK does, so that only the new
 * leader decides. JOSDK's own exit (exitOnStopLeading) also fires when the operator is stopped on
 * SIGTERM, from inside the JVM's shutdown, and there System.exit deadlocks: the pod then hangs
 * until the kubelet kills it (java-operator-sdk#1614, #3376; fixed after JOSDK 5.2.1). So the
 * exit is done here, and not during a shutdown.
 */
@Singleton
public class LeaderElection {

    private static final Logger LOG = Logger.getLogger(LeaderElection.class);
    private static volatile boolean stopping;

    @Produces
    @Singleton
    LeaderElectionConfiguration leaderElection(
            @ConfigProperty(name = "replicatedstore.lease-name", defaultValue = "replicated-store-operator") String name,
            @ConfigProperty(name = "replicatedstore.lease-namespace") Optional<String> namespace) {
        LeaderCallbacks callbacks = new LeaderCallbacks(() -> { }, LeaderElection::exitUnlessStopping, leader -> { });
        return new LeaderElectionConfiguration(name, namespace.orElse(null), LEASE_DURATION_DEFAULT_VALUE,
                RENEW_DEADLINE_DEFAULT_VALUE, RETRY_PERIOD_DEFAULT_VALUE, null, callbacks, false);
    }

    /** Before JOSDK stops the operator (which cancels the election and so calls onStopLeading). */
    void onShutdown(@Observes @Priority(1) ShutdownEvent event) {
        stopping = true;
    }

    static void exitUnlessStopping() {
        if (stopping || jvmShuttingDown()) {
            return;
        }
        LOG.error("Lost the leader Lease: exiting, so that only the new leader decides");
        // From a thread of its own: this callback runs holding the LeaderElector's lock, which
        // stopping the operator during the exit takes too.
        Thread exit = new Thread(() -> System.exit(1), "lease-lost-exit");
        exit.start();
    }

    /** True once the JVM runs its shutdown hooks (SIGTERM, System.exit): no hook can be added then. */
    static boolean jvmShuttingDown() {
        Thread probe = new Thread(() -> { });
        try {
            Runtime.getRuntime().addShutdownHook(probe);
            Runtime.getRuntime().removeShutdownHook(probe);
            return false;
        } catch (IllegalStateException shutdownInProgress) {
            return true;
        }
    }
}
