package io.replicatedstore.datanode.command.pubsub;

import io.replicatedstore.datanode.server.Client;

import java.nio.charset.StandardCharsets;

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

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
