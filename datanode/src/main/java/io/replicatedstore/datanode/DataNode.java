package io.replicatedstore.datanode;

import io.netty.util.ResourceLeakDetector;
import io.replicatedstore.datanode.command.Dispatcher;
import io.replicatedstore.datanode.config.Config;
import io.replicatedstore.datanode.config.ConfigLoader;
import io.replicatedstore.datanode.persist.Persistence;
import io.replicatedstore.datanode.persist.aof.AppendOnlyFile;
import io.replicatedstore.datanode.replication.Replication;
import io.replicatedstore.datanode.server.RespServer;
import io.replicatedstore.datanode.server.Server;
import io.replicatedstore.datanode.util.Clock;
import io.replicatedstore.datanode.util.LogFormat;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.FileHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

/**
 * The data node: {@code java -jar datanode.jar [config-file] [--name value ...]}, with
 * redis-server's command line and redis.conf directive names. It wires the layers together:
 * the server core, persistence, the AOF and replication hooked into it, and the commands above.
 */
public final class DataNode implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DataNode.class.getName());

    private final Server server;
    private final Persistence persistence;
    private final AppendOnlyFile aof;
    private final Replication replication;
    private final RespServer network;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean closing;

    public DataNode(Config config) {
        this(config, Clock.SYSTEM);
    }

    /** A node that reads the time from {@code clock} (tests move it by hand). */
    public DataNode(Config config, Clock clock) {
        this.server = new Server(config, clock);
        this.persistence = new Persistence(server);
        this.aof = new AppendOnlyFile(server, persistence);
        this.replication = new Replication(server, persistence, aof);
        server.processor(new Dispatcher(server, Commands.table(server), replication, persistence, aof));
        persistence.replicationHistory(replication);
        server.memory().isReplica(replication::isReplica);
        server.onClientRemoved(replication::replicaDisconnected);
        // What the AOF buffered reaches the file before any reply leaves.
        server.beforeReplies(aof::beforeReplies);
        server.cronTask(persistence::cron);
        server.cronTask(aof::cron);
        this.network = new RespServer(server);
        server.onShutdown(this::shutdownFromCommand);
    }

    public Server server() {
        return server;
    }

    /**
     * Loads the RDB file if there is one, then binds. Throws IllegalStateException, with the
     * node closed, when it cannot start (a missing dir, a bad RDB file, a port in use).
     */
    public List<InetSocketAddress> start() throws InterruptedException {
        try {
            if (server.config().appendonly.get()) {
                aof.loadAtStartup();
            } else {
                persistence.loadAtStartup();
            }
        } catch (IllegalStateException e) {
            network.close();
            stopped.countDown();
            throw e;
        }
        List<InetSocketAddress> bound = network.start();
        server.eventLoop().terminationFuture().addListener(f -> {
            if (!closing) {
                // Every client and every command is served by this one thread: without it the
                // node would answer nothing, so it exits to be restarted instead.
                haltAfterFatalError("The event loop stopped unexpectedly", f.cause());
            }
        });
        server.eventLoop().execute(() -> replication.start());
        LOG.info("Server initialized");
        LOG.info("Ready to accept connections tcp");
        return bound;
    }

    /** SHUTDOWN: stop serving and let main() exit. */
    private void shutdownFromCommand() {
        LOG.warning("User requested shutdown...");
        new Thread(this::close, "shutdown").start();
    }

    /**
     * SIGTERM: saves when save rules exist, as Redis does. The JVM is exiting by then, so unlike
     * Redis a failed save cannot keep the node running: it is logged.
     */
    private void saveBeforeExit() {
        try {
            boolean saved = server.eventLoop()
                    .submit(() -> persistence.prepareForShutdown(false, false))
                    .get(10, TimeUnit.MINUTES);
            if (!saved) {
                LOG.warning("SIGTERM received but errors trying to shut down the server, check the logs for more information");
            }
        } catch (Exception e) {
            LOG.warning("Could not save before exiting: " + e);
        }
    }

    public void awaitStop() throws InterruptedException {
        stopped.await();
    }

    @Override
    public void close() {
        if (stopped.getCount() == 0) {
            return;
        }
        closing = true;
        try {
            server.eventLoop().submit(() -> {
                replication.close();
                persistence.close();
                aof.close();
            }).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warning("Could not stop the background save: " + e);
        }
        network.close();
        LOG.warning("Data node stopped");
        stopped.countDown();
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-v"))) {
            System.out.println("replicated-store datanode v=" + Server.VERSION);
            return;
        }
        Config config;
        try {
            config = ConfigLoader.fromArgs(args);
        } catch (ConfigLoader.FatalConfigError e) {
            System.err.println(e.getMessage());
            System.exit(1);
            return;
        }
        configureLogging(config);
        // A command that exhausts the heap gets an error reply (Dispatcher); an Error that ends
        // any other thread leaves the node half working, so it exits to be restarted.
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            if (e instanceof VirtualMachineError) {
                haltAfterFatalError("Thread " + thread.getName() + " died", e);
            } else {
                LOG.log(Level.SEVERE, "Thread " + thread.getName() + " died", e);
            }
        });
        if (System.getProperty("io.netty.leakDetection.level") == null) {
            // Sampling for buffer leaks costs on every buffer; tests run with it on, production off.
            ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.DISABLED);
        }
        DataNode node = new DataNode(config);
        try {
            node.start();
        } catch (IllegalStateException e) {
            LOG.severe(e.getMessage());
            node.close();
            System.exit(1);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (node.stopped.getCount() > 0) {
                LOG.warning("Received SIGTERM scheduling shutdown...");
                node.saveBeforeExit();
                node.close();
            }
        }, "sigterm"));
        node.awaitStop();
    }

    private static void haltAfterFatalError(String what, Throwable cause) {
        try {
            LOG.log(Level.SEVERE, what + ", exiting", cause);
        } finally {
            Runtime.getRuntime().halt(1);
        }
    }

    private static void configureLogging(Config config) throws IOException {
        Logger root = Logger.getLogger("");
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        String logfile = config.logfile.get();
        Handler handler = logfile.isEmpty() ? new StdoutHandler() : new FileHandler(Path.of(logfile).toString(), true);
        handler.setFormatter(new LogFormat());
        root.addHandler(handler);
        applyLogLevel(config.loglevel.get());
        config.loglevel.onChange(DataNode::applyLogLevel);
    }

    private static void applyLogLevel(String loglevel) {
        Level level = switch (loglevel) {
            case "debug" -> Level.FINEST;
            case "verbose" -> Level.FINE;
            case "warning" -> Level.WARNING;
            case "nothing" -> Level.OFF;
            default -> Level.INFO;
        };
        Logger root = Logger.getLogger("");
        root.setLevel(level);
        for (Handler handler : root.getHandlers()) {
            handler.setLevel(level);
        }
    }

    /** Logs to standard output, as redis-server does when logfile is empty. */
    private static final class StdoutHandler extends StreamHandler {
        StdoutHandler() {
            super(System.out, new LogFormat());
        }

        @Override
        public synchronized void publish(LogRecord record) {
            super.publish(record);
            flush();
        }
    }
}
