package io.replicatedstore.datanode.testing;

import io.replicatedstore.datanode.DataNode;
import io.replicatedstore.datanode.util.Clock;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.net.InetSocketAddress;

/**
 * A {@link TestNode} shared by the tests of one class: started before the first, closed after
 * the last. Register it in a static field:
 *
 * <pre>{@code @RegisterExtension
 * static final NodeExtension node = NodeExtension.start("--requirepass", "secret");}</pre>
 *
 * With {@link #flushedBeforeEach()} every test starts from empty databases.
 */
public final class NodeExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {

    private final String[] options;
    private final boolean flushBeforeEach;
    private final Clock clock;
    private TestNode node;

    private NodeExtension(String[] options, boolean flushBeforeEach, Clock clock) {
        this.options = options;
        this.flushBeforeEach = flushBeforeEach;
        this.clock = clock;
    }

    /** A node with these redis.conf style options ("--name", "value" pairs), started before the class's tests. */
    public static NodeExtension start(String... options) {
        return new NodeExtension(options.clone(), false, Clock.SYSTEM);
    }

    /** The same node, with a FLUSHALL before each test. */
    public NodeExtension flushedBeforeEach() {
        return new NodeExtension(options, true, clock);
    }

    /** The same node, reading the time from {@code clock} (a {@link ManualClock} moves it by hand). */
    public NodeExtension withClock(Clock clock) {
        return new NodeExtension(options, flushBeforeEach, clock);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        node = TestNode.start(clock, options);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (node != null) {
            node.close();
            node = null;
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        if (flushBeforeEach) {
            try (RespClient client = client()) {
                client.call("FLUSHALL");
            }
        }
    }

    private TestNode started() {
        if (node == null) {
            throw new IllegalStateException("the node runs only while the test class does (is the field static?)");
        }
        return node;
    }

    public int port() {
        return started().port();
    }

    public InetSocketAddress address() {
        return started().address();
    }

    /** The data node itself, for looking at server state. */
    public DataNode node() {
        return started().node();
    }

    /** A new raw RESP connection to the node; the caller closes it. */
    public RespClient client() {
        return started().client();
    }
}
