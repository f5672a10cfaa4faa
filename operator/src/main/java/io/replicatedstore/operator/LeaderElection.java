package io.replicatedstore.operator;

import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Optional;

/**
 * Only one operator instance decides roles at a time: the instances compete for a Lease
 * (JOSDK's leader election, active in the prod profile), and the others wait to take over.
 */
@Singleton
public class LeaderElection {

    @Produces
    @Singleton
    LeaderElectionConfiguration leaderElection(
            @ConfigProperty(name = "replicatedstore.lease-name", defaultValue = "replicated-store-operator") String name,
            @ConfigProperty(name = "replicatedstore.lease-namespace") Optional<String> namespace) {
        return namespace.map(ns -> new LeaderElectionConfiguration(name, ns)).orElseGet(() -> new LeaderElectionConfiguration(name));
    }
}
