package io.replicatedstore.datanode.interop;

import io.replicatedstore.datanode.resp.InlineSplitter;
import io.replicatedstore.datanode.testing.RedisAndDataNode;
import io.replicatedstore.datanode.testing.RespClient;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Runs every script in src/test/resources/differential against Debian's redis-server 7.0 and the
 * data node, in RESP2 and RESP3, and compares the replies line by line.
 *
 * <p>Script format: a command per line in redis-cli quoting; '#' comments; a line prefixed
 * "~ " has an unordered reply (compared as sorted); "? " a reply that differs by nature
 * (timestamps, random picks), of which only "error or not" is compared.
 */
class DifferentialIT {

    @RegisterExtension
    static final RedisAndDataNode servers = new RedisAndDataNode();

    @TestFactory
    Stream<DynamicTest> scriptsGiveTheSameRepliesAsRedis() throws IOException, URISyntaxException {
        URL dir = getClass().getClassLoader().getResource("differential");
        assertThat(dir).as("differential scripts directory").isNotNull();
        List<Path> scripts;
        try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
            scripts = files.filter(p -> p.toString().endsWith(".redis")).sorted().toList();
        }
        assertThat(scripts).isNotEmpty();
        List<DynamicTest> tests = new ArrayList<>();
        for (Path script : scripts) {
            for (int protocol : new int[] {2, 3}) {
                tests.add(DynamicTest.dynamicTest(script.getFileName() + " RESP" + protocol,
                        () -> run(script, protocol)));
            }
        }
        return tests.stream();
    }

    private void run(Path script, int protocol) throws IOException {
        List<String> lines = Files.readAllLines(script, StandardCharsets.UTF_8);
        try (RespClient theirs = servers.redis().client(); RespClient mine = servers.dataNode().client()) {
            for (RespClient client : List.of(theirs, mine)) {
                client.call("FLUSHALL");
                if (protocol == 3) {
                    client.call("HELLO", "3");
                }
            }
            for (int n = 0; n < lines.size(); n++) {
                String line = lines.get(n).strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                Mode mode = Mode.EXACT;
                if (line.startsWith("~ ")) {
                    mode = Mode.UNORDERED;
                    line = line.substring(2);
                } else if (line.startsWith("? ")) {
                    mode = Mode.ANY;
                    line = line.substring(2);
                }
                byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
                byte[][] argv = InlineSplitter.split(bytes, bytes.length);
                Object[] args = argv;
                Object expected = theirs.call(args);
                Object actual = mine.call(args);
                String where = script.getFileName() + ":" + (n + 1) + " RESP" + protocol + " `" + line + "`";
                compare(where, mode, expected, actual);
            }
        }
    }

    private enum Mode { EXACT, UNORDERED, ANY }

    private static void compare(String where, Mode mode, Object expected, Object actual) {
        switch (mode) {
            case EXACT -> {
                if (!canonical(expected, false).equals(canonical(actual, false))) {
                    fail(where + "\n  redis:    " + canonical(expected, false) + "\n  datanode: " + canonical(actual, false));
                }
            }
            case UNORDERED -> {
                if (!canonical(expected, true).equals(canonical(actual, true))) {
                    fail(where + "\n  redis:    " + canonical(expected, true) + "\n  datanode: " + canonical(actual, true));
                }
            }
            case ANY -> {
                boolean expectedError = expected instanceof RespClient.Error;
                boolean actualError = actual instanceof RespClient.Error;
                if (expectedError != actualError) {
                    fail(where + "\n  redis:    " + expected + "\n  datanode: " + actual);
                }
            }
        }
    }

    /** A printable normal form; with {@code sorted}, collections are compared as sorted. */
    static String canonical(Object reply, boolean sorted) {
        if (reply == null) {
            return "(nil)";
        }
        if (reply instanceof RespClient.Push push) {
            return ">" + canonical(push.items(), sorted);
        }
        if (reply instanceof Map<?, ?> map) {
            List<String> entries = new ArrayList<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                entries.add(canonical(e.getKey(), sorted) + "=" + canonical(e.getValue(), sorted));
            }
            if (sorted) {
                entries.sort(null);
            }
            return "%" + entries;
        }
        if (reply instanceof Collection<?> items) {
            List<String> parts = new ArrayList<>();
            for (Object item : items) {
                parts.add(canonical(item, sorted));
            }
            boolean isSet = reply instanceof java.util.Set<?>;
            if (sorted || isSet) {
                parts.sort(null);
            }
            return (isSet ? "~" : "*") + parts;
        }
        if (reply instanceof String s) {
            return "\"" + s + "\"";
        }
        if (reply instanceof Double d) {
            return "," + d;
        }
        return String.valueOf(reply);
    }

}
