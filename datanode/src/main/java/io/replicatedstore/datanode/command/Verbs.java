package io.replicatedstore.datanode.command;

import java.nio.charset.StandardCharsets;

/** Command names and keywords commands propagate in rewritten form (Redis's shared objects). */
public final class Verbs {

    public static final byte[] DEL = ascii("DEL");
    public static final byte[] UNLINK = ascii("UNLINK");
    public static final byte[] SET = ascii("SET");
    public static final byte[] PXAT = ascii("PXAT");
    public static final byte[] KEEPTTL = ascii("KEEPTTL");
    public static final byte[] PEXPIREAT = ascii("PEXPIREAT");
    public static final byte[] PERSIST = ascii("PERSIST");
    public static final byte[] HSET = ascii("HSET");
    public static final byte[] SREM = ascii("SREM");
    public static final byte[] LPOP = ascii("LPOP");
    public static final byte[] RPOP = ascii("RPOP");
    public static final byte[] LMOVE = ascii("LMOVE");
    public static final byte[] RPOPLPUSH = ascii("RPOPLPUSH");
    public static final byte[] ZPOPMIN = ascii("ZPOPMIN");
    public static final byte[] ZPOPMAX = ascii("ZPOPMAX");
    public static final byte[] FLUSHALL = ascii("FLUSHALL");

    private Verbs() {
    }

    public static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    public static byte[] number(long value) {
        return ascii(Long.toString(value));
    }
}
