package io.replicatedstore.datanode.interop;

import io.replicatedstore.datanode.testing.RedisAndDataNode;
import io.replicatedstore.datanode.testing.RespClient;
import io.replicatedstore.datanode.testing.ServerProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A subscriber to every keyspace and keyevent channel receives the same messages, in the same
 * order, from the data node as from Debian's redis-server 7.0.15 for the same script of write
 * commands: every data type, deletions of emptied keys, expiry (lazy, by a past time and by the
 * active cycle), eviction, MULTI/EXEC and Lua scripts.
 */
class KeyspaceNotificationsIT {

    @RegisterExtension
    static final RedisAndDataNode servers = new RedisAndDataNode("--enable-debug-command", "yes");

    private static final Object[][] SCRIPT = {
        {"SET", "s", "1"}, {"SET", "s", "2", "EX", "100"}, {"SETNX", "s", "3"}, {"SETEX", "s2", "100", "x"},
        {"PSETEX", "s3", "100000", "x"}, {"MSET", "m1", "a", "m2", "b"}, {"MSETNX", "m3", "a", "m4", "b"},
        {"INCR", "n"}, {"DECRBY", "n", "5"}, {"INCRBYFLOAT", "n", "1.5"}, {"APPEND", "s", "tail"},
        {"SETRANGE", "s", "1", "zz"}, {"SETRANGE", "s", "0", ""}, {"GETSET", "s", "g"}, {"GETEX", "s", "PX", "100000"},
        {"GETEX", "s", "PERSIST"}, {"GETEX", "s", "PERSIST"}, {"GETDEL", "m1"}, {"GETDEL", "m1"},
        {"SETBIT", "b", "7", "1"}, {"SETBIT", "b", "7", "1"}, {"BITFIELD", "b", "SET", "u8", "0", "3"},
        {"BITOP", "OR", "b2", "b", "m2"}, {"BITOP", "AND", "b3", "none1", "none2"},
        {"PFADD", "h", "a", "b"}, {"PFADD", "h", "a"}, {"PFMERGE", "h2", "h"},
        {"EXPIRE", "m2", "100"}, {"PEXPIRE", "m2", "1000", "GT"}, {"PERSIST", "m2"}, {"PERSIST", "m2"},
        {"EXPIREAT", "m2", "1"}, {"PEXPIREAT", "nokey", "1"},
        {"RENAME", "s2", "s4"}, {"RENAMENX", "s4", "s3"}, {"SET", "r", "1"}, {"RENAME", "s4", "r"},
        {"MOVE", "r", "3"}, {"COPY", "s3", "c1"}, {"COPY", "s3", "c1", "REPLACE"}, {"COPY", "s3", "c2", "DB", "2"},
        {"DEL", "c1", "nokey", "n"}, {"UNLINK", "s3"}, {"TOUCH", "b"},
        {"LPUSH", "l", "a", "b", "c"}, {"RPUSH", "l", "d"}, {"LPUSHX", "l", "e"}, {"RPUSHX", "nol", "e"},
        {"LPOP", "l"}, {"RPOP", "l", "2"}, {"LINSERT", "l", "BEFORE", "a", "z"}, {"LINSERT", "l", "BEFORE", "q", "z"},
        {"LSET", "l", "0", "y"}, {"LREM", "l", "0", "z"}, {"LTRIM", "l", "0", "5"}, {"LMOVE", "l", "l2", "LEFT", "RIGHT"},
        {"RPOPLPUSH", "l", "l2"}, {"LPUSH", "l3", "a", "b"}, {"LMPOP", "2", "nol", "l3", "LEFT", "COUNT", "5"},
        {"BLPOP", "l2", "0"}, {"BRPOP", "l2", "0"}, {"LPUSH", "l4", "x"}, {"LTRIM", "l4", "1", "0"},
        {"BLMOVE", "nol", "l5", "LEFT", "LEFT", "0.01"},
        {"XADD", "x", "1-1", "f", "v"}, {"XADD", "x", "MAXLEN", "1", "2-1", "f", "v"}, {"XADD", "x", "3-1", "f", "v"},
        {"XDEL", "x", "9-9"}, {"XDEL", "x", "2-1"}, {"XTRIM", "x", "MAXLEN", "5"}, {"XTRIM", "x", "MAXLEN", "0"},
        {"XADD", "x", "4-1", "f", "v"}, {"XSETID", "x", "5-0"}, {"XGROUP", "CREATE", "x", "g", "0"},
        {"XGROUP", "CREATE", "x2", "g", "$", "MKSTREAM"}, {"XGROUP", "SETID", "x", "g", "0"},
        {"XGROUP", "CREATECONSUMER", "x", "g", "c1"}, {"XREADGROUP", "GROUP", "g", "c2", "STREAMS", "x", ">"},
        {"XCLAIM", "x", "g", "c3", "0", "4-1"}, {"XAUTOCLAIM", "x", "g", "c4", "0", "0"},
        {"XGROUP", "DELCONSUMER", "x", "g", "c1"}, {"XGROUP", "DESTROY", "x", "g"}, {"XGROUP", "DESTROY", "x", "g"},
        {"HSET", "hh", "f", "1", "g", "2"}, {"HMSET", "hh", "k", "3"}, {"HSETNX", "hh", "f", "9"}, {"HSETNX", "hh", "z", "9"},
        {"HINCRBY", "hh", "f", "2"}, {"HINCRBYFLOAT", "hh", "f", "0.5"}, {"HDEL", "hh", "nof"}, {"HDEL", "hh", "f", "g"},
        {"HDEL", "hh", "k", "z"},
        {"SADD", "st", "a", "b", "c", "1"}, {"SADD", "st", "a"}, {"SREM", "st", "x"}, {"SREM", "st", "a"},
        {"SMOVE", "st", "st2", "b"}, {"SMOVE", "st2", "st3", "b"}, {"SPOP", "st"}, {"SADD", "st", "p", "q", "r"},
        {"SPOP", "st", "1"}, {"SPOP", "st", "10"}, {"SADD", "sa", "1", "2"}, {"SADD", "sb", "2", "3"},
        {"SINTERSTORE", "si", "sa", "sb"}, {"SUNIONSTORE", "su", "sa", "sb"}, {"SDIFFSTORE", "sd", "sa", "sb"},
        {"SINTERSTORE", "si", "sa", "nos"},
        {"ZADD", "z", "1", "a", "2", "b", "3", "c", "4", "d"}, {"ZADD", "z", "1", "a"}, {"ZADD", "z", "XX", "1", "new"},
        {"ZINCRBY", "z", "1", "a"}, {"ZADD", "z", "INCR", "1", "a"}, {"ZREM", "z", "nom"}, {"ZREM", "z", "a"},
        {"ZPOPMIN", "z"}, {"ZPOPMAX", "z", "1"}, {"ZADD", "z", "5", "e", "6", "f", "7", "g"},
        {"ZREMRANGEBYRANK", "z", "0", "0"}, {"ZREMRANGEBYSCORE", "z", "6", "6"}, {"ZREMRANGEBYLEX", "z", "-", "+"},
        {"ZADD", "za", "1", "x"}, {"ZADD", "zb", "2", "x", "3", "y"}, {"ZUNIONSTORE", "zu", "2", "za", "zb"},
        {"ZINTERSTORE", "zi", "2", "za", "zb"}, {"ZDIFFSTORE", "zd", "2", "zb", "za"}, {"ZDIFFSTORE", "zd", "2", "za", "zb"},
        {"ZRANGESTORE", "zr", "zb", "0", "-1"}, {"ZRANGESTORE", "zr", "zb", "5", "6"}, {"ZMPOP", "1", "zb", "MIN", "COUNT", "9"},
        {"BZPOPMIN", "zu", "0"}, {"BZMPOP", "0", "1", "zu", "MAX"},
        {"GEOADD", "g", "13.361389", "38.115556", "Palermo", "15.087269", "37.502669", "Catania"},
        {"GEOSEARCHSTORE", "gs", "g", "FROMLONLAT", "15", "37", "BYRADIUS", "200", "km", "ASC"},
        {"GEORADIUS", "g", "15", "37", "200", "km", "STORE", "gr"},
        {"GEOSEARCHSTORE", "gs", "nog", "FROMLONLAT", "15", "37", "BYRADIUS", "200", "km", "ASC"},
        {"MULTI"}, {"SET", "t1", "a"}, {"LPUSH", "t2", "a"}, {"DEL", "t1"}, {"EXEC"},
        {"EVAL", "redis.call('set', KEYS[1], 'a'); redis.call('hset', KEYS[2], 'f', 'v'); return redis.call('del', KEYS[1])",
            "2", "e1", "e2"},
        {"SET", "gone", "v", "PXAT", "1"}, {"GET", "gone"},
        {"SET", "past", "v"}, {"GETEX", "past", "PXAT", "1"},
        {"SWAPDB", "0", "1"}, {"SWAPDB", "0", "1"}, {"FLUSHDB"},
    };

    @Test
    void aSubscriberGetsTheSameNotificationsAsFromRedis() throws Exception {
        assertThat(messages(servers.dataNode())).isEqualTo(messages(servers.redis()));
    }

    private static List<String> messages(ServerProcess server) throws Exception {
        try (RespClient client = server.client(); RespClient subscriber = server.client()) {
            client.call("FLUSHALL");
            client.call("DEBUG", "SET-ACTIVE-EXPIRE", "0");
            client.call("CONFIG", "SET", "notify-keyspace-events", "AKEn");
            subscriber.call("PSUBSCRIBE", "__key*__:*");
            subscriber.call("SUBSCRIBE", "end");
            for (Object[] command : SCRIPT) {
                client.call(command);
            }
            // Expired on access: a key whose time passes while nobody looks at it.
            client.call("SET", "lazy", "v", "PX", "20");
            long deadline = System.nanoTime() + 10_000_000_000L;
            while ((Long) client.call("EXISTS", "lazy") == 1L) {
                assertThat(System.nanoTime()).as("lazy expired within 10s").isLessThan(deadline);
                Thread.sleep(5);
            }
            // Expired by the active cycle.
            client.call("SET", "active", "v", "PX", "20");
            client.call("DEBUG", "SET-ACTIVE-EXPIRE", "1");
            while ((Long) client.call("DBSIZE") == 1L) {
                assertThat(System.nanoTime()).as("active expiry within 10s").isLessThan(deadline);
                Thread.sleep(5);
            }
            // Evicted: the only key, once maxmemory is far below what is used.
            client.call("FLUSHALL");
            client.call("CONFIG", "SET", "maxmemory-policy", "allkeys-lru");
            client.call("SET", "victim", "v");
            client.call("CONFIG", "SET", "maxmemory", "1");
            client.call("CONFIG", "SET", "maxmemory", "0");
            client.call("CONFIG", "SET", "notify-keyspace-events", "");
            client.call("PUBLISH", "end", "end");
            List<String> received = new ArrayList<>();
            while (true) {
                List<?> message = (List<?>) subscriber.read();
                if (message.get(0).toString().equals("message")) {
                    break;
                }
                received.add(message.get(2) + " " + message.get(3));
            }
            return received;
        }
    }
}
