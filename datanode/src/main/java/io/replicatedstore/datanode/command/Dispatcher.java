package io.replicatedstore.datanode.command;

import io.replicatedstore.datanode.config.Config;
import io.replicatedstore.datanode.error.Errors;
import io.replicatedstore.datanode.error.RedisException;
import io.replicatedstore.datanode.persist.Persistence;
import io.replicatedstore.datanode.persist.aof.AppendOnlyFile;
import io.replicatedstore.datanode.replication.Replication;
import io.replicatedstore.datanode.server.BlockingKeys;
import io.replicatedstore.datanode.server.Client;
import io.replicatedstore.datanode.server.CommandProcessor;
import io.replicatedstore.datanode.server.Memory;
import io.replicatedstore.datanode.server.Propagation;
import io.replicatedstore.datanode.server.Server;
import io.replicatedstore.datanode.store.Database;
import io.replicatedstore.datanode.store.ListValue;
import io.replicatedstore.datanode.store.StreamValue;
import io.replicatedstore.datanode.store.ZSetValue;
import io.replicatedstore.datanode.util.Repr;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs commands: Redis's processCommand (lookup, arity, auth, transaction queueing, pub/sub
 * context, client pause) and call() (execution, statistics, slow log, MONITOR), then serves
 * clients blocked on keys that became ready. It sits above replication and persistence, whose
 * checks it makes, and reaches them for the commands ({@link CommandContext#replication()}...).
 */
public final class Dispatcher implements CommandProcessor {

    private static final Logger LOG = Logger.getLogger(Dispatcher.class.getName());

    /** Commands that run at once inside MULTI instead of being queued. */
    private static final Set<String> MULTI_CONTROL = Set.of("exec", "discard", "multi", "watch", "quit", "reset");
    /** What a RESP2 client may run while subscribed. */
    private static final Set<String> SUBSCRIBED_CONTEXT = Set.of(
            "ping", "subscribe", "ssubscribe", "unsubscribe", "sunsubscribe", "psubscribe", "punsubscribe", "quit", "reset");

    /** Inside MULTI over the memory limit, what may still run (EXEC is judged by what it queued). */
    private static final Set<String> ALLOWED_IN_MULTI_WITHOUT_MEMORY = Set.of("discard", "quit", "reset");
    static final String DEBUG_NOT_ALLOWED = "ERR DEBUG command not allowed. If the enable-debug-command option is set "
            + "to \"local\", you can run it from a local connection, otherwise you need to set this option in the "
            + "configuration file, and then restart the server.";
    static final String OUT_OF_MEMORY = "OOM command not allowed: the JVM ran out of heap executing it";
    static final String STACK_TOO_DEEP = "ERR command not allowed: the JVM ran out of stack executing it";

    private final Server server;
    private final CommandTable commands;
    private final Replication replication;
    private final Persistence persistence;
    private final AppendOnlyFile aof;
    /** While a script runs past busy-reply-threshold: the error other clients get (-BUSY ...), else null. */
    private String busyError;

    public Dispatcher(Server server, CommandTable commands, Replication replication, Persistence persistence,
            AppendOnlyFile aof) {
        this.server = server;
        this.commands = commands;
        this.replication = replication;
        this.persistence = persistence;
        this.aof = aof;
    }

    public Server server() {
        return server;
    }

    public CommandTable commands() {
        return commands;
    }

    public Replication replication() {
        return replication;
    }

    public Persistence persistence() {
        return persistence;
    }

    public AppendOnlyFile aof() {
        return aof;
    }

    @Override
    public boolean exists(byte[] name) {
        return commands.lookup(name) != null;
    }

    /** Processes one command from a client: checks it, queues it in MULTI, or runs it. */
    /** Commands whose replies are pushes, which CLIENT REPLY OFF/SKIP does not silence. */
    private static final Set<String> PUSHES = Set.of("subscribe", "psubscribe", "unsubscribe", "punsubscribe",
            "ssubscribe", "sunsubscribe");

    /**
     * Runs a client's command; under CLIENT REPLY OFF or SKIP what it answered is taken back
     * (pub/sub confirmations excepted, as Redis sends those as pushes).
     */
    @Override
    public void process(Client client, byte[][] argv) {
        if (client.replyMode() == Client.ReplyMode.ON) {
            processCommand(client, argv);
            if (client.replyMode() == Client.ReplyMode.SKIP_NEXT) {
                client.replyMode(Client.ReplyMode.SKIP);
            }
            return;
        }
        long mark = client.writer().mark();
        processCommand(client, argv);
        Client.ReplyMode mode = client.replyMode();
        if ((mode == Client.ReplyMode.OFF || mode == Client.ReplyMode.SKIP)
                && !PUSHES.contains(new String(argv[0], StandardCharsets.UTF_8).toLowerCase(Locale.ROOT))) {
            client.writer().rewind(mark);
        }
        if (mode == Client.ReplyMode.SKIP) {
            client.replyMode(Client.ReplyMode.ON);
        } else if (mode == Client.ReplyMode.SKIP_NEXT) {
            client.replyMode(Client.ReplyMode.SKIP);
        }
    }

    private void processCommand(Client client, byte[][] argv) {
        long now = server.keyspace().updateTime();
        CommandSpec spec = commands.lookup(argv[0]);
        if (spec == null) {
            reject(client, null, unknownCommand(argv));
            return;
        }
        // A container with its own handler (COMMAND) runs itself when given no subcommand.
        if (spec.hasSubcommands() && (argv.length >= 2 || spec.command() == null)) {
            if (argv.length < 2) {
                reject(client, spec, "ERR wrong number of arguments for '" + spec.name() + "' command");
                return;
            }
            CommandSpec sub = subcommandOf(spec, argv);
            if (sub == null) {
                reject(client, spec, "ERR unknown subcommand '" + Errors.truncate(new String(argv[1], StandardCharsets.UTF_8), 128)
                        + "'. Try " + spec.name().toUpperCase(Locale.ROOT) + " HELP.");
                return;
            }
            spec = sub;
        }
        if (!spec.arityMatches(argv.length)) {
            reject(client, spec, "ERR wrong number of arguments for '" + spec.fullName() + "' command");
            return;
        }
        if (name(spec).equals("debug") && !Config.allows(server.config().enableDebugCommand, client.isLocal())) {
            // Before authentication, as Redis checks its protected commands.
            reject(client, spec, DEBUG_NOT_ALLOWED);
            return;
        }
        if (!client.authenticated() && !spec.has(CommandFlag.NO_AUTH)) {
            reject(client, spec, Errors.NOAUTH);
            return;
        }
        if (busyError != null && !spec.has(CommandFlag.ALLOW_BUSY)) {
            reject(client, spec, busyError);
            return;
        }
        String name = name(spec);
        if (refusedForMemory(client, spec, name)) {
            reject(client, spec, Memory.OOM);
            return;
        }
        String aofError = aof.writeError();
        if (aofError != null && spec.has(CommandFlag.WRITE)) {
            reject(client, spec, "MISCONF Errors writing to the AOF file: " + aofError);
            return;
        }
        String replicationError = replicationRefuses(client, spec);
        if (replicationError != null) {
            reject(client, spec, replicationError);
            return;
        }
        if (client.inMulti() && spec.has(CommandFlag.NO_MULTI)) {
            reject(client, spec, "ERR Command not allowed inside a transaction");
            return;
        }
        if (client.inMulti() && !MULTI_CONTROL.contains(name)) {
            client.queue(argv);
            client.writer().simple("QUEUED");
            return;
        }
        if (client.protocol() == 2 && client.subscriptionCount() > 0 && !SUBSCRIBED_CONTEXT.contains(name)) {
            reject(client, spec, "ERR Can't execute '" + spec.fullName()
                    + "': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context");
            return;
        }
        if (!client.isMaster() && server.pause().blocks(spec.has(CommandFlag.WRITE) || spec.has(CommandFlag.MAY_REPLICATE), now)) {
            client.deferred().addFirst(argv);
            server.pause().park(client);
            return;
        }
        call(client, spec, argv, false);
        client.writeOffset(replication.offset());
        client.touch(now, spec.fullName());
        handleClientsBlockedOnKeys();
    }

    private static String name(CommandSpec spec) {
        return spec.parent() == null ? spec.name() : spec.parent().name();
    }

    /**
     * processCommand's maxmemory step: evict as the policy says; if memory stays over the limit,
     * refuse commands flagged denyoom (EXEC too when it queued one), and anything but EXEC,
     * DISCARD, QUIT and RESET inside MULTI, whose queue would grow without bound.
     */
    private boolean refusedForMemory(Client client, CommandSpec spec, String name) {
        if (client.isMaster() || client.id() < 0) {
            return false; // a replica's master and the AOF being loaded are obeyed
        }
        if (server.memory().performEvictions() != Memory.Result.FAIL) {
            return false;
        }
        if (spec.has(CommandFlag.DENYOOM)) {
            return true;
        }
        if (name.equals("exec")) {
            for (byte[][] queued : client.multiQueue()) {
                CommandSpec queuedSpec = commands.lookup(queued[0]);
                if (queuedSpec != null && queuedSpec.has(CommandFlag.DENYOOM)) {
                    return true;
                }
            }
            return false;
        }
        return client.inMulti() && !ALLOWED_IN_MULTI_WITHOUT_MEMORY.contains(name);
    }

    /** processCommand's replication checks: min-replicas-to-write, read-only replica, stale data. */
    private String replicationRefuses(Client client, CommandSpec spec) {
        if (client.isMaster()) {
            return null; // a replica obeys its master
        }
        boolean write = spec.has(CommandFlag.WRITE);
        if (write && replication.notEnoughGoodReplicas()) {
            return "NOREPLICAS Not enough good replicas to write.";
        }
        if (!replication.isReplica()) {
            return null;
        }
        if (write && server.config().replicaReadOnly.get()) {
            return "READONLY You can't write against a read only replica.";
        }
        if (!replication.link().connected() && !server.config().replicaServeStaleData.get()
                && !spec.has(CommandFlag.STALE)) {
            return "MASTERDOWN Link with MASTER is down and replica-serve-stale-data is set to 'no'.";
        }
        return null;
    }

    /**
     * Runs a command that has passed its checks (EXEC uses this for each queued command).
     * Looks the command up again, so the queued argv is all that is needed.
     */
    public void execQueued(Client client, byte[][] argv) {
        CommandSpec spec = commands.lookup(argv[0]);
        if (spec.hasSubcommands() && argv.length >= 2) {
            spec = subcommandOf(spec, argv);
        }
        call(client, spec, argv, true);
    }

    /**
     * A script has run past busy-reply-threshold (error: the -BUSY reply for other clients'
     * commands, but those flagged allow_busy), or ended (null).
     */
    public void busy(String error) {
        this.busyError = error;
    }

    /**
     * Runs a command for a Lua script's redis.call, which made its own checks (Redis's
     * scriptCall): executed as inside EXEC, so blocking commands answer at once.
     */
    public void callFromScript(Client client, CommandSpec spec, byte[][] argv) {
        call(client, spec, argv, true);
    }

    /** The subcommand argv[1] names (CONFIG GET, CLIENT LIST...), or null. */
    private static CommandSpec subcommandOf(CommandSpec container, byte[][] argv) {
        return container.subcommand(new String(argv[1], StandardCharsets.UTF_8).toLowerCase(Locale.ROOT));
    }

    private void call(Client client, CommandSpec spec, byte[][] argv, boolean inExec) {
        call(client, spec, argv, inExec, null);
    }

    /** {@code readyKey}: the key whose data woke a blocked client, which Redis 7.0 serves it from. */
    private void call(Client client, CommandSpec spec, byte[][] argv, boolean inExec, byte[] readyKey) {
        long start = server.clock().nanos();
        CommandContext ctx = new CommandContext(this, client, spec, argv, inExec);
        ctx.readyKey(readyKey);
        if (spec.has(CommandFlag.WRITE) && server.keyspace().snapshotInProgress()) {
            server.keyspace().beforeWrite(argv);
        }
        Propagation propagation = ctx.propagating() ? server.propagation() : null;
        if (propagation != null) {
            propagation.enter();
        }
        long replyMark = client.writer().mark();
        // Redis's lookupKeyRead notifies key misses; read-only commands are the ones that use it here.
        server.keyspace().readLookups(spec.has(CommandFlag.READONLY) && !spec.has(CommandFlag.WRITE));
        try {
            spec.command().execute(ctx);
        } catch (OutOfMemoryError | StackOverflowError e) {
            // The last line of defence (memory is refused by accounting before this): the
            // allocation that failed is garbage now, so the node answers and keeps serving.
            failedByTheJvm(client, spec, replyMark, e);
        } catch (RedisException e) {
            client.writer().error(e.getMessage());
            spec.failedCalls++;
            server.stats().countError(e.getMessage());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Command " + spec.fullName() + " failed unexpectedly", e);
            if (!client.writer().rewind(replyMark)) {
                client.closeAfterReply();
            }
            client.writer().error("ERR internal error executing '" + spec.fullName() + "': " + e);
            spec.failedCalls++;
            server.stats().countError("ERR");
            server.stats().unexpectedErrorReplies++;
        } finally {
            // Collections changed in place are measured again, whichever way the command ended.
            server.keyspace().settle();
            server.keyspace().readLookups(false);
            if (propagation != null) {
                // Redis's call(): a command that changed the dataset goes to the stream (as
                // it asked to be rewritten), in the database selected when it ended.
                byte[][] propagated = ctx.propagatedArgv();
                if (propagated != null) {
                    propagation.add(client.db().id(), propagated, ctx.replicasOnly());
                }
                propagation.exit();
            }
        }
        long micros = (server.clock().nanos() - start) / 1000;
        if (ctx.blocked()) {
            return; // counted when it finally runs, as Redis does
        }
        spec.calls++;
        spec.microseconds += micros;
        server.stats().totalCommandsProcessed++;
        long slowerThan = server.config().slowlogLogSlowerThan.get();
        if (slowerThan >= 0 && micros >= slowerThan && !spec.has(CommandFlag.SKIP_SLOWLOG)) {
            server.slowlog().record(argv, micros, server.keyspace().now(), client, server.config().slowlogMaxLen.get());
        }
        if (!server.monitors().isEmpty() && !spec.has(CommandFlag.SKIP_MONITOR) && !spec.has(CommandFlag.ADMIN)) {
            feedMonitors(client, argv);
        }
    }

    /** A command the JVM could not run (no heap left, stack too deep): an error reply, not a dead node. */
    private void failedByTheJvm(Client client, CommandSpec spec, long replyMark, VirtualMachineError e) {
        String error = e instanceof OutOfMemoryError ? OUT_OF_MEMORY : STACK_TOO_DEEP;
        if (!client.writer().rewind(replyMark)) {
            client.closeAfterReply(); // part of its reply is already sent: the stream cannot be mended
        }
        client.writer().error(error);
        spec.failedCalls++;
        server.stats().countError(error);
        server.stats().unexpectedErrorReplies++;
        LOG.warning("Command " + spec.fullName() + " failed: " + e);
    }

    private void reject(Client client, CommandSpec spec, String error) {
        if (spec != null && spec.name().equals("exec")) {
            // Redis's execCommandAbort: a rejected EXEC discards the transaction and watched keys.
            client.endMulti();
            error = "EXECABORT Transaction discarded because of: " + (error.startsWith("ERR ") ? error.substring(4) : error);
        }
        client.writer().error(error);
        server.stats().countError(error);
        if (spec != null) {
            spec.rejectedCalls++;
        }
        if (client.inMulti()) {
            client.abortMulti();
        }
    }

    private static String unknownCommand(byte[][] argv) {
        StringBuilder args = new StringBuilder();
        for (int i = 1; i < argv.length && args.length() < 128; i++) {
            args.append('\'').append(Errors.truncate(new String(argv[i], StandardCharsets.UTF_8), 128 - args.length())).append("' ");
        }
        return "ERR unknown command '" + Errors.truncate(new String(argv[0], StandardCharsets.UTF_8), 128)
                + "', with args beginning with: " + args;
    }

    private void feedMonitors(Client client, byte[][] argv) {
        long nowMicros = server.clock().millis() * 1000 + (server.clock().nanos() / 1000) % 1000;
        StringBuilder line = new StringBuilder();
        line.append(nowMicros / 1_000_000).append('.').append(String.format("%06d", nowMicros % 1_000_000))
                .append(" [").append(client.db().id()).append(' ').append(client.address()).append(']');
        for (byte[] arg : argv) {
            line.append(' ').append(Repr.quote(arg));
        }
        String text = line.toString();
        for (Client monitor : server.monitors()) {
            monitor.writer().simple(text);
            monitor.markPending();
            server.clientLimits().checkOutput(monitor);
        }
    }

    /**
     * Serves clients blocked on keys that got data, in the order they blocked, by running their
     * command again. Repeats while serving makes more keys ready (e.g. BLMOVE into a key others wait on).
     */
    @Override
    public void handleClientsBlockedOnKeys() {
        BlockingKeys blocking = server.blocking();
        List<Client> served = null;
        while (blocking.hasReady()) {
            for (BlockingKeys.Key key : blocking.takeReady()) {
                Database db = server.keyspace().db(key.db());
                // The key is looked up at the time it is served: if it expired meanwhile, the DEL
                // this lookup propagates goes out at once (outside any command), as in Redis.
                server.keyspace().updateTime();
                for (Client client : blocking.waiting(key)) {
                    Object value = db.get(key.key().bytes());
                    if (client.blocked() == null) {
                        continue;
                    }
                    // A blocked client sends nothing else, so its selected database is still the one it blocked in.
                    byte[][] argv = client.blocked().argv();
                    CommandSpec spec = commands.lookup(argv[0]);
                    // XREADGROUP is run again when its key is gone or replaced too: it answers -UNBLOCKED.
                    boolean readGroup = spec.name().equals("xreadgroup");
                    if (value == null && !readGroup) {
                        continue;
                    }
                    if (!readGroup && !waitsFor(spec, value)) {
                        continue; // e.g. a list replaced by a string: Redis 7.0 leaves BLPOP waiting
                    }
                    long deadline = client.blocked().deadlineMs();
                    server.blockedClients().unblock(client);
                    server.keyspace().updateTime();
                    call(client, spec, argv, false, key.key().bytes());
                    if (client.blocked() != null) {
                        // Blocked again (another consumer took the entries): the timeout runs on from the first wait.
                        server.blockedClients().keepDeadline(client, deadline);
                    }
                    client.markPending();
                    server.clientLimits().checkOutput(client);
                    if (client.blocked() == null) {
                        if (served == null) {
                            served = new ArrayList<>();
                        }
                        served.add(client);
                    }
                }
            }
        }
        // As Redis's processUnblockedClients: what the served clients sent meanwhile runs only
        // after every ready key was handled, so they cannot overtake other waiting clients.
        if (served != null) {
            for (Client client : served) {
                if (client.blocked() == null) {
                    server.blockedClients().resume(client);
                }
            }
        }
    }

    /** Whether the value at a ready key is what the blocked command waits for (Redis serves by type). */
    private static boolean waitsFor(CommandSpec spec, Object value) {
        return switch (spec.group()) {
            case "list" -> value instanceof ListValue;
            case "sorted-set" -> value instanceof ZSetValue;
            case "stream" -> value instanceof StreamValue;
            default -> true;
        };
    }
}
