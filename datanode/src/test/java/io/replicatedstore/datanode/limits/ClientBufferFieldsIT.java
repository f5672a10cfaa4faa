package io.replicatedstore.datanode.limits;

import io.replicatedstore.datanode.testing.RedisAndDataNode;
import io.replicatedstore.datanode.testing.RespClient;
import io.replicatedstore.datanode.testing.ServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static io.replicatedstore.datanode.limits.MisbehavingClients.await;
import static io.replicatedstore.datanode.limits.MisbehavingClients.clientLine;
import static io.replicatedstore.datanode.limits.MisbehavingClients.command;
import static io.replicatedstore.datanode.limits.MisbehavingClients.field;
import static io.replicatedstore.datanode.limits.MisbehavingClients.nonReader;
import static io.replicatedstore.datanode.limits.MisbehavingClients.send;
import static org.assertj.core.api.Assertions.assertThat;

/** CLIENT LIST / CLIENT INFO buffer fields and INFO clients, beside Debian's redis-server. */
class ClientBufferFieldsIT {

    @RegisterExtension
    static final RedisAndDataNode servers = new RedisAndDataNode();

    private static List<String> names(String line) {
        List<String> names = new ArrayList<>();
        for (String part : line.trim().split(" ")) {
            names.add(part.substring(0, part.indexOf('=')));
        }
        return names;
    }

    @Test
    void clientListAndInfoHaveRedisFieldsAndShowTheRunningCommandInQbuf() {
        for (String sub : new String[] {"LIST", "INFO"}) {
            String theirs;
            String mine;
            try (RespClient redis = servers.redis().client(); RespClient node = servers.dataNode().client()) {
                theirs = String.valueOf(redis.call("CLIENT", sub)).trim();
                mine = String.valueOf(node.call("CLIENT", sub)).trim();
            }
            assertThat(names(mine)).isEqualTo(names(theirs));
            // As Redis's unit/introspection test: the request being run is in the query buffer, no output yet.
            for (String line : new String[] {theirs, mine}) {
                assertThat(line).contains(" qbuf=26 ", " multi-mem=0 ", " obl=0 oll=0 omem=0 ", " events=r ");
                assertThat(field(line, "argv-mem")).isPositive();
                assertThat(field(line, "tot-mem")).isPositive();
            }
        }
    }

    @Test
    void aClientThatDoesNotReadShowsItsOutputInOmemAndInTheRecentMaximum() throws Exception {
        for (ServerProcess server : new ServerProcess[] {servers.redis(), servers.dataNode()}) {
            try (RespClient admin = server.client(); Socket hog = nonReader(server.port())) {
                admin.call("SET", "fields-big", "a".repeat(1024 * 1024));
                send(hog, command("CLIENT", "SETNAME", "fields-hog") + command("GET", "fields-big").repeat(20));
                assertThat(await(Duration.ofSeconds(30), () -> {
                    String line = clientLine(admin, "fields-hog");
                    return line != null && field(line, "omem") > 1024 * 1024;
                })).as("omem shows the unsent replies").isTrue();
                String line = clientLine(admin, "fields-hog");
                assertThat(field(line, "oll")).isPositive();
                assertThat(field(line, "tot-mem")).isGreaterThan(field(line, "omem"));
                assertThat(await(Duration.ofSeconds(10), () -> Long.parseLong(
                        server.info("clients").get("client_recent_max_output_buffer")) > 1024 * 1024)).isTrue();
                admin.call("DEL", "fields-big");
            }
        }
    }
}
