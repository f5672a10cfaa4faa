package io.replicatedstore.datanode.testing;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Debian's redis-server and the packaged data node, each in its own process, for a test class
 * that compares their answers: both started before its first test, stopped after its last.
 * Register it in a static field:
 *
 * <pre>{@code @RegisterExtension
 * static final RedisAndDataNode servers = new RedisAndDataNode();}</pre>
 */
public final class RedisAndDataNode implements BeforeAllCallback, AfterAllCallback {

    private final String[] options;
    private ServerProcess redis;
    private ServerProcess dataNode;

    /** @param options the same extra options for both servers, e.g. {@code "--enable-debug-command", "yes"} */
    public RedisAndDataNode(String... options) {
        this.options = options.clone();
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        redis = ServerProcess.redis(options);
        dataNode = ServerProcess.dataNode(options);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        // Either may be missing if starting the other failed.
        if (redis != null) {
            redis.close();
            redis = null;
        }
        if (dataNode != null) {
            dataNode.close();
            dataNode = null;
        }
    }

    /** The reference redis-server. */
    public ServerProcess redis() {
        return redis;
    }

    /** The data node under test. */
    public ServerProcess dataNode() {
        return dataNode;
    }
}
