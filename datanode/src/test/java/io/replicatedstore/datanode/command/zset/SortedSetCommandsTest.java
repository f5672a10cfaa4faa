package io.replicatedstore.datanode.command.zset;

import io.replicatedstore.datanode.testing.NodeExtension;
import io.replicatedstore.datanode.testing.RespClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class SortedSetCommandsTest {

    private static final RespClient.Error WRONGTYPE =
            new RespClient.Error("WRONGTYPE Operation against a key holding the wrong kind of value");
    private static final RespClient.Error SYNTAX = new RespClient.Error("ERR syntax error");
    private static final RespClient.Error NOT_INTEGER = new RespClient.Error("ERR value is not an integer or out of range");
    private static final RespClient.Error NOT_FLOAT = new RespClient.Error("ERR value is not a valid float");
    private static final RespClient.Error RANGE_NOT_FLOAT = new RespClient.Error("ERR min or max is not a float");
    private static final RespClient.Error BAD_LEX = new RespClient.Error("ERR min or max not valid string range item");

    @RegisterExtension
    static final NodeExtension node = NodeExtension.start();
    /** A node with tiny listpack limits, for encoding transitions and multi-step ZSCAN. */
    @RegisterExtension
    static final NodeExtension small =
            NodeExtension.start("--zset-max-listpack-entries", "4", "--zset-max-listpack-value", "8");

    private static List<Object> list(Object... items) {
        return Arrays.asList(items);
    }

    private static RespClient.Error error(String message) {
        return new RespClient.Error(message);
    }

    // ---- ZADD / ZINCRBY ---------------------------------------------------------------------------

    @Test
    void zaddAddsMembersAndScoresComeBackFormattedAsRedisDoes() {
        try (RespClient c = node.client()) {
            assertThat(c.call("ZADD", "add:z", "1.1", "a", "0.1", "b", "-inf", "c", "3", "d")).isEqualTo(4L);
            assertThat(c.call("ZADD", "add:z", "1.1", "a")).isEqualTo(0L);
            assertThat(c.call("ZSCORE", "add:z", "a")).isEqualTo("1.1000000000000001");
            assertThat(c.call("ZSCORE", "add:z", "b")).isEqualTo("0.10000000000000001");
            assertThat(c.call("ZSCORE", "add:z", "c")).isEqualTo("-inf");
            assertThat(c.call("ZSCORE", "add:z", "d")).isEqualTo("3");
            assertThat(c.call("ZSCORE", "add:z", "nope")).isNull();
            assertThat(c.call("ZSCORE", "add:missing", "a")).isNull();
            assertThat(c.call("ZRANGE", "add:z", "0", "-1", "WITHSCORES"))
                    .isEqualTo(list("c", "-inf", "b", "0.10000000000000001", "a", "1.1000000000000001", "d", "3"));
            assertThat(c.call("ZADD", "add:z", "1e20", "big", "2.5e-5", "tiny", "0x10", "hex")).isEqualTo(3L);
            assertThat(c.call("ZMSCORE", "add:z", "big", "tiny", "hex", "nope"))
                    .isEqualTo(list("1e+20", "2.5000000000000001e-05", "16", null));
            assertThat(c.call("ZMSCORE", "add:missing", "a", "b")).isEqualTo(list(null, null));
            assertThat(c.call("ZCARD", "add:z")).isEqualTo(7L);
            assertThat(c.call("ZCARD", "add:missing")).isEqualTo(0L);
        }
    }

    @Test
    void zaddHonoursNxXxGtLtAndCh() {
        try (RespClient c = node.client()) {
            c.call("ZADD", "opt:z", "1", "a", "2", "b", "3", "c");
            assertThat(c.call("ZADD", "opt:z", "NX", "10", "a", "4", "d")).isEqualTo(1L);
            assertThat(c.call("ZSCORE", "opt:z", "a")).isEqualTo("1");
            assertThat(c.call("ZADD", "opt:z", "XX", "10", "a", "5", "e")).isEqualTo(0L);
            assertThat(c.call("ZSCORE", "opt:z", "a")).isEqualTo("10");
            assertThat(c.call("ZSCORE", "opt:z", "e")).isNull();
            assertThat(c.call("ZADD", "opt:z", "XX", "CH", "20", "a", "5", "e")).isEqualTo(1L);
            assertThat(c.call("ZADD", "opt:z", "ch", "20", "a", "21", "b", "6", "f")).isEqualTo(2L);
            assertThat(c.call("ZADD", "opt:z", "GT", "CH", "1", "a", "30", "b", "40", "c")).isEqualTo(2L);
            assertThat(c.call("ZADD", "opt:z", "LT", "CH", "100", "a", "2", "c", "7", "g")).isEqualTo(2L);
            assertThat(c.call("ZRANGE", "opt:z", "0", "-1", "WITHSCORES"))
                    .isEqualTo(list("c", "2", "d", "4", "f", "6", "g", "7", "a", "20", "b", "30"));
            assertThat(c.call("ZADD", "opt:new", "XX", "1", "a")).isEqualTo(0L);
            assertThat(c.call("EXISTS", "opt:new")).isEqualTo(0L);
            assertThat(c.call("ZADD", "opt:new", "GT", "5", "a")).isEqualTo(1L);
        }
    }

    @Test
    void zaddRejectsIncompatibleOptionsAndBadScoresBeforeChangingAnything() {
        try (RespClient c = node.client()) {
            c.call("ZADD", "err:z", "1", "a");
            assertThat(c.call("ZADD", "err:z", "NX", "XX", "1", "a"))
                    .isEqualTo(error("ERR XX and NX options at the same time are not compatible"));
            RespClient.Error gtLtNx = error("ERR GT, LT, and/or NX options at the same time are not compatible");
            assertThat(c.call("ZADD", "err:z", "GT", "LT", "1", "a")).isEqualTo(gtLtNx);
            assertThat(c.call("ZADD", "err:z", "NX", "GT", "1", "a")).isEqualTo(gtLtNx);
            assertThat(c.call("ZADD", "err:z", "LT", "NX", "1", "a")).isEqualTo(gtLtNx);
            assertThat(c.call("ZADD", "err:z", "INCR", "1", "a", "2", "b"))
                    .isEqualTo(error("ERR INCR option supports a single increment-element pair"));
            assertThat(c.call("ZADD", "err:z", "1", "a", "2")).isEqualTo(SYNTAX);
            assertThat(c.call("ZADD", "err:z", "NX", "CH")).isEqualTo(SYNTAX);
            assertThat(c.call("ZADD", "err:z", "5", "a", "x", "b")).isEqualTo(NOT_FLOAT);
            assertThat(c.call("ZADD", "err:z", "nan", "a")).isEqualTo(NOT_FLOAT);
            assertThat(c.call("ZADD", "err:z", "1e500", "a")).isEqualTo(NOT_FLOAT);
            assertThat(c.call("ZADD", "err:z", "1e-400", "a")).isEqualTo(NOT_FLOAT);
            assertThat(c.call("ZADD", "err:z", " 1", "a")).isEqualTo(NOT_FLOAT);
            assertThat(c.call("ZADD", "err:z", "")).isEqualTo(error("ERR wrong number of arguments for 'zadd' command"));
            assertThat(c.call("ZSCORE", "err:z", "a")).isEqualTo("1");
            assertThat(c.call("ZCARD", "err:z")).isEqualTo(1L);
        }
    }

    @Test
    void zaddIncrRepliesWithTheNewScoreOrNullWhenAnOptionBlocksIt() {
        try (RespClient c = node.client()) {
            assertThat(c.call("ZADD", "incr:z", "INCR", "1.5", "a")).isEqualTo("1.5");
            assertThat(c.call("ZADD", "incr:z", "INCR", "0.1", "a")).isEqualTo("1.6000000000000001");
            assertThat(c.call("ZADD", "incr:z", "INCR", "NX", "1", "a")).isNull();
            assertThat(c.call("ZADD", "incr:z", "INCR", "XX", "1", "nope")).isNull();
            assertThat(c.call("ZADD", "incr:z", "INCR", "GT", "-1", "a")).isNull();
            assertThat(c.call("ZADD", "incr:z", "INCR", "LT", "-1", "a")).isEqualTo("0.60000000000000009");
            assertThat(c.call("ZADD", "incr:z", "INCR", "GT", "0", "a")).isNull();
            assertThat(c.call("ZADD", "incr:z", "INCR", "0", "a")).isEqualTo("0.60000000000000009");
            assertThat(c.call("ZADD", "incr:none", "XX", "INCR", "1", "a")).isNull();
            assertThat(c.call("EXISTS", "incr:none")).isEqualTo(0L);
        }
    }

    @Test
    void zincrbyAddsToTheScoreAndRefusesToProduceNan() {
        try (RespClient c = node.client()) {
            assertThat(c.call("ZINCRBY", "zi:z", "1.5", "m")).isEqualTo("1.5");
            assertThat(c.call("ZINCRBY", "zi:z", "0.1", "m")).isEqualTo("1.6000000000000001");
            assertThat(c.call("ZINCRBY", "zi:z", "x", "m")).isEqualTo(NOT_FLOAT);
            assertThat(c.call("ZADD", "zi:z", "+inf", "inf")).isEqualTo(1L);
            assertThat(c.call("ZINCRBY", "zi:z", "-inf", "inf"))
                    .isEqualTo(error("ERR resulting score is not a number (NaN)"));
            assertThat(c.call("ZINCRBY", "zi:z", "1", "inf")).isEqualTo("inf");
            assertThat(c.call("ZINCRBY", "zi:z", "nx", "5")).isEqualTo(SYNTAX);
            assertThat(c.call("ZSCORE", "zi:z", "inf")).isEqualTo("inf");
        }
    }

    @Test
    void negativeZeroIsStoredAsZeroWhileTheSetIsAListpack() {
        try (RespClient c = node.client(); RespClient s = small.client()) {
            assertThat(c.call("ZADD", "nz:z", "-0", "a")).isEqualTo(1L);
            assertThat(c.call("ZSCORE", "nz:z", "a")).isEqualTo("0");
            assertThat(c.call("ZADD", "nz:i", "INCR", "-0", "a")).isEqualTo("-0");
            s.call("ZADD", "nz:big", "1", "a", "2", "b", "3", "c", "4", "d", "5", "e");
            assertThat(s.call("OBJECT", "ENCODING", "nz:big")).isEqualTo("skiplist");
            assertThat(s.call("ZADD", "nz:big", "-0", "z")).isEqualTo(1L);
            assertThat(s.call("ZSCORE", "nz:big", "z")).isEqualTo("-0");
        }
    }

    // ---- ZREM / ZCOUNT / ZLEXCOUNT ----------------------------------------------------------------

    @Test
    void zremRemovesMembersAndDeletesTheEmptiedKey() {
        try (RespClient c = node.client()) {
            c.call("ZADD", "rem:z", "1", "a", "2", "b", "3", "c");
            assertThat(c.call("ZREM", "rem:z", "a", "nope")).isEqualTo(1L);
            assertThat(c.call("ZREM", "rem:z", "nope")).isEqualTo(0L);
            assertThat(c.call("ZREM", "rem:missing", "a")).isEqualTo(0L);
            assertThat(c.call("ZREM", "rem:z", "b", "c", "b")).isEqualTo(2L);
            assertThat(c.call("EXISTS", "rem:z")).isEqualTo(0L);
        }
    }

    @Test
    void zcountAndZlexcountHonourInclusiveAndExclusiveBounds() {
        try (RespClient c = node.client()) {
            c.call("ZADD", "cnt:z", "1", "a", "2", "b", "3", "c", "4", "d", "5", "e");
            assertThat(c.call("ZCOUNT", "cnt:z", "2", "4")).isEqualTo(3L);
            assertThat(c.call("ZCOUNT", "cnt:z", "(2", "4")).isEqualTo(2L);
            assertThat(c.call("ZCOUNT", "cnt:z", "(2", "(4")).isEqualTo(1L);
            assertThat(c.call("ZCOUNT", "cnt:z", "-inf", "+inf")).isEqualTo(5L);
            assertThat(c.call("ZCOUNT", "cnt:z", "4", "2")).isEqualTo(0L);
            assertThat(c.call("ZCOUNT", "cnt:z", "(1", "(1")).isEqualTo(0L);
            // strtod-style bounds: leading blanks, empty string as 0, overflow to infinity.
            assertThat(c.call("ZCOUNT", "cnt:z", " 2", "1e500")).isEqualTo(4L);
            assertThat(c.call("ZCOUNT", "cnt:z", "", "(")).isEqualTo(0L);
            assertThat(c.call("ZCOUNT", "cnt:z", "x", "1")).isEqualTo(RANGE_NOT_FLOAT);
            assertThat(c.call("ZCOUNT", "cnt:z", "1", "nan")).isEqualTo(RANGE_NOT_FLOAT);
            assertThat(c.call("ZCOUNT", "cnt:z", "1 ", "2")).isEqualTo(RANGE_NOT_FLOAT);
            assertThat(c.call("ZCOUNT", "cnt:missing", "0", "1")).isEqualTo(0L);

            c.call("ZADD", "cnt:lex", "0", "a", "0", "b", "0", "c", "0", "d", "0", "e");
            assertThat(c.call("ZLEXCOUNT", "cnt:lex", "-", "+")).isEqualTo(5L);
            assertThat(c.call("ZLEXCOUNT", "cnt:lex", "[b", "[d")).isEqualTo(3L);
            assertThat(c.call("ZLEXCOUNT", "cnt:lex", "(b", "(d")).isEqualTo(1L);
            assertThat(c.call("ZLEXCOUNT", "cnt:lex", "+", "-")).isEqualTo(0L);
            assertThat(c.call("ZLEXCOUNT", "cnt:lex", "[", "+")).isEqualTo(5L);
            assertThat(c.call("ZLEXCOUNT", "cnt:lex", "b", "[d")).isEqualTo(BAD_LEX);
            assertThat(c.call("ZLEXCOUNT", "cnt:lex", "[b", "-x")).isEqualTo(BAD_LEX);
            assertThat(c.call("ZLEXCOUNT", "cnt:missing", "-", "+")).isEqualTo(0L);
        }
    }

    // ---- ZRANGE family ----------------------------------------------------------------------------

    @Test
    void zrangeByRankSupportsNegativeIndexesAndRev() {
        try (RespClient c = node.client()) {
            c.call("ZADD", "rk:z", "1", "a", "2", "b", "3", "c", "4", "d", "5", "e");
            assertThat(c.call("ZRANGE", "rk:z", "0", "-1")).isEqualTo(list("a", "b", "c", "d", "e"));
            assertThat(c.call("ZRANGE", "rk:z", "1", "2", "WITHSCORES")).isEqualTo(list("b", "2", "c", "3"));
            assertThat(c.call("ZRANGE", "rk:z", "-2", "-1")).isEqualTo(list("d", "e"));
            assertThat(c.call("ZRANGE", "rk:z", "-100", "100")).isEqualTo(list("a", "b", "c", "d", "e"));
            assertThat(c.call("ZRANGE", "rk:z", "3", "1")).isEqualTo(list());
            assertThat(c.call("ZRANGE", "rk:z", "10", "20")).isEqualTo(list());
            assertThat(c.call("ZRANGE", "rk:z", "0", "1", "REV", "WITHSCORES")).isEqualTo(list("e", "5", "d", "4"));
            assertThat(c.call("ZREVRANGE", "rk:z", "0", "1")).isEqualTo(list("e", "d"));
            assertThat(c.call("ZRANGE", "rk:z", "-9223372036854775808", "9223372036854775807"))
                    .isEqualTo(list("a", "b", "c", "d", "e"));
            assertThat(c.call("ZRANGE", "rk:missing", "0", "-1", "WITHSCORES")).isEqualTo(list());
            assertThat(c.call("ZRANGE", "rk:z", "a", "1")).isEqualTo(NOT_INTEGER);
        }
    }

    @Test
    void zrangeByScoreAndByLexSupportLimitAndReverse() {
        try (RespClient c = node.client()) {
            c.call("ZADD", "bs:z", "1", "a", "2", "b", "3", "c", "4", "d", "5", "e");
            assertThat(c.call("ZRANGE", "bs:z", "2", "4", "BYSCORE")).isEqualTo(list("b", "c", "d"));
            assertThat(c.call("ZRANGE", "bs:z", "(2", "+inf", "BYSCORE", "WITHSCORES"))
                    .isEqualTo(list("c", "3", "d", "4", "e", "5"));
            assertThat(c.call("ZRANGE", "bs:z", "4", "(2", "BYSCORE", "REV")).isEqualTo(list("d", "c"));
            assertThat(c.call("ZRANGE", "bs:z", "-inf", "+inf", "BYSCORE", "LIMIT", "1", "2")).isEqualTo(list("b", "c"));
            assertThat(c.call("ZRANGE", "bs:z", "-inf", "+inf", "BYSCORE", "LIMIT", "1", "-1"))
                    .isEqualTo(list("b", "c", "d", "e"));
            assertThat(c.call("ZRANGE", "bs:z", "-inf", "+inf", "BYSCORE", "LIMIT", "-1", "2")).isEqualTo(list());
            assertThat(c.call("ZRANGE", "bs:z", "-inf", "+inf", "BYSCORE", "LIMIT", "10", "2")).isEqualTo(list());
            assertThat(c.call("ZRANGE", "bs:z", "-inf", "+inf", "BYSCORE", "LIMIT", "0", "0")).isEqualTo(list());
            assertThat(c.call("ZRANGE", "bs:z", "+inf", "-inf", "BYSCORE", "REV", "LIMIT", "1", "2", "WITHSCORES"))
                    .isEqualTo(list("d", "4", "c", "3"));
            assertThat(c.call("ZRANGEBYSCORE", "bs:z", "(1", "4", "WITHSCORES", "LIMIT", "1", "10"))
                    .isEqualTo(list("c", "3", "d", "4"));
            assertThat(c.call("ZREVRANGEBYSCORE", "bs:z", "4", "2")).isEqualTo(list("d", "c", "b"));
            assertThat(c.call("ZREVRANGEBYSCORE", "bs:z", "2", "4")).isEqualTo(list());

            c.call("ZADD", "bs:lex", "0", "a", "0", "b", "0", "c", "0", "d", "0", "e");
            assertThat(c.call("ZRANGE", "bs:lex", "[b", "(e", "BYLEX")).isEqualTo(list("b", "c", "d"));
            assertThat(c.call("ZRANGE", "bs:lex", "-", "+", "BYLEX", "LIMIT", "2", "2")).isEqualTo(list("c", "d"));
            assertThat(c.call("ZRANGE", "bs:lex", "+", "-", "BYLEX", "REV")).isEqualTo(list("e", "d", "c", "b", "a"));
            assertThat(c.call("ZRANGEBYLEX", "bs:lex", "[b", "[c")).isEqualTo(list("b", "c"));
            assertThat(c.call("ZREVRANGEBYLEX", "bs:lex", "(d", "-")).isEqualTo(list("c", "b", "a"));
        }
    }

    @Test
    void lexRangesOverMixedScoresWalkASmallSetLinearlyAsRedisDoes() {
        try (RespClient c = node.client()) {
            c.call("ZADD", "mix:z", "0", "a", "1", "c", "2", "b", "3", "e", "4", "d");
            assertThat(c.call("ZRANGEBYLEX", "mix:z", "[c", "+")).isEqualTo(list("c", "b", "e", "d"));
            assertThat(c.call("ZRANGEBYLEX", "mix:z", "[b", "[d")).isEqualTo(list("c", "b"));
            assertThat(c.call("ZREVRANGEBYLEX", "mix:z", "+", "[c")).isEqualTo(list("d", "e"));
            assertThat(c.call("ZLEXCOUNT", "mix:z", "[c", "+")).isEqualTo(4L);
            assertThat(c.call("ZREMRANGEBYLEX", "mix:z", "[c", "+")).isEqualTo(4L);
            assertThat(c.call("ZRANGE", "mix:z", "0", "-1")).isEqualTo(list("a"));
        }
    }

    @Test
    void zrangeRejectsConflictingOptionsWithRedisMessages() {
        try (RespClient c = node.client()) {
            c.call("ZADD", "ro:z", "1", "a");
            assertThat(c.call("ZRANGE", "ro:z", "0", "-1", "LIMIT", "0", "1")).isEqualTo(error(
                    "ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX"));
            assertThat(c.call("ZREVRANGE", "ro:z", "0", "-1", "LIMIT", "0", "1")).isEqualTo(error(
                    "ERR syntax error, LIMIT is only supported in combination with either BYSCORE or BYLEX"));
            // LIMIT 0 -1 is the default, so Redis lets it through.
            assertThat(c.call("ZRANGE", "ro:z", "0", "-1", "LIMIT", "0", "-1")).isEqualTo(list("a"));
            assertThat(c.call("ZRANGE", "ro:z", "-", "+", "BYLEX", "WITHSCORES"))
                    .isEqualTo(error("ERR syntax error, WITHSCORES not supported in combination with BYLEX"));
            assertThat(c.call("ZRANGEBYLEX", "ro:z", "-", "+", "WITHSCORES"))
                    .isEqualTo(error("ERR syntax error, WITHSCORES not supported in combination with BYLEX"));
            assertThat(c.call("ZRANGE", "ro:z", "a", "b", "BYSCORE")).isEqualTo(RANGE_NOT_FLOAT);
            assertThat(c.call("ZRANGE", "ro:z", "a", "b", "BYLEX")).isEqualTo(BAD_LEX);
            assertThat(c.call("ZRANGE", "ro:z", "0", "-1", "BYSCORE", "BYLEX")).isEqualTo(SYNTAX);
            assertThat(c.call("ZRANGE", "ro:z", "0", "-1", "REV", "REV")).isEqualTo(SYNTAX);
            assertThat(c.call("ZRANGE", "ro:z", "0", "-1", "LIMIT", "0")).isEqualTo(SYNTAX);
            assertThat(c.call("ZRANGE", "ro:z", "0", "1", "BYSCORE", "LIMIT", "x", "1")).isEqualTo(NOT_INTEGER);
            assertThat(c.call("ZRANGEBYSCORE", "ro:z", "0", "1", "REV")).isEqualTo(SYNTAX);
            assertThat(c.call("ZREVRANGE", "ro:z", "0", "-1", "BYSCORE")).isEqualTo(SYNTAX);
            assertThat(c.call("ZRANGE", "ro:z", "0")).isEqualTo(error("ERR wrong number of arguments for 'zrange' command"));
        }
    }

    @Test
    void zrangestoreStoresTheRangeOrDeletesTheDestinationWhenEmpty() {
        try (RespClient c = node.client()) {
            c.call("ZADD", "rs:src", "1", "a", "2.5", "b", "3", "c", "4", "d");
            assertThat(c.call("ZRANGESTORE", "rs:dst", "rs:src", "0", "1")).isEqualTo(2L);
            assertThat(c.call("ZRANGE", "rs:dst", "0", "-1", "WITHSCORES")).isEqualTo(list("a", "1", "b", "2.5"));
            assertThat(c.call("ZRANGESTORE", "rs:dst", "rs:src", "4", "2", "BYSCORE", "REV", "LIMIT", "0", "2")).isEqualTo(2L);
            assertThat(c.call("ZRANGE", "rs:dst", "0", "-1")).isEqualTo(list("c", "d"));
            c.call("EXPIRE", "rs:dst", "1000");
            assertThat(c.call("ZRANGESTORE", "rs:dst", "rs:src", "[a", "[b", "BYLEX")).isEqualTo(2L);
            assertThat(c.call("TTL", "rs:dst")).isEqualTo(-1L);
            assertThat(c.call("ZRANGESTORE", "rs:dst", "rs:src", "10", "20")).isEqualTo(0L);
            assertThat(c.call("EXISTS", "rs:dst")).isEqualTo(0L);
            c.call("SET", "rs:dst", "string");
            assertThat(c.call("ZRANGESTORE", "rs:dst", "rs:missing", "0", "-1")).isEqualTo(0L);
            assertThat(c.call("EXISTS", "rs:dst")).isEqualTo(0L);
            assertThat(c.call("ZRANGESTORE", "rs:dst", "rs:src", "0", "-1", "WITHSCORES")).isEqualTo(SYNTAX);
            assertThat(c.call("ZRANGESTORE", "rs:src", "rs:src", "0", "0")).isEqualTo(1L);
            assertThat(c.call("ZRANGE", "rs:src", "0", "-1")).isEqualTo(list("a"));
        }
    }

    @Test
    void zrankAndZrevrankGiveZeroBasedRanksOrNull() {
        try (RespClient c = node.client()) {
            c.call("ZADD", "rank:z", "1", "a", "2", "b", "3", "c");
            assertThat(c.call("ZRANK", "rank:z", "a")).isEqualTo(0L);
            assertThat(c.call("ZRANK", "rank:z", "c")).isEqualTo(2L);
            assertThat(c.call("ZREVRANK", "rank:z", "a")).isEqualTo(2L);
            assertThat(c.call("ZREVRANK", "rank:z", "c")).isEqualTo(0L);
            assertThat(c.call("ZRANK", "rank:z", "nope")).isNull();
            assertThat(c.call("ZRANK", "rank:missing", "a")).isNull();
        }
    }

    // ---- pops -------------------------------------------------------------------------------------

    @Test
    void zpopminAndZpopmaxRemoveFromEitherEndAndDeleteTheEmptiedKey() {
        try (RespClient c = node.client()) {
            c.call("ZADD", "pop:z", "1.1", "a", "2.2", "b", "3.3", "c", "4.4", "d");
            assertThat(c.call("ZPOPMIN", "pop:z")).isEqualTo(list("a", "1.1000000000000001"));
            assertThat(c.call("ZPOPMAX", "pop:z")).isEqualTo(list("d", "4.4000000000000004"));
            assertThat(c.call("ZPOPMIN", "pop:z", "0")).isEqualTo(list());
            assertThat(c.call("ZPOPMAX", "pop:z", "10")).isEqualTo(list("c", "3.2999999999999998", "b", "2.2000000000000002"));
            assertThat(c.call("EXISTS", "pop:z")).isEqualTo(0L);
            assertThat(c.call("ZPOPMIN", "pop:z")).isEqualTo(list());
            assertThat(c.call("ZPOPMIN", "pop:z", "2")).isEqualTo(list());
            RespClient.Error positive = error("ERR value is out of range, must be positive");
            assertThat(c.call("ZPOPMIN", "pop:z", "-1")).isEqualTo(positive);
            assertThat(c.call("ZPOPMIN", "pop:z", "x")).isEqualTo(positive);
            assertThat(c.call("ZPOPMIN", "pop:z", "1", "2")).isEqualTo(SYNTAX);
        }
    }

    @Test
    void zmpopPopsFromTheFirstNonEmptyKey() {
        try (RespClient c = node.client()) {
            c.call("ZADD", "mpop:z", "1", "a", "2", "b", "3", "c");
            assertThat(c.call("ZMPOP", "2", "mpop:missing", "mpop:z", "MAX", "COUNT", "2"))
                    .isEqualTo(list("mpop:z", list(list("c", "3"), list("b", "2"))));
            assertThat(c.call("ZMPOP", "1", "mpop:z", "MIN", "COUNT", "10")).isEqualTo(list("mpop:z", list(list("a", "1"))));
            assertThat(c.call("ZMPOP", "1", "mpop:z", "MIN")).isNull();
            RespClient.Error numkeys = error("ERR numkeys should be greater than 0");
            assertThat(c.call("ZMPOP", "0", "mpop:z", "MIN")).isEqualTo(numkeys);
            assertThat(c.call("ZMPOP", "x", "mpop:z", "MIN")).isEqualTo(numkeys);
            assertThat(c.call("ZMPOP", "1", "mpop:z", "FOO")).isEqualTo(SYNTAX);
            assertThat(c.call("ZMPOP", "5", "mpop:z", "MIN")).isEqualTo(SYNTAX);
            assertThat(c.call("ZMPOP", "1", "mpop:z", "MIN", "COUNT", "0"))
                    .isEqualTo(error("ERR count should be greater than 0"));
            assertThat(c.call("ZMPOP", "1", "mpop:z", "MIN", "COUNT", "1", "COUNT", "1")).isEqualTo(SYNTAX);
        }
    }

    // ---- ZREMRANGEBY* -----------------------------------------------------------------------------

    @Test
    void zremrangeCommandsRemoveByScoreRankAndLex() {
        try (RespClient c = node.client()) {
            c.call("ZADD", "rr:z", "1", "a", "2", "b", "3", "c", "4", "d", "5", "e", "6", "f");
            assertThat(c.call("ZREMRANGEBYSCORE", "rr:z", "(1", "2")).isEqualTo(1L);
            assertThat(c.call("ZREMRANGEBYSCORE", "rr:z", "10", "20")).isEqualTo(0L);
            assertThat(c.call("ZREMRANGEBYSCORE", "rr:z", "x", "1")).isEqualTo(RANGE_NOT_FLOAT);
            assertThat(c.call("ZREMRANGEBYRANK", "rr:z", "0", "0")).isEqualTo(1L);
            assertThat(c.call("ZREMRANGEBYRANK", "rr:z", "-1", "-1")).isEqualTo(1L);
            assertThat(c.call("ZREMRANGEBYRANK", "rr:z", "5", "10")).isEqualTo(0L);
            assertThat(c.call("ZREMRANGEBYRANK", "rr:z", "x", "1")).isEqualTo(NOT_INTEGER);
            assertThat(c.call("ZRANGE", "rr:z", "0", "-1")).isEqualTo(list("c", "d", "e"));
            assertThat(c.call("ZREMRANGEBYRANK", "rr:z", "0", "-1")).isEqualTo(3L);
            assertThat(c.call("EXISTS", "rr:z")).isEqualTo(0L);

            c.call("ZADD", "rr:lex", "0", "a", "0", "b", "0", "c", "0", "d");
            assertThat(c.call("ZREMRANGEBYLEX", "rr:lex", "[a", "(c")).isEqualTo(2L);
            assertThat(c.call("ZREMRANGEBYLEX", "rr:lex", "x", "y")).isEqualTo(BAD_LEX);
            assertThat(c.call("ZREMRANGEBYLEX", "rr:lex", "-", "+")).isEqualTo(2L);
            assertThat(c.call("EXISTS", "rr:lex")).isEqualTo(0L);
            assertThat(c.call("ZREMRANGEBYSCORE", "rr:missing", "-inf", "+inf")).isEqualTo(0L);
        }
    }

    // ---- ZSCAN ------------------------------------------------------------------------------------

    @Test
    void zscanReturnsASmallSetWholeWithScoresAsStrings() {
        try (RespClient c = node.client()) {
            c.call("ZADD", "scan:z", "1.1", "one", "2", "two", "3.5", "three");
            assertThat(c.call("ZSCAN", "scan:z", "0"))
                    .isEqualTo(list("0", list("one", "1.1000000000000001", "two", "2", "three", "3.5")));
            assertThat(c.call("ZSCAN", "scan:z", "0", "MATCH", "t*", "COUNT", "1"))
                    .isEqualTo(list("0", list("two", "2", "three", "3.5")));
            assertThat(c.call("ZSCAN", "scan:z", "0", "COUNT", "0")).isEqualTo(SYNTAX);
            assertThat(c.call("ZSCAN", "scan:z", "0", "FOO", "bar")).isEqualTo(SYNTAX);
            assertThat(c.call("ZSCAN", "scan:z", "x")).isEqualTo(error("ERR invalid cursor"));
            assertThat(c.call("ZSCAN", "scan:z", " 0")).isEqualTo(error("ERR invalid cursor"));
            assertThat(c.call("ZSCAN", "scan:z", "18446744073709551616")).isEqualTo(error("ERR invalid cursor"));
            assertThat(c.call("ZSCAN", "scan:missing", "0", "COUNT", "0")).isEqualTo(list("0", list()));
        }
    }

    @Test
    void zscanOverALargeSetVisitsEveryMemberAcrossCalls() {
        try (RespClient c = node.client()) {
            List<Object> args = new ArrayList<>(List.of("ZADD", "scan:big"));
            for (int i = 0; i < 500; i++) {
                args.add(Integer.toString(i));
                args.add("m" + i);
            }
            assertThat(c.call(args.toArray())).isEqualTo(500L);
            assertThat(c.call("OBJECT", "ENCODING", "scan:big")).isEqualTo("skiplist");
            Map<String, String> seen = new HashMap<>();
            String cursor = "0";
            int calls = 0;
            do {
                @SuppressWarnings("unchecked")
                List<Object> reply = (List<Object>) c.call("ZSCAN", "scan:big", cursor, "COUNT", "50");
                cursor = (String) reply.get(0);
                @SuppressWarnings("unchecked")
                List<Object> items = (List<Object>) reply.get(1);
                for (int i = 0; i < items.size(); i += 2) {
                    seen.put((String) items.get(i), (String) items.get(i + 1));
                }
                calls++;
            } while (!cursor.equals("0") && calls < 1000);
            assertThat(calls).isGreaterThan(1);
            assertThat(seen).hasSize(500).containsEntry("m42", "42");
        }
    }

    // ---- set operations ---------------------------------------------------------------------------

    @Test
    void zunionstoreAndZinterstoreAggregateWeightedScores() {
        try (RespClient c = node.client()) {
            c.call("ZADD", "{so}u1", "1", "a", "2", "b", "3", "c");
            c.call("ZADD", "{so}u2", "10", "b", "20", "c", "30", "d");
            c.call("SADD", "{so}plain", "a", "d", "x");
            assertThat(c.call("ZUNIONSTORE", "{so}out", "2", "{so}u1", "{so}u2")).isEqualTo(4L);
            assertThat(c.call("ZRANGE", "{so}out", "0", "-1", "WITHSCORES"))
                    .isEqualTo(list("a", "1", "b", "12", "c", "23", "d", "30"));
            assertThat(c.call("ZUNIONSTORE", "{so}out", "2", "{so}u1", "{so}u2", "WEIGHTS", "2", "0.5")).isEqualTo(4L);
            assertThat(c.call("ZRANGE", "{so}out", "0", "-1", "WITHSCORES"))
                    .isEqualTo(list("a", "2", "b", "9", "d", "15", "c", "16"));
            assertThat(c.call("ZUNIONSTORE", "{so}out", "3", "{so}u1", "{so}u2", "{so}plain", "AGGREGATE", "MAX"))
                    .isEqualTo(5L);
            assertThat(c.call("ZRANGE", "{so}out", "0", "-1", "WITHSCORES"))
                    .isEqualTo(list("a", "1", "x", "1", "b", "10", "c", "20", "d", "30"));
            assertThat(c.call("ZINTERSTORE", "{so}out", "2", "{so}u1", "{so}u2", "AGGREGATE", "MIN")).isEqualTo(2L);
            assertThat(c.call("ZRANGE", "{so}out", "0", "-1", "WITHSCORES")).isEqualTo(list("b", "2", "c", "3"));
            assertThat(c.call("ZINTERSTORE", "{so}out", "2", "{so}u1", "{so}plain")).isEqualTo(1L);
            assertThat(c.call("ZRANGE", "{so}out", "0", "-1", "WITHSCORES")).isEqualTo(list("a", "2"));
            assertThat(c.call("ZINTERSTORE", "{so}out", "2", "{so}u1", "{so}missing")).isEqualTo(0L);
            assertThat(c.call("EXISTS", "{so}out")).isEqualTo(0L);
            assertThat(c.call("ZINTERSTORE", "{so}u1", "2", "{so}u1", "{so}u1")).isEqualTo(3L);
            assertThat(c.call("ZRANGE", "{so}u1", "0", "-1", "WITHSCORES")).isEqualTo(list("a", "2", "b", "4", "c", "6"));
        }
    }

    @Test
    void infiniteScoresThatWouldSumToNanCountAsZero() {
        try (RespClient c = node.client()) {
            c.call("ZADD", "{inf}z", "+inf", "a", "-inf", "b");
            assertThat(c.call("ZUNION", "2", "{inf}z", "{inf}z", "WEIGHTS", "1", "-1", "WITHSCORES"))
                    .isEqualTo(list("a", "0", "b", "0"));
            assertThat(c.call("ZUNION", "1", "{inf}z", "WEIGHTS", "0", "WITHSCORES")).isEqualTo(list("a", "0", "b", "0"));
        }
    }

    @Test
    void readOnlySetOperationsReplyWithTheResult() {
        try (RespClient c = node.client()) {
            c.call("ZADD", "{ro}u1", "1", "a", "2", "b", "3", "c");
            c.call("ZADD", "{ro}u2", "10", "b", "20", "c", "30", "d");
            assertThat(c.call("ZUNION", "2", "{ro}u1", "{ro}u2")).isEqualTo(list("a", "b", "c", "d"));
            assertThat(c.call("ZUNION", "2", "{ro}u1", "{ro}u2", "WEIGHTS", "1", "2", "AGGREGATE", "MAX", "WITHSCORES"))
                    .isEqualTo(list("a", "1", "b", "20", "c", "40", "d", "60"));
            assertThat(c.call("ZINTER", "2", "{ro}u1", "{ro}u2", "WITHSCORES")).isEqualTo(list("b", "12", "c", "23"));
            assertThat(c.call("ZDIFF", "2", "{ro}u1", "{ro}u2", "WITHSCORES")).isEqualTo(list("a", "1"));
            assertThat(c.call("ZDIFF", "2", "{ro}missing", "{ro}u1")).isEqualTo(list());
            assertThat(c.call("ZDIFFSTORE", "{ro}out", "2", "{ro}u2", "{ro}u1")).isEqualTo(1L);
            assertThat(c.call("ZRANGE", "{ro}out", "0", "-1", "WITHSCORES")).isEqualTo(list("d", "30"));
            assertThat(c.call("ZINTERCARD", "2", "{ro}u1", "{ro}u2")).isEqualTo(2L);
            assertThat(c.call("ZINTERCARD", "2", "{ro}u1", "{ro}u2", "LIMIT", "1")).isEqualTo(1L);
            assertThat(c.call("ZINTERCARD", "2", "{ro}u1", "{ro}u2", "LIMIT", "0")).isEqualTo(2L);
        }
    }

    @Test
    void setOperationsValidateTheirArgumentsLikeRedis() {
        try (RespClient c = node.client()) {
            c.call("ZADD", "{sv}u1", "1", "a");
            assertThat(c.call("ZUNIONSTORE", "{sv}out", "0", "{sv}u1"))
                    .isEqualTo(error("ERR at least 1 input key is needed for 'zunionstore' command"));
            assertThat(c.call("ZINTER", "0", "{sv}u1")).isEqualTo(error("ERR at least 1 input key is needed for 'zinter' command"));
            assertThat(c.call("ZINTERCARD", "0", "{sv}u1"))
                    .isEqualTo(error("ERR at least 1 input key is needed for 'zintercard' command"));
            assertThat(c.call("ZUNIONSTORE", "{sv}out", "x", "{sv}u1")).isEqualTo(NOT_INTEGER);
            assertThat(c.call("ZUNIONSTORE", "{sv}out", "3", "{sv}u1", "{sv}u2")).isEqualTo(SYNTAX);
            assertThat(c.call("ZUNIONSTORE", "{sv}out", "2", "{sv}u1", "{sv}u2", "WEIGHTS", "1")).isEqualTo(SYNTAX);
            assertThat(c.call("ZUNIONSTORE", "{sv}out", "2", "{sv}u1", "{sv}u2", "WEIGHTS", "1", "x"))
                    .isEqualTo(error("ERR weight value is not a float"));
            assertThat(c.call("ZUNIONSTORE", "{sv}out", "1", "{sv}u1", "AGGREGATE", "avg")).isEqualTo(SYNTAX);
            assertThat(c.call("ZUNIONSTORE", "{sv}out", "1", "{sv}u1", "WITHSCORES")).isEqualTo(SYNTAX);
            assertThat(c.call("ZDIFF", "1", "{sv}u1", "WEIGHTS", "1")).isEqualTo(SYNTAX);
            assertThat(c.call("ZINTERCARD", "1", "{sv}u1", "LIMIT", "-1")).isEqualTo(error("ERR LIMIT can't be negative"));
            assertThat(c.call("ZINTERCARD", "1", "{sv}u1", "WITHSCORES")).isEqualTo(SYNTAX);
            c.call("SET", "{sv}str", "x");
            assertThat(c.call("ZUNIONSTORE", "{sv}out", "2", "{sv}u1", "{sv}str", "WEIGHTS", "x", "y")).isEqualTo(WRONGTYPE);
        }
    }

    // ---- ZRANDMEMBER ------------------------------------------------------------------------------

    @Test
    void zrandmemberPicksDistinctOrRepeatedMembers() {
        try (RespClient c = node.client()) {
            c.call("ZADD", "rand:z", "1", "a", "2", "b", "3", "c");
            assertThat(c.call("ZRANDMEMBER", "rand:z", "10")).isEqualTo(list("c", "b", "a"));
            assertThat(c.call("ZRANDMEMBER", "rand:z", "3", "WITHSCORES")).isEqualTo(list("c", "3", "b", "2", "a", "1"));
            assertThat(c.call("ZRANDMEMBER", "rand:z")).isIn("a", "b", "c");
            @SuppressWarnings("unchecked")
            List<Object> two = (List<Object>) c.call("ZRANDMEMBER", "rand:z", "2");
            assertThat(two).hasSize(2).doesNotHaveDuplicates().isSubsetOf("a", "b", "c");
            @SuppressWarnings("unchecked")
            List<Object> many = (List<Object>) c.call("ZRANDMEMBER", "rand:z", "-20");
            assertThat(many).hasSize(20).isSubsetOf("a", "b", "c");
            @SuppressWarnings("unchecked")
            List<Object> withScores = (List<Object>) c.call("ZRANDMEMBER", "rand:z", "-4", "WITHSCORES");
            assertThat(withScores).hasSize(8);
            assertThat(c.call("ZRANDMEMBER", "rand:z", "0")).isEqualTo(list());
            assertThat(c.call("ZRANDMEMBER", "rand:missing")).isNull();
            assertThat(c.call("ZRANDMEMBER", "rand:missing", "5", "WITHSCORES")).isEqualTo(list());
            assertThat(c.call("ZRANDMEMBER", "rand:z", "1", "FOO")).isEqualTo(SYNTAX);
            assertThat(c.call("ZRANDMEMBER", "rand:z", "x")).isEqualTo(NOT_INTEGER);
            assertThat(c.call("ZRANDMEMBER", "rand:z", "-9223372036854775808")).isEqualTo(error(
                    "ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807"));
            assertThat(c.call("ZRANDMEMBER", "rand:z", "9223372036854775807", "WITHSCORES"))
                    .isEqualTo(error("ERR value is out of range"));
        }
    }

    // ---- types and encodings ----------------------------------------------------------------------

    @Test
    void everyCommandRejectsAKeyOfAnotherType() {
        try (RespClient c = node.client()) {
            c.call("SET", "wt:str", "value");
            Object[][] commands = {
                {"ZADD", "wt:str", "1", "a"}, {"ZINCRBY", "wt:str", "1", "a"}, {"ZREM", "wt:str", "a"},
                {"ZSCORE", "wt:str", "a"}, {"ZMSCORE", "wt:str", "a"}, {"ZCARD", "wt:str"},
                {"ZCOUNT", "wt:str", "0", "1"}, {"ZLEXCOUNT", "wt:str", "-", "+"}, {"ZRANGE", "wt:str", "0", "-1"},
                {"ZRANGEBYSCORE", "wt:str", "0", "1"}, {"ZREVRANGEBYLEX", "wt:str", "+", "-"},
                {"ZRANGESTORE", "wt:dst", "wt:str", "0", "-1"}, {"ZRANK", "wt:str", "a"}, {"ZREVRANK", "wt:str", "a"},
                {"ZPOPMIN", "wt:str"}, {"ZPOPMAX", "wt:str", "0"}, {"BZPOPMIN", "wt:missing", "wt:str", "0"},
                {"BZMPOP", "0", "2", "wt:missing", "wt:str", "MIN"}, {"ZMPOP", "1", "wt:str", "MAX"},
                {"ZREMRANGEBYRANK", "wt:str", "0", "1"}, {"ZREMRANGEBYSCORE", "wt:str", "0", "1"},
                {"ZREMRANGEBYLEX", "wt:str", "-", "+"}, {"ZSCAN", "wt:str", "0"}, {"ZUNION", "1", "wt:str"},
                {"ZINTERSTORE", "wt:dst", "1", "wt:str"}, {"ZDIFF", "1", "wt:str"}, {"ZINTERCARD", "1", "wt:str"},
                {"ZRANDMEMBER", "wt:str"}, {"ZRANDMEMBER", "wt:str", "1"},
            };
            for (Object[] command : commands) {
                assertThat(c.call(command)).as(Arrays.toString(command)).isEqualTo(WRONGTYPE);
            }
            // Range syntax is checked before the key's type, as in Redis.
            assertThat(c.call("ZCOUNT", "wt:str", "x", "1")).isEqualTo(RANGE_NOT_FLOAT);
            assertThat(c.call("GET", "wt:str")).isEqualTo("value");
        }
    }

    @Test
    void encodingTurnsIntoSkiplistPastTheListpackLimitsAndStaysThere() {
        try (RespClient s = small.client()) {
            s.call("ZADD", "enc:z", "1", "a", "2", "b", "3", "c", "4", "d");
            assertThat(s.call("OBJECT", "ENCODING", "enc:z")).isEqualTo("listpack");
            s.call("ZADD", "enc:z", "5", "e");
            assertThat(s.call("OBJECT", "ENCODING", "enc:z")).isEqualTo("skiplist");
            s.call("ZREM", "enc:z", "a", "b", "c");
            assertThat(s.call("OBJECT", "ENCODING", "enc:z")).isEqualTo("skiplist");
            s.call("ZADD", "enc:long", "1", "a-long-member");
            assertThat(s.call("OBJECT", "ENCODING", "enc:long")).isEqualTo("skiplist");
            // Computed results are encoded from their final size.
            assertThat(s.call("ZUNIONSTORE", "enc:u", "1", "enc:z")).isEqualTo(2L);
            assertThat(s.call("OBJECT", "ENCODING", "enc:u")).isEqualTo("listpack");
            assertThat(s.call("ZRANGESTORE", "enc:r", "enc:z", "0", "-1")).isEqualTo(2L);
            assertThat(s.call("OBJECT", "ENCODING", "enc:r")).isEqualTo("listpack");
        }
    }

    @Test
    void aSkiplistSetBehavesLikeASmallOne() {
        try (RespClient s = small.client()) {
            List<Object> args = new ArrayList<>(List.of("ZADD", "sl:z"));
            for (int i = 0; i < 100; i++) {
                args.add(Integer.toString(i % 10));
                args.add(String.format("m%03d", i));
            }
            s.call(args.toArray());
            assertThat(s.call("ZCOUNT", "sl:z", "3", "(5")).isEqualTo(20L);
            assertThat(s.call("ZRANGE", "sl:z", "0", "2")).isEqualTo(list("m000", "m010", "m020"));
            assertThat(s.call("ZRANK", "sl:z", "m001")).isEqualTo(10L);
            assertThat(s.call("ZRANGE", "sl:z", "(8", "+inf", "BYSCORE", "LIMIT", "2", "2")).isEqualTo(list("m029", "m039"));
            assertThat(s.call("ZREMRANGEBYSCORE", "sl:z", "0", "(9")).isEqualTo(90L);
            Set<Object> rest = new HashSet<>((List<?>) s.call("ZRANGE", "sl:z", "0", "-1"));
            assertThat(rest).hasSize(10).contains("m009", "m099");
        }
    }

    // ---- RESP3 ------------------------------------------------------------------------------------

    @Test
    void resp3RepliesUseDoublesAndNestedPairs() {
        try (RespClient c = node.client()) {
            c.call("HELLO", "3");
            c.call("ZADD", "{r3}z", "1.1", "a", "0.1", "b", "3", "c");
            assertThat(c.call("ZSCORE", "{r3}z", "a")).isEqualTo(1.1);
            assertThat(c.call("ZSCORE", "{r3}z", "nope")).isNull();
            assertThat(c.call("ZMSCORE", "{r3}z", "b", "nope")).isEqualTo(list(0.1, null));
            assertThat(c.call("ZINCRBY", "{r3}z", "1", "c")).isEqualTo(4.0);
            assertThat(c.call("ZRANGE", "{r3}z", "0", "1", "WITHSCORES")).isEqualTo(list(list("b", 0.1), list("a", 1.1)));
            assertThat(c.call("ZRANGE", "{r3}z", "0", "1")).isEqualTo(list("b", "a"));
            assertThat(c.call("ZRANGEBYSCORE", "{r3}z", "-inf", "1", "WITHSCORES"))
                    .isEqualTo(list(list("b", 0.1)));
            assertThat(c.call("ZUNION", "1", "{r3}z", "WITHSCORES"))
                    .isEqualTo(list(list("b", 0.1), list("a", 1.1), list("c", 4.0)));
            assertThat(c.call("ZRANDMEMBER", "{r3}z", "5", "WITHSCORES"))
                    .isEqualTo(list(list("c", 4.0), list("a", 1.1), list("b", 0.1)));
            assertThat(c.call("ZSCAN", "{r3}z", "0")).isEqualTo(list("0", list("b", "0.10000000000000001",
                    "a", "1.1000000000000001", "c", "4")));
            assertThat(c.call("ZPOPMIN", "{r3}z")).isEqualTo(list("b", 0.1));
            assertThat(c.call("ZPOPMIN", "{r3}z", "1")).isEqualTo(list(list("a", 1.1)));
            assertThat(c.call("ZMPOP", "1", "{r3}z", "MAX")).isEqualTo(list("{r3}z", list(list("c", 4.0))));
            assertThat(c.call("ZMPOP", "1", "{r3}z", "MAX")).isNull();
            assertThat(c.call("ZADD", "{r3}z", "INCR", "NX", "1", "a")).isEqualTo(1.0);
            assertThat(c.call("ZADD", "{r3}z", "INCR", "NX", "1", "a")).isNull();
            assertThat(c.call("BZPOPMAX", "{r3}z", "0")).isEqualTo(list("{r3}z", "a", 1.0));
        }
    }
}
