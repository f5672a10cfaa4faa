package io.replicatedstore.operator.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The operator's layers, as the build enforces them: {@code api} (the CRD's classes) and
 * {@code resources} (pure builders of Kubernetes objects) know nothing of the control loop, the
 * sentinel or the data node client, and no two packages depend on each other.
 */
class LayersTest {

    private static final String ROOT = "io.replicatedstore.operator";
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    @Test
    void noPackageCycles() {
        slices().matching(ROOT + ".(**)").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void theApiDependsOnNoOtherPackageOfTheOperator() {
        noClasses().that().resideInAPackage(ROOT + ".api..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".resources..", ROOT + ".nodes..",
                        ROOT + ".reconcile..", ROOT + ".sentinel..")
                .check(MAIN);
    }

    @Test
    void builtObjectsArePureFunctionsOfTheStore() {
        noClasses().that().resideInAPackage(ROOT + ".resources..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".nodes..", ROOT + ".reconcile..",
                        ROOT + ".sentinel..", "io.fabric8.kubernetes.client.dsl..", "io.javaoperatorsdk..",
                        "io.lettuce..", "jakarta.inject..")
                .check(MAIN);
    }

    @Test
    void theSentinelProtocolEndpointDoesNotReachIntoTheControlLoop() {
        noClasses().that().resideInAPackage(ROOT + ".sentinel..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".reconcile..")
                .check(MAIN);
    }
}
