package io.replicatedstore.datanode.persist.rdb;

/** Numbers of the RDB format (Redis 7.0's rdb.h), shared by the reader and the writer. */
final class RdbConstants {

    /** The version this writer produces and the newest this reader accepts (Redis 7.0). */
    static final int RDB_VERSION = 10;

    // Length encodings: the two top bits of the first byte.
    static final int LEN_6BIT = 0;
    static final int LEN_14BIT = 1;
    static final int LEN_32BIT = 0x80;
    static final int LEN_64BIT = 0x81;
    static final int LEN_ENCVAL = 3;

    // Special string encodings (after an 11xxxxxx length byte).
    static final int ENC_INT8 = 0;
    static final int ENC_INT16 = 1;
    static final int ENC_INT32 = 2;
    static final int ENC_LZF = 3;

    // Value types.
    static final int TYPE_STRING = 0;
    static final int TYPE_LIST = 1;
    static final int TYPE_SET = 2;
    static final int TYPE_ZSET = 3;
    static final int TYPE_HASH = 4;
    static final int TYPE_ZSET_2 = 5;
    static final int TYPE_MODULE = 6;
    static final int TYPE_MODULE_2 = 7;
    static final int TYPE_HASH_ZIPMAP = 9;
    static final int TYPE_LIST_ZIPLIST = 10;
    static final int TYPE_SET_INTSET = 11;
    static final int TYPE_ZSET_ZIPLIST = 12;
    static final int TYPE_HASH_ZIPLIST = 13;
    static final int TYPE_LIST_QUICKLIST = 14;
    static final int TYPE_STREAM_LISTPACKS = 15;
    static final int TYPE_HASH_LISTPACK = 16;
    static final int TYPE_ZSET_LISTPACK = 17;
    static final int TYPE_LIST_QUICKLIST_2 = 18;
    static final int TYPE_STREAM_LISTPACKS_2 = 19;

    // Opcodes.
    static final int OPCODE_FUNCTION2 = 245;
    static final int OPCODE_FUNCTION = 246;
    static final int OPCODE_MODULE_AUX = 247;
    static final int OPCODE_IDLE = 248;
    static final int OPCODE_FREQ = 249;
    static final int OPCODE_AUX = 250;
    static final int OPCODE_RESIZEDB = 251;
    static final int OPCODE_EXPIRETIME_MS = 252;
    static final int OPCODE_EXPIRETIME = 253;
    static final int OPCODE_SELECTDB = 254;
    static final int OPCODE_EOF = 255;

    // Quicklist node containers (RDB_TYPE_LIST_QUICKLIST_2).
    static final int QUICKLIST_NODE_PLAIN = 1;
    static final int QUICKLIST_NODE_PACKED = 2;

    /** Redis refuses to grow a listpack past 1 GB (LISTPACK_MAX_SAFETY_SIZE). */
    static final int LISTPACK_MAX_SAFETY_SIZE = 1 << 30;

    /** Longest array the JVM reliably allocates; longer strings cannot be held in a byte[]. */
    static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    private RdbConstants() {
    }

    /** A readable name for a type byte, for error messages. */
    static String typeName(int type) {
        return switch (type) {
            case TYPE_STRING -> "STRING";
            case TYPE_LIST -> "LIST";
            case TYPE_SET -> "SET";
            case TYPE_ZSET -> "ZSET";
            case TYPE_HASH -> "HASH";
            case TYPE_ZSET_2 -> "ZSET_2";
            case TYPE_MODULE -> "MODULE";
            case TYPE_MODULE_2 -> "MODULE_2";
            case TYPE_HASH_ZIPMAP -> "HASH_ZIPMAP";
            case TYPE_LIST_ZIPLIST -> "LIST_ZIPLIST";
            case TYPE_SET_INTSET -> "SET_INTSET";
            case TYPE_ZSET_ZIPLIST -> "ZSET_ZIPLIST";
            case TYPE_HASH_ZIPLIST -> "HASH_ZIPLIST";
            case TYPE_LIST_QUICKLIST -> "LIST_QUICKLIST";
            case TYPE_STREAM_LISTPACKS -> "STREAM_LISTPACKS";
            case TYPE_HASH_LISTPACK -> "HASH_LISTPACK";
            case TYPE_ZSET_LISTPACK -> "ZSET_LISTPACK";
            case TYPE_LIST_QUICKLIST_2 -> "LIST_QUICKLIST_2";
            case TYPE_STREAM_LISTPACKS_2 -> "STREAM_LISTPACKS_2";
            default -> "type " + type;
        };
    }
}
