package io.replicatedstore.datanode.config;

import io.replicatedstore.datanode.config.SpecialOptions.MasterAddress;
import io.replicatedstore.datanode.config.SpecialOptions.SaveRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConfigLoaderTest {

    @Test
    void defaultsAreRedisDefaults() throws Exception {
        Config config = ConfigLoader.fromArgs(new String[0]);
        assertThat(config.port.get()).isEqualTo(6379);
        assertThat(config.databases.get()).isEqualTo(16);
        assertThat(config.protoMaxBulkLen.get()).isEqualTo(512L * 1024 * 1024);
        assertThat(config.save.get()).containsExactly(new SaveRule(3600, 1), new SaveRule(300, 100), new SaveRule(60, 10000));
        assertThat(config.replicaof.get()).isNull();
        assertThat(config.protectedMode.get()).isTrue();
    }

    @Test
    void fileThenCommandLineOptionsApplyInOrder(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("redis.conf");
        Files.writeString(file, """
                # a comment
                port 7000
                requirepass "pass word"
                save 900 1
                save 60 100
                replicaof primary.example 6380
                repl-backlog-size 2mb
                slave-read-only no
                """);
        Config config = ConfigLoader.fromArgs(new String[] {file.toString(), "--port", "7001", "--maxclients", "5"});
        assertThat(config.port.get()).isEqualTo(7001);
        assertThat(config.requirepass.get()).isEqualTo("pass word");
        // As in Redis, each save line replaces the rules set before it.
        assertThat(config.save.get()).containsExactly(new SaveRule(60, 100));
        assertThat(config.replicaof.get()).isEqualTo(new MasterAddress("primary.example", 6380));
        assertThat(config.replBacklogSize.get()).isEqualTo(2L * 1024 * 1024);
        assertThat(config.replicaReadOnly.get()).isFalse();
        assertThat(config.maxclients.get()).isEqualTo(5);
        assertThat(config.configFile()).isEqualTo(file.toAbsolutePath().toString());
    }

    @Test
    void includeAppliesAnotherFileInPlaceSoLaterLinesWin(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("auth.conf"), "requirepass \"from the file\"\nport 7001\n");
        Path file = Files.writeString(dir.resolve("redis.conf"), "port 7000\ninclude " + secret + "\nmaxclients 77\n");
        Config config = ConfigLoader.fromArgs(new String[] {file.toString(), "--port", "7002"});
        assertThat(config.requirepass.get()).isEqualTo("from the file");
        assertThat(config.maxclients.get()).isEqualTo(77);
        assertThat(config.port.get()).isEqualTo(7002); // the command line comes after every file
    }

    @Test
    void includeWithAGlobTakesEveryMatchInNameOrder(@TempDir Path dir) throws Exception {
        Path parts = Files.createDirectories(dir.resolve("conf.d"));
        Files.writeString(parts.resolve("20-port.conf"), "port 7020\n");
        Files.writeString(parts.resolve("10-port.conf"), "port 7010\nmaxclients 10\n");
        Files.writeString(parts.resolve("skipped.txt"), "port 1\n");
        Config config = ConfigLoader.fromArgs(new String[] {"--include", parts.resolve("*.conf").toString()});
        assertThat(config.port.get()).isEqualTo(7020);
        assertThat(config.maxclients.get()).isEqualTo(10);
        // A glob that matches nothing is no error, as in Redis.
        assertThat(ConfigLoader.fromArgs(new String[] {"--include", dir.resolve("none-*.conf").toString()}).port.get())
                .isEqualTo(6379);
    }

    @Test
    void aMissingIncludeOrAnIncludeLoopIsFatal(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> ConfigLoader.fromArgs(new String[] {"--include", dir.resolve("absent.conf").toString()}))
                .isInstanceOf(ConfigLoader.FatalConfigError.class)
                .hasMessageContaining("Fatal error, can't open config file '" + dir.resolve("absent.conf"));
        Path loop = dir.resolve("loop.conf");
        Files.writeString(loop, "include " + loop + "\n");
        assertThatThrownBy(() -> ConfigLoader.fromArgs(new String[] {loop.toString()}))
                .isInstanceOf(ConfigLoader.FatalConfigError.class)
                .hasMessageContaining("Too many nested includes");
    }

    @Test
    void emptySaveDisablesSnapshots() throws Exception {
        Config config = ConfigLoader.fromArgs(new String[] {"--save", ""});
        assertThat(config.save.get()).isEmpty();
    }

    @Test
    void multiWordCommandLineOptionsWork() throws Exception {
        Config config = ConfigLoader.fromArgs(new String[] {"--replicaof", "10.0.0.1", "6379", "--save", "10", "1", "20", "2"});
        assertThat(config.replicaof.get()).isEqualTo(new MasterAddress("10.0.0.1", 6379));
        assertThat(config.save.get()).containsExactly(new SaveRule(10, 1), new SaveRule(20, 2));
    }

    @Test
    void unknownDirectivesAreFatalWithTheLineShown() {
        assertThatThrownBy(() -> ConfigLoader.fromArgs(new String[] {"--no-such-option", "1"}))
                .isInstanceOf(ConfigLoader.FatalConfigError.class)
                .hasMessageContaining("FATAL CONFIG FILE ERROR")
                .hasMessageContaining(">>> 'no-such-option \"1\"'")
                .hasMessageContaining("Bad directive or wrong number of arguments");
    }

    @Test
    void malformedValuesAreFatalWithTheReason() {
        assertThatThrownBy(() -> ConfigLoader.fromArgs(new String[] {"--port", "abc"}))
                .hasMessageContaining("argument couldn't be parsed into an integer");
        assertThatThrownBy(() -> ConfigLoader.fromArgs(new String[] {"--port", "70000"}))
                .hasMessageContaining("argument must be between 0 and 65535 inclusive");
        assertThatThrownBy(() -> ConfigLoader.fromArgs(new String[] {"--appendonly", "maybe"}))
                .hasMessageContaining("argument must be 'yes' or 'no'");
        assertThatThrownBy(() -> ConfigLoader.fromArgs(new String[] {"--appendfsync", "sometimes"}))
                .hasMessageContaining("argument(s) must be one of the following");
        assertThatThrownBy(() -> ConfigLoader.fromArgs(new String[] {"--proto-max-bulk-len", "12q"}))
                .hasMessageContaining("argument must be a memory value");
        assertThatThrownBy(() -> ConfigLoader.fromArgs(new String[] {"--save", "10"}))
                .hasMessageContaining("Invalid save parameters");
        // As with redis-server, a first argument without "--" names the config file.
        assertThatThrownBy(() -> ConfigLoader.fromArgs(new String[] {"port", "1"}))
                .hasMessageContaining("can't open config file 'port'");
    }

    @Test
    void memoryUnitsFollowRedis() {
        assertThat(MemorySize.parse("1k")).isEqualTo(1000);
        assertThat(MemorySize.parse("1kb")).isEqualTo(1024);
        assertThat(MemorySize.parse("3MB")).isEqualTo(3L * 1024 * 1024);
        assertThat(MemorySize.parse("2g")).isEqualTo(2_000_000_000L);
        assertThat(MemorySize.parse("x")).isEqualTo(-1);
    }

    @Test
    void configGetMatchesNamesAndAliasesByGlob() throws Exception {
        Config config = ConfigLoader.fromArgs(new String[] {"--port", "7002"});
        assertThat(config.matching("port")).containsEntry("port", "7002");
        assertThat(config.matching("repl-backlog-*").keySet()).containsExactlyInAnyOrder("repl-backlog-size", "repl-backlog-ttl");
        assertThat(config.matching("slave-read-only")).containsEntry("slave-read-only", "yes");
        assertThat(List.copyOf(config.matching("nope").keySet())).isEmpty();
    }
}
