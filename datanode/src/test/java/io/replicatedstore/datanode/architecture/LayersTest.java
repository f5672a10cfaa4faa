package io.replicatedstore.datanode.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/**
 * The data node's lower layers, as the build enforces them: the keyspace ({@code store}), the
 * RESP codec, the RDB format, configuration and the small utilities know nothing of the server,
 * the commands, replication or persistence above them, and the keyspace and the RDB format know
 * nothing of the network.
 */
class LayersTest {

    private static final String ROOT = "io.replicatedstore.datanode";
    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);
    private static final String[] UPPER = {ROOT + ".server..", ROOT + ".command..", ROOT + ".replication..",
            ROOT + ".persist", ROOT + ".persist.aof.."};

    @Test
    void theLowerLayersDependOnNothingAboveThem() {
        noClasses().that().resideInAnyPackage(ROOT + ".store..", ROOT + ".resp..", ROOT + ".persist.rdb..",
                        ROOT + ".config..", ROOT + ".util..", ROOT + ".error..")
                .should().dependOnClassesThat().resideInAnyPackage(UPPER)
                .orShould().dependOnClassesThat().haveFullyQualifiedName(ROOT + ".DataNode")
                .check(MAIN);
    }

    @Test
    void theKeyspaceAndTheRdbFormatKnowNothingOfTheNetwork() {
        noClasses().that().resideInAnyPackage(ROOT + ".store..", ROOT + ".persist.rdb..")
                .should().dependOnClassesThat().resideInAnyPackage("io.netty.channel..", "io.netty.handler..")
                .check(MAIN);
    }
}
