package io.replicatedstore.datanode.testing;

import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.fail;

/**
 * Connections for testing blocking commands on a {@link NodeExtension}'s node: a control
 * connection to add data and watch the server, and clients that may block, all closed after
 * each test. Each test starts once no client of an earlier one is still blocked. Register it in
 * an instance field:
 *
 * <pre>{@code @RegisterExtension
 * final BlockingClients clients = new BlockingClients(node);}</pre>
 */
public final class BlockingClients implements BeforeEachCallback, AfterEachCallback {

    private static final Pattern BLOCKED = Pattern.compile("blocked_clients:(\\d+)");
    /** Every wait is bounded, so a wrong server fails the test instead of hanging it. */
    private static final int TIMEOUT_MS = 5000;

    private final NodeExtension node;
    private final List<RespClient> opened = new ArrayList<>();
    private RespClient control;

    public BlockingClients(NodeExtension node) {
        this.node = node;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        control = node.client();
        awaitBlocked(0);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        opened.forEach(RespClient::close);
        opened.clear();
        if (control != null) {
            control.close();
        }
    }

    /** The connection that never blocks. */
    public RespClient control() {
        return control;
    }

    /** A new connection with a bounded read timeout, closed after the test. */
    public RespClient open() {
        RespClient client = node.client();
        client.timeout(TIMEOUT_MS);
        opened.add(client);
        return client;
    }

    /** Waits (bounded) until the server counts {@code n} blocked clients. */
    public void awaitBlocked(int n) {
        long deadline = System.currentTimeMillis() + TIMEOUT_MS;
        int blocked = -1;
        while (System.currentTimeMillis() < deadline) {
            Matcher m = BLOCKED.matcher(String.valueOf(control.call("INFO", "clients")));
            if (m.find()) {
                blocked = Integer.parseInt(m.group(1));
                if (blocked == n) {
                    return;
                }
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        fail("expected " + n + " blocked clients, saw " + blocked);
    }
}
