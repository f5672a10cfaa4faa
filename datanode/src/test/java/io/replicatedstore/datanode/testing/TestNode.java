package io.replicatedstore.datanode.testing;

import io.replicatedstore.datanode.DataNode;
import io.replicatedstore.datanode.config.Config;
import io.replicatedstore.datanode.config.ConfigLoader;
import io.replicatedstore.datanode.util.Clock;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * A data node started in this JVM on a free loopback port, for tests. Extra redis.conf style
 * options are given as "--name", "value" pairs. Close it to stop it.
 */
public final class TestNode implements AutoCloseable {

    private final DataNode node;
    private final int port;

    private TestNode(DataNode node, int port) {
        this.node = node;
        this.port = port;
    }

    public static TestNode start(String... options) {
        return start(Clock.SYSTEM, options);
    }

    /** A node that reads the time from {@code clock} (a {@link ManualClock} moves it by hand). */
    public static TestNode start(Clock clock, String... options) {
        int port = freePort();
        List<String> args = new ArrayList<>(List.of("--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no"));
        args.addAll(List.of(options));
        try {
            Config config = ConfigLoader.fromArgs(args.toArray(new String[0]));
            DataNode node = new DataNode(config, clock);
            node.start();
            return new TestNode(node, port);
        } catch (ConfigLoader.FatalConfigError | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return port;
    }

    public InetSocketAddress address() {
        return new InetSocketAddress("127.0.0.1", port);
    }

    public DataNode node() {
        return node;
    }

    /** A raw RESP connection to this node. */
    public RespClient client() {
        return RespClient.connect(port);
    }

    @Override
    public void close() {
        node.close();
    }

    /** A port that was free a moment ago, on loopback. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
