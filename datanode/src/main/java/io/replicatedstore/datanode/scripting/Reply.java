package io.replicatedstore.datanode.scripting;

import java.util.List;

/**
 * One reply of a command a script ran, as parsed back from the script client's RESP output
 * (Redis too reads redis.call's reply from its fake client's buffer). RESP2 and RESP3 types.
 */
public sealed interface Reply {

    record Status(String text) implements Reply {
    }

    record Error(String text) implements Reply {
    }

    record Int(long value) implements Reply {
    }

    /** A bulk string; null value for RESP2's $-1. */
    record Bulk(byte[] value) implements Reply {
    }

    /** An array, set or push; null elements for RESP2's *-1. */
    record Array(List<Reply> elements, Kind kind) implements Reply {
        public enum Kind { ARRAY, SET, PUSH }
    }

    /** A RESP3 map, keys and values alternating. */
    record Map(List<Reply> keysAndValues) implements Reply {
    }

    record Double(double value) implements Reply {
    }

    record Bool(boolean value) implements Reply {
    }

    /** RESP3's null (_). */
    record Null() implements Reply {
    }

    record BigNumber(String digits) implements Reply {
    }

    record Verbatim(String format, byte[] text) implements Reply {
    }
}
