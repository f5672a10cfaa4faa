package io.replicatedstore.datanode.command.set;

import io.replicatedstore.datanode.server.Server;
import io.replicatedstore.datanode.store.SetValue;
import io.replicatedstore.datanode.testing.NodeExtension;
import io.replicatedstore.datanode.testing.RespClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class SetCommandsTest {

    private static final RespClient.Error WRONGTYPE =
            new RespClient.Error("WRONGTYPE Operation against a key holding the wrong kind of value");
    private static final RespClient.Error SYNTAX = new RespClient.Error("ERR syntax error");
    private static final RespClient.Error NOT_INTEGER = new RespClient.Error("ERR value is not an integer or out of range");

    @RegisterExtension
    static final NodeExtension node = NodeExtension.start();
    /** A node with a tiny intset limit, for encoding transitions and multi-step SSCAN. */
    @RegisterExtension
    static final NodeExtension small = NodeExtension.start("--set-max-intset-entries", "4");

    @Test
    void saddCountsNewMembersAndMembershipCommandsSeeThem() {
        try (RespClient c = node.client()) {
            assertThat(c.call("SADD", "add:s", "a", "b", "c")).isEqualTo(3L);
            assertThat(c.call("SADD", "add:s", "a", "d", "d")).isEqualTo(1L);
            assertThat(c.call("SCARD", "add:s")).isEqualTo(4L);
            assertThat(c.call("SCARD", "add:missing")).isEqualTo(0L);
            assertThat(c.call("SISMEMBER", "add:s", "a")).isEqualTo(1L);
            assertThat(c.call("SISMEMBER", "add:s", "z")).isEqualTo(0L);
            assertThat(c.call("SISMEMBER", "add:missing", "a")).isEqualTo(0L);
            assertThat(c.call("SMISMEMBER", "add:s", "a", "z", "d")).isEqualTo(list(1L, 0L, 1L));
            assertThat(c.call("SMISMEMBER", "add:missing", "a", "b")).isEqualTo(list(0L, 0L));
            assertThat(new HashSet<>(objects(c.call("SMEMBERS", "add:s")))).containsExactlyInAnyOrder("a", "b", "c", "d");
            assertThat(c.call("SMEMBERS", "add:missing")).isEqualTo(List.of());
        }
    }

    @Test
    void anIntsetListsItsMembersInNumericOrder() throws Exception {
        try (RespClient c = node.client()) {
            c.call("SADD", "ints:s", "5", "-3", "100", "0", "-9223372036854775808", "9223372036854775807");
            assertThat(c.call("SMEMBERS", "ints:s"))
                    .isEqualTo(list("-9223372036854775808", "-3", "0", "5", "100", "9223372036854775807"));
            assertThat(encoding(node, c, "ints:s")).isEqualTo("intset");
            c.call("SADD", "ints:s", "01");
            assertThat(encoding(node, c, "ints:s")).isEqualTo("hashtable");
        }
    }

    @Test
    void smembersAndSetOperationsAreSetsInResp3() {
        try (RespClient c = node.client()) {
            c.call("HELLO", "3");
            c.call("SADD", "resp3:a", "1", "2", "3");
            c.call("SADD", "resp3:b", "2", "3", "4");
            assertThat(c.call("SMEMBERS", "resp3:a")).isEqualTo(Set.of("1", "2", "3"));
            assertThat(c.call("SMEMBERS", "resp3:missing")).isEqualTo(Set.of());
            assertThat(c.call("SINTER", "resp3:a", "resp3:b")).isEqualTo(Set.of("2", "3"));
            assertThat(c.call("SUNION", "resp3:a", "resp3:b")).isEqualTo(Set.of("1", "2", "3", "4"));
            assertThat(c.call("SDIFF", "resp3:a", "resp3:b")).isEqualTo(Set.of("1"));
            assertThat(c.call("SPOP", "resp3:missing", "2")).isEqualTo(Set.of());
            assertThat(c.call("SPOP", "resp3:missing")).isNull();
            // SRANDMEMBER stays an array in RESP3.
            assertThat(c.call("SRANDMEMBER", "resp3:a", "5")).isEqualTo(list("1", "2", "3"));
            assertThat(c.call("SMISMEMBER", "resp3:a", "1", "9")).isEqualTo(list(1L, 0L));
        }
    }

    @Test
    void sremCountsRemovedMembersAndDeletesTheEmptiedKey() {
        try (RespClient c = node.client()) {
            c.call("SADD", "rem:s", "a", "b", "c");
            assertThat(c.call("SREM", "rem:s", "a", "z", "a")).isEqualTo(1L);
            assertThat(c.call("SREM", "rem:missing", "a")).isEqualTo(0L);
            assertThat(c.call("SREM", "rem:s", "b", "c")).isEqualTo(2L);
            assertThat(c.call("SCARD", "rem:s")).isEqualTo(0L);
            assertThat(c.call("HSET", "rem:s", "f", "v")).isEqualTo(1L);
        }
    }

    @Test
    void everySetCommandRejectsAnotherType() {
        try (RespClient c = node.client()) {
            c.call("HSET", "wrong:h", "f", "v");
            c.call("SADD", "wrong:s", "x");
            assertThat(c.call("SADD", "wrong:h", "a")).isEqualTo(WRONGTYPE);
            assertThat(c.call("SREM", "wrong:h", "a")).isEqualTo(WRONGTYPE);
            assertThat(c.call("SMEMBERS", "wrong:h")).isEqualTo(WRONGTYPE);
            assertThat(c.call("SISMEMBER", "wrong:h", "a")).isEqualTo(WRONGTYPE);
            assertThat(c.call("SMISMEMBER", "wrong:h", "a")).isEqualTo(WRONGTYPE);
            assertThat(c.call("SCARD", "wrong:h")).isEqualTo(WRONGTYPE);
            assertThat(c.call("SPOP", "wrong:h")).isEqualTo(WRONGTYPE);
            assertThat(c.call("SPOP", "wrong:h", "0")).isEqualTo(WRONGTYPE);
            assertThat(c.call("SRANDMEMBER", "wrong:h")).isEqualTo(WRONGTYPE);
            assertThat(c.call("SRANDMEMBER", "wrong:h", "0")).isEqualTo(WRONGTYPE);
            assertThat(c.call("SSCAN", "wrong:h", "0")).isEqualTo(WRONGTYPE);
            // Multi-key commands check every key, even after a missing one.
            assertThat(c.call("SINTER", "wrong:missing", "wrong:h")).isEqualTo(WRONGTYPE);
            assertThat(c.call("SINTERCARD", "2", "wrong:missing", "wrong:h")).isEqualTo(WRONGTYPE);
            assertThat(c.call("SUNION", "wrong:s", "wrong:h")).isEqualTo(WRONGTYPE);
            assertThat(c.call("SDIFF", "wrong:missing", "wrong:h")).isEqualTo(WRONGTYPE);
            assertThat(c.call("SINTERSTORE", "wrong:dst", "wrong:s", "wrong:h")).isEqualTo(WRONGTYPE);
            assertThat(c.call("SUNIONSTORE", "wrong:dst", "wrong:s", "wrong:h")).isEqualTo(WRONGTYPE);
            assertThat(c.call("SDIFFSTORE", "wrong:dst", "wrong:s", "wrong:h")).isEqualTo(WRONGTYPE);
            assertThat(c.call("SMOVE", "wrong:h", "wrong:s", "x")).isEqualTo(WRONGTYPE);
            assertThat(c.call("SMOVE", "wrong:s", "wrong:h", "x")).isEqualTo(WRONGTYPE);
            // A missing source answers 0 before the destination's type is looked at.
            assertThat(c.call("SMOVE", "wrong:missing", "wrong:h", "x")).isEqualTo(0L);
            assertThat(c.call("SRANDMEMBER", "wrong:h", "x")).isEqualTo(NOT_INTEGER);
        }
    }

    @Test
    void interUnionAndDiffCombineSetsTreatingMissingKeysAsEmpty() {
        try (RespClient c = node.client()) {
            c.call("SADD", "ops:a", "1", "2", "3", "4", "x");
            c.call("SADD", "ops:b", "2", "3", "x", "y");
            c.call("SADD", "ops:c", "3", "x", "z");
            assertThat(members(c.call("SINTER", "ops:a", "ops:b", "ops:c"))).containsExactlyInAnyOrder("3", "x");
            assertThat(c.call("SINTER", "ops:a", "ops:missing")).isEqualTo(List.of());
            assertThat(members(c.call("SINTER", "ops:a", "ops:a"))).hasSize(5);
            assertThat(members(c.call("SUNION", "ops:a", "ops:missing", "ops:c")))
                    .containsExactlyInAnyOrder("1", "2", "3", "4", "x", "z");
            assertThat(c.call("SUNION", "ops:missing")).isEqualTo(List.of());
            assertThat(members(c.call("SDIFF", "ops:a", "ops:b", "ops:c"))).containsExactlyInAnyOrder("1", "4");
            assertThat(c.call("SDIFF", "ops:missing", "ops:a")).isEqualTo(List.of());
            assertThat(c.call("SDIFF", "ops:a", "ops:a")).isEqualTo(List.of());
        }
    }

    @Test
    void sintercardCountsTheIntersectionUpToTheLimit() {
        try (RespClient c = node.client()) {
            c.call("SADD", "card:a", "1", "2", "3", "4");
            c.call("SADD", "card:b", "2", "3", "4", "5");
            assertThat(c.call("SINTERCARD", "2", "card:a", "card:b")).isEqualTo(3L);
            assertThat(c.call("SINTERCARD", "1", "card:a")).isEqualTo(4L);
            assertThat(c.call("SINTERCARD", "2", "card:a", "card:missing")).isEqualTo(0L);
            assertThat(c.call("SINTERCARD", "2", "card:a", "card:b", "LIMIT", "2")).isEqualTo(2L);
            assertThat(c.call("SINTERCARD", "2", "card:a", "card:b", "limit", "0")).isEqualTo(3L);
            assertThat(c.call("SINTERCARD", "2", "card:a", "card:b", "LIMIT", "1", "LIMIT", "9")).isEqualTo(3L);
        }
    }

    @Test
    void sintercardValidatesNumkeysAndLimit() {
        try (RespClient c = node.client()) {
            RespClient.Error numkeys = new RespClient.Error("ERR numkeys should be greater than 0");
            assertThat(c.call("SINTERCARD", "0", "k")).isEqualTo(numkeys);
            assertThat(c.call("SINTERCARD", "-1", "k")).isEqualTo(numkeys);
            assertThat(c.call("SINTERCARD", "x", "k")).isEqualTo(numkeys);
            assertThat(c.call("SINTERCARD", "3", "k", "l"))
                    .isEqualTo(new RespClient.Error("ERR Number of keys can't be greater than number of args"));
            RespClient.Error negative = new RespClient.Error("ERR LIMIT can't be negative");
            assertThat(c.call("SINTERCARD", "1", "k", "LIMIT", "-1")).isEqualTo(negative);
            assertThat(c.call("SINTERCARD", "1", "k", "LIMIT", "x")).isEqualTo(negative);
            assertThat(c.call("SINTERCARD", "1", "k", "LIMIT")).isEqualTo(SYNTAX);
            assertThat(c.call("SINTERCARD", "1", "k", "FOO", "1")).isEqualTo(SYNTAX);
            assertThat(c.call("SINTERCARD", "1"))
                    .isEqualTo(new RespClient.Error("ERR wrong number of arguments for 'sintercard' command"));
        }
    }

    @Test
    void storeCommandsReplaceTheDestinationOrDeleteItWhenTheResultIsEmpty() throws Exception {
        try (RespClient c = node.client()) {
            c.call("SADD", "store:a", "1", "2", "3", "x");
            c.call("SADD", "store:b", "2", "3", "y");
            c.call("HSET", "store:dst", "f", "v");
            assertThat(c.call("SINTERSTORE", "store:dst", "store:a", "store:b")).isEqualTo(2L);
            assertThat(c.call("SMEMBERS", "store:dst")).isEqualTo(list("2", "3"));
            assertThat(encoding(node, c, "store:dst")).isEqualTo("intset");
            assertThat(c.call("SUNIONSTORE", "store:dst", "store:a", "store:b")).isEqualTo(5L);
            assertThat(encoding(node, c, "store:dst")).isEqualTo("hashtable");
            assertThat(c.call("SDIFFSTORE", "store:dst", "store:a", "store:b")).isEqualTo(2L);
            assertThat(members(c.call("SMEMBERS", "store:dst"))).containsExactlyInAnyOrder("1", "x");
            assertThat(c.call("SDIFFSTORE", "store:dst", "store:a", "store:a")).isEqualTo(0L);
            assertThat(c.call("SCARD", "store:dst")).isEqualTo(0L);
            c.call("SADD", "store:dst", "z");
            assertThat(c.call("SINTERSTORE", "store:dst", "store:a", "store:missing")).isEqualTo(0L);
            assertThat(c.call("HSET", "store:dst", "f", "v")).isEqualTo(1L);
            assertThat(c.call("SUNIONSTORE", "store:dst", "store:missing")).isEqualTo(0L);
            assertThat(c.call("HSET", "store:dst", "f", "v")).isEqualTo(1L);
            // The destination may be one of the sources.
            assertThat(c.call("SUNIONSTORE", "store:a", "store:a", "store:b")).isEqualTo(5L);
        }
    }

    @Test
    void smoveMovesAMemberAndCreatesOrDeletesKeysAsNeeded() throws Exception {
        try (RespClient c = node.client()) {
            c.call("SADD", "move:src", "1", "x");
            assertThat(c.call("SMOVE", "move:src", "move:dst", "1")).isEqualTo(1L);
            assertThat(encoding(node, c, "move:dst")).isEqualTo("intset");
            assertThat(c.call("SMOVE", "move:src", "move:dst", "nope")).isEqualTo(0L);
            assertThat(c.call("SMOVE", "move:src", "move:src", "x")).isEqualTo(1L);
            assertThat(c.call("SMOVE", "move:src", "move:src", "nope")).isEqualTo(0L);
            assertThat(c.call("SMOVE", "move:src", "move:dst", "x")).isEqualTo(1L);
            assertThat(encoding(node, c, "move:dst")).isEqualTo("hashtable");
            assertThat(c.call("SCARD", "move:src")).isEqualTo(0L);
            assertThat(members(c.call("SMEMBERS", "move:dst"))).containsExactlyInAnyOrder("1", "x");
            assertThat(c.call("SMOVE", "move:missing", "move:dst", "1")).isEqualTo(0L);
            c.call("SADD", "move:other", "1");
            assertThat(c.call("SMOVE", "move:other", "move:dst", "1")).isEqualTo(1L);
            assertThat(c.call("SCARD", "move:dst")).isEqualTo(2L);
            assertThat(c.call("SCARD", "move:other")).isEqualTo(0L);
        }
    }

    @Test
    void spopRemovesAndReturnsRandomMembers() {
        try (RespClient c = node.client()) {
            c.call("SADD", "pop:s", "a", "b", "c", "d", "e");
            Object one = c.call("SPOP", "pop:s");
            assertThat(one).isIn("a", "b", "c", "d", "e");
            assertThat(c.call("SISMEMBER", "pop:s", one)).isEqualTo(0L);
            List<Object> two = members(c.call("SPOP", "pop:s", "2"));
            assertThat(two).hasSize(2).doesNotHaveDuplicates().doesNotContain(one);
            assertThat(c.call("SCARD", "pop:s")).isEqualTo(2L);
            assertThat(c.call("SPOP", "pop:s", "0")).isEqualTo(List.of());
            assertThat(members(c.call("SPOP", "pop:s", "10"))).hasSize(2);
            assertThat(c.call("SCARD", "pop:s")).isEqualTo(0L);
            assertThat(c.call("SPOP", "pop:s")).isNull();
            assertThat(c.call("SPOP", "pop:s", "3")).isEqualTo(List.of());

            c.call("SADD", "pop:big", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10");
            List<Object> nine = members(c.call("SPOP", "pop:big", "9"));
            assertThat(nine).hasSize(9).doesNotHaveDuplicates();
            List<Object> rest = members(c.call("SMEMBERS", "pop:big"));
            assertThat(rest).hasSize(1).doesNotContainAnyElementsOf(nine);
        }
    }

    @Test
    void spopValidatesItsCount() {
        try (RespClient c = node.client()) {
            RespClient.Error positive = new RespClient.Error("ERR value is out of range, must be positive");
            assertThat(c.call("SPOP", "poperr:s", "-1")).isEqualTo(positive);
            assertThat(c.call("SPOP", "poperr:s", "x")).isEqualTo(positive);
            assertThat(c.call("SPOP", "poperr:s", "1", "2")).isEqualTo(SYNTAX);
        }
    }

    @Test
    void srandmemberPicksDistinctMembersForAPositiveCountAndRepeatsForANegativeOne() {
        try (RespClient c = node.client()) {
            c.call("SADD", "rand:s", "a", "b", "c");
            assertThat(c.call("SRANDMEMBER", "rand:s")).isIn("a", "b", "c");
            assertThat(c.call("SRANDMEMBER", "rand:missing")).isNull();
            assertThat(c.call("SRANDMEMBER", "rand:missing", "5")).isEqualTo(List.of());
            assertThat(c.call("SRANDMEMBER", "rand:s", "0")).isEqualTo(List.of());
            assertThat(members(c.call("SRANDMEMBER", "rand:s", "2"))).hasSize(2).doesNotHaveDuplicates();
            assertThat(members(c.call("SRANDMEMBER", "rand:s", "3"))).containsExactlyInAnyOrder("a", "b", "c");
            assertThat(members(c.call("SRANDMEMBER", "rand:s", "9223372036854775807"))).hasSize(3);
            List<Object> many = members(c.call("SRANDMEMBER", "rand:s", "-10"));
            assertThat(many).hasSize(10);
            assertThat(new HashSet<>(many)).isSubsetOf(Set.of("a", "b", "c"));
            assertThat(c.call("SCARD", "rand:s")).isEqualTo(3L);
            c.call("SADD", "rand:one", "only");
            assertThat(c.call("SRANDMEMBER", "rand:one", "-3")).isEqualTo(list("only", "only", "only"));
            assertThat(c.call("SRANDMEMBER", "rand:s", "x")).isEqualTo(NOT_INTEGER);
            assertThat(c.call("SRANDMEMBER", "rand:s", "1", "2")).isEqualTo(SYNTAX);
            assertThat(c.call("SRANDMEMBER", "rand:s", "-9223372036854775808")).isEqualTo(new RespClient.Error(
                    "ERR value is out of range, value must between -9223372036854775807 and 9223372036854775807"));
        }
    }

    @Test
    void sscanReturnsAnIntsetWholeAndValidatesItsArguments() {
        try (RespClient c = node.client()) {
            c.call("SADD", "scan:s", "3", "1", "2", "10");
            assertThat(c.call("SSCAN", "scan:s", "0", "COUNT", "1")).isEqualTo(list("0", list("1", "2", "3", "10")));
            assertThat(c.call("SSCAN", "scan:s", "0", "MATCH", "1*")).isEqualTo(list("0", list("1", "10")));
            assertThat(c.call("SSCAN", "scan:missing", "0", "BOGUS")).isEqualTo(list("0", List.of()));
            assertThat(c.call("SSCAN", "scan:s", "x")).isEqualTo(new RespClient.Error("ERR invalid cursor"));
            assertThat(c.call("SSCAN", "scan:s", "0", "COUNT", "0")).isEqualTo(SYNTAX);
            assertThat(c.call("SSCAN", "scan:s", "0", "COUNT", "x")).isEqualTo(NOT_INTEGER);
            assertThat(c.call("SSCAN", "scan:s", "0", "MATCH")).isEqualTo(SYNTAX);
        }
    }

    @Test
    void sscanOfAHashtableVisitsEveryMemberAcrossCalls() {
        try (RespClient c = small.client()) {
            List<Object> args = new ArrayList<>(List.of("SADD", "bigscan:s"));
            for (int i = 0; i < 50; i++) {
                args.add("m" + i);
            }
            c.call(args.toArray());
            Set<Object> seen = new HashSet<>();
            String cursor = "0";
            int calls = 0;
            do {
                List<?> reply = (List<?>) c.call("SSCAN", "bigscan:s", cursor, "COUNT", "7");
                cursor = (String) reply.get(0);
                seen.addAll((List<?>) reply.get(1));
                calls++;
            } while (!cursor.equals("0"));
            assertThat(seen).hasSize(50);
            assertThat(calls).isGreaterThan(1);
        }
    }

    @Test
    void setsSwitchFromIntsetToHashtableAtTheConfiguredLimit() throws Exception {
        try (RespClient c = small.client()) {
            c.call("SADD", "enc:s", "1", "2", "3", "4");
            assertThat(encoding(small, c, "enc:s")).isEqualTo("intset");
            c.call("SADD", "enc:s", "5");
            assertThat(encoding(small, c, "enc:s")).isEqualTo("hashtable");
            c.call("SREM", "enc:s", "5", "4");
            assertThat(encoding(small, c, "enc:s")).isEqualTo("hashtable");

            c.call("SADD", "enc:t", "1");
            c.call("SADD", "enc:t", "-0");
            assertThat(encoding(small, c, "enc:t")).isEqualTo("hashtable");

            c.call("SADD", "enc:a", "1", "2", "3");
            c.call("SADD", "enc:b", "4", "5", "6");
            c.call("SUNIONSTORE", "enc:u", "enc:a");
            assertThat(encoding(small, c, "enc:u")).isEqualTo("intset");
            c.call("SUNIONSTORE", "enc:u", "enc:a", "enc:b");
            assertThat(encoding(small, c, "enc:u")).isEqualTo("hashtable");

            // SPOP that leaves only a few members rebuilds the set, which can go back to intset.
            c.call("SADD", "enc:pop", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10");
            assertThat(encoding(small, c, "enc:pop")).isEqualTo("hashtable");
            c.call("SPOP", "enc:pop", "9");
            assertThat(encoding(small, c, "enc:pop")).isEqualTo("intset");
        }
    }

    private static List<Object> members(Object reply) {
        return reply instanceof Set<?> set ? new ArrayList<>(set) : objects(reply);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> objects(Object reply) {
        return (List<Object>) reply;
    }

    private static List<Object> list(Object... items) {
        return new ArrayList<>(Arrays.asList(items));
    }

    /** OBJECT ENCODING if the node has it, else the value's encoding read on the node's own thread. */
    static String encoding(NodeExtension target, RespClient c, String key) throws Exception {
        Object reply = c.call("OBJECT", "ENCODING", key);
        if (!(reply instanceof RespClient.Error error && error.message().startsWith("ERR unknown command"))) {
            return (String) reply;
        }
        Server server = target.node().server();
        return server.eventLoop().submit(() -> {
            Object value = server.keyspace().db(0).peek(key.getBytes(StandardCharsets.UTF_8));
            return value == null ? null : ((SetValue) value).encoding();
        }).get(10, TimeUnit.SECONDS);
    }
}
