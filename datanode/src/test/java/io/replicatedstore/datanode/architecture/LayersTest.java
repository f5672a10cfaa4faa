package io.replicatedstore.datanode.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The data node's layers, as the build enforces them, from the bottom:
 * <ol>
 * <li>foundation: error strings, the RESP codec, small utilities (the clock), configuration;</li>
 * <li>data: the keyspace ({@code store}), eviction, the RDB format;</li>
 * <li>server: the network and client core (clients, pub/sub, blocking, limits, memory, the
 * propagation stream), which knows nothing of commands, replication or persistence;</li>
 * <li>persistence: RDB saving and loading ({@code persist}), then the AOF;</li>
 * <li>replication, which uses both to sync replicas;</li>
 * <li>commands: the command table, context and dispatcher ({@code command});</li>
 * <li>command families ({@code command.<family>});</li>
 * <li>the node ({@code DataNode}, {@code Commands}), which wires them together.</li>
 * </ol>
 * Each may use only those below it, and no two packages depend on each other.
 */
class LayersTest {

    private static final String ROOT = "io.replicatedstore.datanode";
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    @Test
    void noTwoPackagesDependOnEachOther() {
        slices().matching(ROOT + ".(**)").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void eachLayerUsesOnlyTheLayersBelowIt() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("Foundation").definedBy(ROOT + ".error..", ROOT + ".resp..", ROOT + ".util..", ROOT + ".config..")
                .layer("Data").definedBy(ROOT + ".store..", ROOT + ".eviction..", ROOT + ".persist.rdb..")
                .layer("Server").definedBy(ROOT + ".server..")
                .layer("Persistence").definedBy(ROOT + ".persist")
                .layer("Aof").definedBy(ROOT + ".persist.aof..")
                .layer("Replication").definedBy(ROOT + ".replication..")
                .layer("Commands").definedBy(ROOT + ".command")
                .layer("CommandFamilies").definedBy(ROOT + ".command.*..")
                .layer("Node").definedBy(ROOT)
                .whereLayer("Node").mayNotBeAccessedByAnyLayer()
                .whereLayer("CommandFamilies").mayOnlyBeAccessedByLayers("Node")
                .whereLayer("Commands").mayOnlyBeAccessedByLayers("CommandFamilies", "Node")
                .whereLayer("Replication").mayOnlyBeAccessedByLayers("Commands", "CommandFamilies", "Node")
                .whereLayer("Aof").mayOnlyBeAccessedByLayers("Replication", "Commands", "CommandFamilies", "Node")
                .whereLayer("Persistence")
                .mayOnlyBeAccessedByLayers("Aof", "Replication", "Commands", "CommandFamilies", "Node")
                .whereLayer("Server")
                .mayOnlyBeAccessedByLayers("Persistence", "Aof", "Replication", "Commands", "CommandFamilies", "Node")
                .whereLayer("Data").mayOnlyBeAccessedByLayers("Server", "Persistence", "Aof", "Replication", "Commands",
                        "CommandFamilies", "Node")
                .check(MAIN);
    }

    @Test
    void theLowerLayersDependOnNothingAboveThem() {
        // Within the foundation and data layers too: the keyspace, the codec and the RDB format
        // know nothing of the rest (the layer rule above allows data to use the foundation).
        noClasses().that().resideInAnyPackage(ROOT + ".store..", ROOT + ".resp..", ROOT + ".persist.rdb..",
                        ROOT + ".config..", ROOT + ".util..", ROOT + ".error..")
                .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".server..", ROOT + ".command..",
                        ROOT + ".replication..", ROOT + ".persist", ROOT + ".persist.aof..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName(ROOT + ".DataNode")
                .check(MAIN);
    }

    @Test
    void theKeyspaceAndTheRdbFormatKnowNothingOfTheNetwork() {
        noClasses().that().resideInAnyPackage(ROOT + ".store..", ROOT + ".persist.rdb..")
                .should().dependOnClassesThat().resideInAnyPackage("io.netty.channel..", "io.netty.handler..")
                .check(MAIN);
    }

    @Test
    void onlyTheClockReadsTheSystemTime() {
        noClasses().that().doNotHaveFullyQualifiedName(ROOT + ".util.Clock")
                .and().doNotHaveFullyQualifiedName(ROOT + ".util.Clock$1")
                .should().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(System.class, "nanoTime")
                .orShould().callMethod(java.time.Instant.class, "now")
                .check(MAIN);
    }
}
