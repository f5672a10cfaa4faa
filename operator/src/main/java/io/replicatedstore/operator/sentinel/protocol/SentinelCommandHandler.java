package io.replicatedstore.operator.sentinel.protocol;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.redis.ArrayRedisMessage;
import io.netty.handler.codec.redis.ErrorRedisMessage;
import io.netty.handler.codec.redis.FullBulkStringRedisMessage;
import io.netty.handler.codec.redis.IntegerRedisMessage;
import io.netty.handler.codec.redis.RedisMessage;
import io.netty.handler.codec.redis.SimpleStringRedisMessage;
import io.replicatedstore.operator.api.ReplicatedStore;
import io.replicatedstore.operator.nodes.NodeAddress;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** One client connection of the Sentinel endpoint: Sentinel's commands, and Pub/Sub once subscribed. */
final class SentinelCommandHandler extends SimpleChannelInboundHandler<RedisMessage>
        implements SentinelEvents.Subscriber {

    private final SentinelView view;
    private final SentinelEvents events;
    private final SentinelAuth auth;
    private final int maxRequest;
    private boolean authenticated;
    private final Set<String> channels = new LinkedHashSet<>();
    private final Set<String> patterns = new LinkedHashSet<>();
    private ChannelHandlerContext context;
    private int protocol = 2;

    SentinelCommandHandler(SentinelView view, SentinelEvents events, SentinelAuth auth, int maxRequest) {
        this.view = view;
        this.events = events;
        this.auth = auth;
        this.maxRequest = maxRequest;
        this.authenticated = !auth.required();
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) {
        this.context = ctx;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        events.unsubscribe(this);
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, RedisMessage message) {
        List<String> args = arguments(message);
        if (args == null || args.isEmpty()) {
            ctx.writeAndFlush(error("ERR Protocol error: expected a command"));
            return;
        }
        ctx.writeAndFlush(execute(args));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.writeAndFlush(error("ERR Protocol error: " + cause.getMessage())).addListener(f -> ctx.close());
    }

    private List<String> arguments(RedisMessage message) {
        if (!(message instanceof ArrayRedisMessage array) || array.isNull()) {
            return null;
        }
        List<String> args = new ArrayList<>();
        int size = 0;
        for (RedisMessage child : array.children()) {
            if (!(child instanceof FullBulkStringRedisMessage bulk) || bulk.isNull()) {
                return null;
            }
            size += bulk.content().readableBytes();
            if (size > maxRequest) {
                return null;
            }
            args.add(bulk.content().toString(StandardCharsets.UTF_8));
        }
        return args;
    }

    private Object execute(List<String> args) {
        String command = args.get(0).toLowerCase(Locale.ROOT);
        if (command.equals("auth")) {
            return auth(args);
        }
        if (!authenticated && !command.equals("hello") && !command.equals("quit")) {
            return error("NOAUTH Authentication required.");
        }
        if (!channels.isEmpty() || !patterns.isEmpty()) {
            if (!List.of("subscribe", "psubscribe", "unsubscribe", "punsubscribe", "ping", "quit").contains(command)) {
                return error("ERR Can't execute '" + command + "': only (P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT"
                        + " / RESET are allowed in this context");
            }
        }
        return switch (command) {
            case "ping" -> channels.isEmpty() && patterns.isEmpty() || protocol == 3 ? new SimpleStringRedisMessage("PONG")
                    : array(bulk("pong"), bulk(""));
            case "role" -> array(bulk("sentinel"), array(view.masters().stream().map(s -> bulk(SentinelView.name(s)))
                    .toArray(RedisMessage[]::new)));
            case "sentinel" -> args.size() < 2 ? wrongArity("sentinel") : sentinel(args);
            case "info" -> info();
            case "subscribe" -> subscribe(args, channels, "subscribe");
            case "psubscribe" -> subscribe(args, patterns, "psubscribe");
            case "unsubscribe" -> unsubscribe(args, channels, "unsubscribe");
            case "punsubscribe" -> unsubscribe(args, patterns, "punsubscribe");
            case "client" -> new SimpleStringRedisMessage("OK"); // SETNAME, SETINFO: accepted, not kept
            case "hello" -> hello(args);
            case "quit" -> {
                context.channel().eventLoop().execute(() -> context.close());
                yield new SimpleStringRedisMessage("OK");
            }
            default -> error("ERR unknown command '" + args.get(0) + "', with args beginning with: ");
        };
    }

    private Object sentinel(List<String> args) {
        String sub = args.get(1).toLowerCase(Locale.ROOT);
        if (sub.equals("masters")) {
            return maps(view.masters().stream().map(view::masterFields).toList());
        }
        if (sub.equals("myid")) {
            return bulk("0000000000000000000000000000000000000000");
        }
        if (sub.equals("is-master-down-by-addr")) {
            // The operator is the only voter: no other Sentinel asks it for a vote.
            return array(new IntegerRedisMessage(0), bulk("*"), new IntegerRedisMessage(0));
        }
        if (args.size() < 3) {
            return wrongArity("sentinel|" + sub);
        }
        Optional<ReplicatedStore> found = view.byName(args.get(2));
        if (sub.equals("get-master-addr-by-name")) {
            if (found.isEmpty()) {
                return protocol == 3 ? Resp3.nullValue() : ArrayRedisMessage.NULL_INSTANCE;
            }
            NodeAddress master = view.master(found.get());
            return array(bulk(master.host()), bulk(Integer.toString(master.port())));
        }
        if (found.isEmpty()) {
            return error("ERR No such master with that name");
        }
        ReplicatedStore store = found.get();
        return switch (sub) {
            case "master" -> fields(view.masterFields(store));
            case "replicas", "slaves" -> maps(view.replicas(store));
            case "sentinels" -> array();
            case "ckquorum" -> new SimpleStringRedisMessage("OK 1 usable Sentinels. Quorum and failover authorization "
                    + "can be reached");
            case "failover" -> failover(store);
            default -> error("ERR Unknown sentinel subcommand '" + args.get(1) + "'");
        };
    }

    /** HELLO [2|3]: RESP3 on request, as redis-py asks by default. */
    private Object auth(List<String> args) {
        if (args.size() < 2 || args.size() > 3) {
            return args.size() < 2 ? wrongArity("auth") : error("ERR syntax error");
        }
        String user = args.size() == 3 ? args.get(1) : "default";
        return switch (auth.check(user, args.get(args.size() - 1))) {
            case OK -> {
                authenticated = true;
                yield new SimpleStringRedisMessage("OK");
            }
            case WRONGPASS -> error("WRONGPASS invalid username-password pair or user is disabled.");
            case NO_PASSWORD_SET -> error("ERR AUTH <password> called without any password configured for the default"
                    + " user. Are you sure your configuration is correct?");
        };
    }

    private Object hello(List<String> args) {
        int version = protocol;
        if (args.size() > 1) {
            if (!args.get(1).equals("2") && !args.get(1).equals("3")) {
                return error("NOPROTO unsupported protocol version");
            }
            version = Integer.parseInt(args.get(1));
        }
        boolean authenticates = false;
        for (int i = 2; i < args.size(); i++) {
            String option = args.get(i).toLowerCase(Locale.ROOT);
            if (option.equals("auth") && i + 2 < args.size()) {
                SentinelAuth.Outcome outcome = auth.check(args.get(i + 1), args.get(i + 2));
                if (outcome == SentinelAuth.Outcome.WRONGPASS) {
                    return error("WRONGPASS invalid username-password pair or user is disabled.");
                }
                authenticates = true; // OK, or no password set: every password is accepted then, as by Redis
                i += 2;
            } else if (option.equals("setname") && i + 1 < args.size()) {
                i += 1; // accepted, not kept (as CLIENT SETNAME)
            } else {
                return error("ERR Syntax error in HELLO option '" + args.get(i) + "'");
            }
        }
        if (!authenticated && !authenticates) {
            return error("NOAUTH HELLO must be called with the client already authenticated, otherwise the HELLO"
                    + " <proto> AUTH <user> <pass> option can be used to authenticate the client and select the RESP"
                    + " protocol version at the same time");
        }
        authenticated = true;
        protocol = version;
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("server", "redis");
        fields.put("version", "7.0.15");
        fields.put("proto", protocol); // an integer: clients check it
        fields.put("id", 0);
        fields.put("mode", "sentinel");
        fields.put("role", "sentinel");
        fields.put("modules", List.of());
        if (protocol == 3) {
            return Resp3.map(fields);
        }
        List<RedisMessage> flat = new ArrayList<>();
        fields.forEach((key, value) -> {
            flat.add(bulk(key));
            flat.add(value instanceof Integer number ? new IntegerRedisMessage(number)
                    : value instanceof List<?> ? array() : bulk(String.valueOf(value)));
        });
        return new ArrayRedisMessage(flat);
    }

    /** SENTINEL FAILOVER: a planned switchover to the best replica, carried out by the reconciler. */
    private RedisMessage failover(ReplicatedStore store) {
        Optional<String> target = view.failoverTarget(store);
        if (target.isEmpty()) {
            return error("NOGOODSLAVE No suitable replica to promote");
        }
        view.requestSwitchover(store, target.get());
        return new SimpleStringRedisMessage("OK");
    }

    private RedisMessage info() {
        StringBuilder info = new StringBuilder("# Sentinel\r\n");
        List<ReplicatedStore> masters = view.masters();
        info.append("sentinel_masters:").append(masters.size()).append("\r\n")
                .append("sentinel_tilt:0\r\n")
                .append("sentinel_running_scripts:0\r\n")
                .append("sentinel_scripts_queue_length:0\r\n")
                .append("sentinel_simulate_failure_flags:0\r\n");
        int index = 0;
        for (ReplicatedStore store : masters) {
            Map<String, String> fields = view.masterFields(store);
            info.append("master").append(index++).append(":name=").append(fields.get("name"))
                    .append(",status=").append(fields.get("flags").contains("o_down") ? "odown"
                            : fields.get("flags").contains("s_down") ? "sdown" : "ok")
                    .append(",address=").append(fields.get("ip")).append(':').append(fields.get("port"))
                    .append(",slaves=").append(fields.get("num-slaves")).append(",sentinels=1\r\n");
        }
        return bulk(info.toString());
    }

    private Object subscribe(List<String> args, Set<String> names, String kind) {
        events.subscribe(this);
        List<Object> replies = new ArrayList<>();
        for (String name : args.subList(1, args.size())) {
            names.add(name);
            replies.add(pubsub(List.of(kind, name), (long) (channels.size() + patterns.size())));
        }
        return replies.size() == 1 ? replies.get(0) : writeEach(replies);
    }

    /** A Pub/Sub reply: RESP3's push, or RESP2's array. */
    private Object pubsub(List<String> items, Long count) {
        if (protocol == 3) {
            return Resp3.push(items, count);
        }
        List<RedisMessage> children = new ArrayList<>(items.stream().map(SentinelCommandHandler::bulk).toList());
        if (count != null) {
            children.add(new IntegerRedisMessage(count));
        }
        return new ArrayRedisMessage(children);
    }

    private Object unsubscribe(List<String> args, Set<String> names, String kind) {
        List<String> which = args.size() > 1 ? args.subList(1, args.size()) : List.copyOf(names);
        List<Object> replies = new ArrayList<>();
        for (String name : which) {
            names.remove(name);
            replies.add(pubsub(List.of(kind, name), (long) (channels.size() + patterns.size())));
        }
        if (channels.isEmpty() && patterns.isEmpty()) {
            events.unsubscribe(this);
        }
        if (replies.isEmpty()) {
            return array(bulk(kind), FullBulkStringRedisMessage.NULL_INSTANCE, new IntegerRedisMessage(0));
        }
        return replies.size() == 1 ? replies.get(0) : writeEach(replies);
    }

    /** Several replies to one command (SUBSCRIBE a b): all but the last are written here. */
    private Object writeEach(List<Object> replies) {
        for (Object reply : replies.subList(0, replies.size() - 1)) {
            context.write(reply);
        }
        return replies.get(replies.size() - 1);
    }

    @Override
    public void deliver(String channel, String message) {
        context.channel().eventLoop().execute(() -> {
            if (channels.contains(channel)) {
                context.writeAndFlush(pubsub(List.of("message", channel, message), null));
            }
            for (String pattern : patterns) {
                if (glob(pattern).matcher(channel).matches()) {
                    context.writeAndFlush(pubsub(List.of("pmessage", pattern, channel, message), null));
                }
            }
        });
    }

    /** Redis's glob patterns, with * and ? (enough for what clients subscribe to). */
    private static Pattern glob(String pattern) {
        StringBuilder regex = new StringBuilder();
        for (char c : pattern.toCharArray()) {
            regex.append(switch (c) {
                case '*' -> ".*";
                case '?' -> ".";
                default -> Pattern.quote(Character.toString(c));
            });
        }
        return Pattern.compile(regex.toString());
    }

    private Object maps(List<Map<String, String>> maps) {
        return protocol == 3 ? Resp3.arrayOfMaps(maps)
                : array(maps.stream().map(this::fields).toArray(RedisMessage[]::new));
    }

    /** Field/value pairs: a RESP3 map, or RESP2's flat array. */
    private Object fields(Map<String, String> fields) {
        if (protocol == 3) {
            return Resp3.map(fields);
        }
        List<RedisMessage> flat = new ArrayList<>();
        fields.forEach((key, value) -> {
            flat.add(bulk(key));
            flat.add(bulk(value));
        });
        return new ArrayRedisMessage(flat);
    }

    private static RedisMessage wrongArity(String command) {
        return error("ERR wrong number of arguments for '" + command + "' command");
    }

    private static RedisMessage error(String text) {
        return new ErrorRedisMessage(text);
    }

    private static RedisMessage array(RedisMessage... children) {
        return new ArrayRedisMessage(List.of(children));
    }

    private static FullBulkStringRedisMessage bulk(String text) {
        return new FullBulkStringRedisMessage(Unpooled.wrappedBuffer(text.getBytes(StandardCharsets.UTF_8)));
    }
}
