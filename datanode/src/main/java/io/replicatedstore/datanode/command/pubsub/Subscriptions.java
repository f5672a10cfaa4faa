package io.replicatedstore.datanode.command.pubsub;

import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.server.Client;
import io.replicatedstore.datanode.store.Bytes;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * The confirmation replies of (P)SUBSCRIBE and (P)UNSUBSCRIBE: one per channel or pattern,
 * {@code [kind, name, count]} where count is the client's channel plus pattern subscriptions
 * after the change. They are pushes: arrays in RESP2, the push type in RESP3.
 */
final class Subscriptions {

    static final byte[] SUBSCRIBE = bytes("subscribe");
    static final byte[] UNSUBSCRIBE = bytes("unsubscribe");
    static final byte[] PSUBSCRIBE = bytes("psubscribe");
    static final byte[] PUNSUBSCRIBE = bytes("punsubscribe");

    private Subscriptions() {
    }

    /** Writes a confirmation; a null name (unsubscribing from nothing) is sent as a null. */
    static void confirm(Client client, byte[] kind, byte[] name) {
        client.writer().push(3).bulk(kind).bulk(name).integer(client.subscriptionCount());
    }

    /**
     * UNSUBSCRIBE or PUNSUBSCRIBE: leaves the named channels or patterns, subscribed or not, or
     * without arguments every one in {@code current}, confirming each; with none to leave it
     * still confirms once, with a null name.
     */
    static void leave(CommandContext ctx, byte[] kind, Set<Bytes> current, BiConsumer<Client, byte[]> unsubscribe) {
        List<byte[]> names = new ArrayList<>();
        if (ctx.argc() > 1) {
            for (int i = 1; i < ctx.argc(); i++) {
                names.add(ctx.arg(i));
            }
        } else {
            for (Bytes name : List.copyOf(current)) { // a copy: unsubscribing changes the set
                names.add(name.bytes());
            }
        }
        Client client = ctx.client();
        if (names.isEmpty()) {
            confirm(client, kind, null);
            return;
        }
        for (byte[] name : names) {
            unsubscribe.accept(client, name);
            confirm(client, kind, name);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
