package io.replicatedstore.datanode.command.list;

import io.replicatedstore.datanode.testing.NodeExtension;
import io.replicatedstore.datanode.testing.RespClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class ListCommandsTest {

    private static final RespClient.Error WRONGTYPE =
            new RespClient.Error("WRONGTYPE Operation against a key holding the wrong kind of value");
    private static final RespClient.Error NOT_INTEGER = new RespClient.Error("ERR value is not an integer or out of range");
    private static final RespClient.Error SYNTAX = new RespClient.Error("ERR syntax error");
    private static final RespClient.Error NOT_POSITIVE = new RespClient.Error("ERR value is out of range, must be positive");

    @RegisterExtension
    static final NodeExtension node = NodeExtension.start();
    private RespClient client;

    @BeforeEach
    void connect() {
        client = node.client();
        client.call("FLUSHALL");
        client.call("SET", "str", "v");
    }

    @AfterEach
    void disconnect() {
        client.close();
    }

    private Object call(Object... args) {
        return client.call(args);
    }

    @Test
    void pushesAddAtBothEndsAndAnswerTheNewLength() {
        assertThat(call("LPUSH", "l", "c", "b", "a")).isEqualTo(3L);
        assertThat(call("RPUSH", "l", "d", "e")).isEqualTo(5L);
        assertThat(call("LRANGE", "l", "0", "-1")).isEqualTo(List.of("a", "b", "c", "d", "e"));
        assertThat(call("LPUSHX", "l", "z")).isEqualTo(6L);
        assertThat(call("RPUSHX", "l", "y", "x")).isEqualTo(8L);
        assertThat(call("LRANGE", "l", "0", "-1")).isEqualTo(List.of("z", "a", "b", "c", "d", "e", "y", "x"));
        assertThat(call("TYPE", "l")).isEqualTo("list");
        assertThat(call("OBJECT", "ENCODING", "l")).isEqualTo("quicklist");
    }

    @Test
    void pushxDoesNotCreateAList() {
        assertThat(call("LPUSHX", "nokey", "a")).isEqualTo(0L);
        assertThat(call("RPUSHX", "nokey", "a", "b")).isEqualTo(0L);
        assertThat(call("EXISTS", "nokey")).isEqualTo(0L);
    }

    @Test
    void pushesCheckTypeAndArity() {
        assertThat(call("LPUSH", "str", "a")).isEqualTo(WRONGTYPE);
        assertThat(call("RPUSHX", "str", "a")).isEqualTo(WRONGTYPE);
        assertThat(call("LPUSH", "l")).isEqualTo(new RespClient.Error("ERR wrong number of arguments for 'lpush' command"));
    }

    @Test
    void lrangeClampsIndexesLikeRedis() {
        call("RPUSH", "l", "a", "b", "c", "d", "e", "f");
        assertThat(call("LRANGE", "l", "-2", "-1")).isEqualTo(List.of("e", "f"));
        assertThat(call("LRANGE", "l", "-100", "100")).isEqualTo(List.of("a", "b", "c", "d", "e", "f"));
        assertThat(call("LRANGE", "l", "2", "1")).isEqualTo(List.of());
        assertThat(call("LRANGE", "l", "6", "10")).isEqualTo(List.of());
        assertThat(call("LRANGE", "l", "-100", "-6")).isEqualTo(List.of("a"));
        assertThat(call("LRANGE", "l", "0", "9223372036854775807")).asList().hasSize(6);
        assertThat(call("LRANGE", "nokey", "0", "-1")).isEqualTo(List.of());
        assertThat(call("LRANGE", "l", "x", "1")).isEqualTo(NOT_INTEGER);
        assertThat(call("LRANGE", "str", "x", "1")).isEqualTo(NOT_INTEGER);
        assertThat(call("LRANGE", "str", "0", "1")).isEqualTo(WRONGTYPE);
    }

    @Test
    void lindexAndLsetAddressElementsFromEitherEnd() {
        call("RPUSH", "l", "a", "b", "c");
        assertThat(call("LINDEX", "l", "0")).isEqualTo("a");
        assertThat(call("LINDEX", "l", "-1")).isEqualTo("c");
        assertThat(call("LINDEX", "l", "3")).isNull();
        assertThat(call("LINDEX", "l", "-4")).isNull();
        assertThat(call("LINDEX", "nokey", "notanint")).isNull();
        assertThat(call("LINDEX", "l", "notanint")).isEqualTo(NOT_INTEGER);
        assertThat(call("LINDEX", "str", "0")).isEqualTo(WRONGTYPE);
        assertThat(call("LSET", "l", "-1", "C")).isEqualTo("OK");
        assertThat(call("LSET", "l", "3", "X")).isEqualTo(new RespClient.Error("ERR index out of range"));
        assertThat(call("LSET", "nokey", "0", "X")).isEqualTo(new RespClient.Error("ERR no such key"));
        assertThat(call("LSET", "str", "0", "X")).isEqualTo(WRONGTYPE);
        assertThat(call("LSET", "l", "x", "X")).isEqualTo(NOT_INTEGER);
        assertThat(call("LRANGE", "l", "0", "-1")).isEqualTo(List.of("a", "b", "C"));
        assertThat(call("LLEN", "l")).isEqualTo(3L);
        assertThat(call("LLEN", "nokey")).isEqualTo(0L);
        assertThat(call("LLEN", "str")).isEqualTo(WRONGTYPE);
    }

    @Test
    void popsWithoutCountAnswerAnElementOrNull() {
        call("RPUSH", "l", "1", "2", "3");
        assertThat(call("LPOP", "l")).isEqualTo("1");
        assertThat(call("RPOP", "l")).isEqualTo("3");
        assertThat(call("RPOP", "l")).isEqualTo("2");
        assertThat(call("EXISTS", "l")).isEqualTo(0L);
        assertThat(call("LPOP", "l")).isNull();
        assertThat(call("LPOP", "str")).isEqualTo(WRONGTYPE);
    }

    @Test
    void popsWithCountAnswerArraysAndDeleteEmptiedLists() {
        call("RPUSH", "l", "1", "2", "3", "4", "5");
        assertThat(call("LPOP", "l", "2")).isEqualTo(List.of("1", "2"));
        assertThat(call("RPOP", "l", "2")).isEqualTo(List.of("5", "4"));
        assertThat(call("LPOP", "l", "0")).isEqualTo(List.of());
        assertThat(call("RPOP", "l", "10")).isEqualTo(List.of("3"));
        assertThat(call("EXISTS", "l")).isEqualTo(0L);
        assertThat(call("LPOP", "l", "1")).isNull();
        assertThat(call("LPOP", "l", "0")).isNull();
        assertThat(call("LPOP", "l", "-1")).isEqualTo(NOT_POSITIVE);
        assertThat(call("LPOP", "l", "x")).isEqualTo(NOT_POSITIVE);
        assertThat(call("LPOP", "str", "-1")).isEqualTo(NOT_POSITIVE);
        assertThat(call("LPOP", "str", "0")).isEqualTo(WRONGTYPE);
        assertThat(call("LPOP", "l", "1", "2")).isEqualTo(new RespClient.Error("ERR wrong number of arguments for 'lpop' command"));
    }

    @Test
    void popWithCountOnAMissingKeyIsANullArrayInResp2() throws IOException {
        assertThat(rawReply("LPOP nokey 1\r\n")).isEqualTo("*-1");
        assertThat(rawReply("LPOP nokey\r\n")).isEqualTo("$-1");
        assertThat(rawReply("LMPOP 1 nokey LEFT\r\n")).isEqualTo("*-1");
        assertThat(rawReply("RPOPLPUSH nokey dst\r\n")).isEqualTo("$-1");
    }

    /** The first line of the reply, to tell a null array (*-1) from a null bulk ($-1). */
    private static String rawReply(String inline) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), node.port())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(inline.getBytes(StandardCharsets.US_ASCII));
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            return in.readLine();
        }
    }

    @Test
    void lremRemovesFromTheHeadTheTailOrEverywhere() {
        call("RPUSH", "r", "a", "b", "a", "c", "a", "b", "a");
        assertThat(call("LREM", "r", "2", "a")).isEqualTo(2L);
        assertThat(call("LRANGE", "r", "0", "-1")).isEqualTo(List.of("b", "c", "a", "b", "a"));
        assertThat(call("LREM", "r", "-1", "b")).isEqualTo(1L);
        assertThat(call("LRANGE", "r", "0", "-1")).isEqualTo(List.of("b", "c", "a", "a"));
        assertThat(call("LREM", "r", "0", "a")).isEqualTo(2L);
        assertThat(call("LREM", "r", "0", "nomatch")).isEqualTo(0L);
        assertThat(call("LREM", "r", "0", "b")).isEqualTo(1L);
        assertThat(call("LREM", "r", "0", "c")).isEqualTo(1L);
        assertThat(call("EXISTS", "r")).isEqualTo(0L);
        assertThat(call("LREM", "nokey", "0", "a")).isEqualTo(0L);
        assertThat(call("LREM", "str", "0", "a")).isEqualTo(WRONGTYPE);
        assertThat(call("LREM", "str", "x", "a")).isEqualTo(NOT_INTEGER);
    }

    @Test
    void ltrimKeepsARangeAndDeletesEmptiedLists() {
        call("RPUSH", "t", "a", "b", "c", "d", "e", "f");
        assertThat(call("LTRIM", "t", "1", "-2")).isEqualTo("OK");
        assertThat(call("LRANGE", "t", "0", "-1")).isEqualTo(List.of("b", "c", "d", "e"));
        assertThat(call("LTRIM", "t", "-2", "100")).isEqualTo("OK");
        assertThat(call("LRANGE", "t", "0", "-1")).isEqualTo(List.of("d", "e"));
        assertThat(call("LTRIM", "t", "1", "0")).isEqualTo("OK");
        assertThat(call("EXISTS", "t")).isEqualTo(0L);
        assertThat(call("LTRIM", "nokey", "0", "1")).isEqualTo("OK");
        assertThat(call("LTRIM", "str", "0", "1")).isEqualTo(WRONGTYPE);
        assertThat(call("LTRIM", "str", "x", "1")).isEqualTo(NOT_INTEGER);
    }

    @Test
    void linsertPutsAnElementNextToThePivot() {
        call("RPUSH", "i", "a", "b", "c");
        assertThat(call("LINSERT", "i", "BEFORE", "b", "x")).isEqualTo(4L);
        assertThat(call("LINSERT", "i", "after", "c", "y")).isEqualTo(5L);
        assertThat(call("LRANGE", "i", "0", "-1")).isEqualTo(List.of("a", "x", "b", "c", "y"));
        assertThat(call("LINSERT", "i", "BEFORE", "nomatch", "v")).isEqualTo(-1L);
        assertThat(call("LINSERT", "nokey", "BEFORE", "a", "v")).isEqualTo(0L);
        assertThat(call("LINSERT", "nokey", "MIDDLE", "a", "v")).isEqualTo(SYNTAX);
        assertThat(call("LINSERT", "str", "BEFORE", "a", "v")).isEqualTo(WRONGTYPE);
    }

    @Test
    void lposFindsMatchesWithRankCountAndMaxlen() {
        call("RPUSH", "p", "a", "b", "c", "1", "2", "3", "c", "c");
        assertThat(call("LPOS", "p", "c")).isEqualTo(2L);
        assertThat(call("LPOS", "p", "c", "RANK", "2")).isEqualTo(6L);
        assertThat(call("LPOS", "p", "c", "RANK", "-1")).isEqualTo(7L);
        assertThat(call("LPOS", "p", "c", "RANK", "4")).isNull();
        assertThat(call("LPOS", "p", "c", "COUNT", "0")).isEqualTo(List.of(2L, 6L, 7L));
        assertThat(call("LPOS", "p", "c", "COUNT", "2", "RANK", "2")).isEqualTo(List.of(6L, 7L));
        assertThat(call("LPOS", "p", "c", "COUNT", "0", "RANK", "-1")).isEqualTo(List.of(7L, 6L, 2L));
        assertThat(call("LPOS", "p", "c", "MAXLEN", "3", "COUNT", "0")).isEqualTo(List.of(2L));
        assertThat(call("LPOS", "p", "c", "MAXLEN", "2")).isNull();
        assertThat(call("LPOS", "p", "nomatch", "COUNT", "5")).isEqualTo(List.of());
        assertThat(call("LPOS", "nokey", "c")).isNull();
        assertThat(call("LPOS", "nokey", "c", "COUNT", "1")).isEqualTo(List.of());
        assertThat(call("LPOS", "str", "c")).isEqualTo(WRONGTYPE);
    }

    @Test
    void lposValidatesItsOptionsBeforeTheKey() {
        assertThat(call("LPOS", "nokey", "c", "RANK", "0")).isEqualTo(new RespClient.Error(
                "ERR RANK can't be zero: use 1 to start from the first match, 2 from the second ... "
                        + "or use negative to start from the end of the list"));
        assertThat(call("LPOS", "str", "c", "RANK", "x")).isEqualTo(NOT_INTEGER);
        assertThat(call("LPOS", "p", "c", "COUNT", "-1")).isEqualTo(new RespClient.Error("ERR COUNT can't be negative"));
        assertThat(call("LPOS", "p", "c", "COUNT", "x")).isEqualTo(new RespClient.Error("ERR COUNT can't be negative"));
        assertThat(call("LPOS", "p", "c", "MAXLEN", "-1")).isEqualTo(new RespClient.Error("ERR MAXLEN can't be negative"));
        assertThat(call("LPOS", "p", "c", "RANK")).isEqualTo(SYNTAX);
        assertThat(call("LPOS", "p", "c", "FOO", "1")).isEqualTo(SYNTAX);
    }

    @Test
    void rpoplpushAndLmoveMoveOneElement() {
        call("RPUSH", "src", "a", "b", "c");
        assertThat(call("RPOPLPUSH", "src", "dst")).isEqualTo("c");
        assertThat(call("LMOVE", "src", "dst", "LEFT", "RIGHT")).isEqualTo("a");
        assertThat(call("LMOVE", "src", "dst", "right", "left")).isEqualTo("b");
        assertThat(call("EXISTS", "src")).isEqualTo(0L);
        assertThat(call("LRANGE", "dst", "0", "-1")).isEqualTo(List.of("b", "c", "a"));
        assertThat(call("RPOPLPUSH", "src", "dst")).isNull();
        assertThat(call("LMOVE", "dst", "dst", "LEFT", "RIGHT")).isEqualTo("b");
        assertThat(call("LRANGE", "dst", "0", "-1")).isEqualTo(List.of("c", "a", "b"));
        assertThat(call("LMOVE", "dst", "dst", "UP", "LEFT")).isEqualTo(SYNTAX);
        assertThat(call("LMOVE", "nokey", "dst", "LEFT", "DOWN")).isEqualTo(SYNTAX);
        assertThat(call("RPOPLPUSH", "dst", "str")).isEqualTo(WRONGTYPE);
        assertThat(call("LRANGE", "dst", "0", "-1")).isEqualTo(List.of("c", "a", "b"));
        assertThat(call("RPOPLPUSH", "str", "dst")).isEqualTo(WRONGTYPE);
        assertThat(call("LMOVE", "nokey", "str", "LEFT", "LEFT")).isNull();
    }

    @Test
    void aSingleElementListRotatesOntoItself() {
        call("RPUSH", "one", "x");
        assertThat(call("RPOPLPUSH", "one", "one")).isEqualTo("x");
        assertThat(call("LRANGE", "one", "0", "-1")).isEqualTo(List.of("x"));
    }

    @Test
    void lmpopPopsFromTheFirstNonEmptyList() {
        call("RPUSH", "m2", "a", "b", "c", "d");
        assertThat(call("LMPOP", "2", "m1", "m2", "LEFT")).isEqualTo(List.of("m2", List.of("a")));
        assertThat(call("LMPOP", "2", "m1", "m2", "RIGHT", "COUNT", "2")).isEqualTo(List.of("m2", List.of("d", "c")));
        assertThat(call("LMPOP", "2", "m1", "m2", "RIGHT", "COUNT", "10")).isEqualTo(List.of("m2", List.of("b")));
        assertThat(call("LMPOP", "2", "m1", "m2", "LEFT")).isNull();
        assertThat(call("LMPOP", "0", "m1", "LEFT")).isEqualTo(new RespClient.Error("ERR numkeys should be greater than 0"));
        assertThat(call("LMPOP", "x", "m1", "LEFT")).isEqualTo(new RespClient.Error("ERR numkeys should be greater than 0"));
        assertThat(call("LMPOP", "3", "m1", "m2", "LEFT")).isEqualTo(SYNTAX);
        assertThat(call("LMPOP", "1", "m1", "LEFT", "COUNT", "0")).isEqualTo(new RespClient.Error("ERR count should be greater than 0"));
        assertThat(call("LMPOP", "1", "m1", "LEFT", "COUNT", "1", "COUNT", "1")).isEqualTo(SYNTAX);
        assertThat(call("LMPOP", "2", "str", "m1", "LEFT")).isEqualTo(WRONGTYPE);
    }

    @Test
    void resp3RepliesUseNullsAndArrays() {
        client.call("HELLO", "3");
        call("RPUSH", "l", "a", "b");
        assertThat(call("LPOP", "nokey")).isNull();
        assertThat(call("LPOP", "nokey", "2")).isNull();
        assertThat(call("LINDEX", "l", "5")).isNull();
        assertThat(call("LPOP", "l", "5")).isEqualTo(List.of("a", "b"));
        assertThat(call("LMPOP", "1", "l", "LEFT")).isNull();
    }

    @Test
    void binaryElementsRoundTrip() {
        byte[] element = {0, (byte) 0xff, '\r', '\n', 'x'};
        call("RPUSH", "bin", element, "");
        assertThat(call("LLEN", "bin")).isEqualTo(2L);
        assertThat(call("LPOS", "bin", element)).isEqualTo(0L);
        assertThat(call("LINDEX", "bin", "1")).isEqualTo("");
    }

    @Test
    void largeListsKeepWorkingAcrossTheirWholeLength() {
        List<Object> args = new ArrayList<>(List.of("RPUSH", "big"));
        for (int i = 0; i < 1000; i++) {
            args.add(Integer.toString(i));
        }
        assertThat(call(args.toArray())).isEqualTo(1000L);
        assertThat(call("LINDEX", "big", "500")).isEqualTo("500");
        assertThat(call("LINSERT", "big", "BEFORE", "700", "x")).isEqualTo(1001L);
        assertThat(call("LPOS", "big", "x")).isEqualTo(700L);
        assertThat(call("LREM", "big", "0", "x")).isEqualTo(1L);
        assertThat(call("LTRIM", "big", "10", "19")).isEqualTo("OK");
        assertThat(call("LRANGE", "big", "0", "-1")).isEqualTo(
                List.of("10", "11", "12", "13", "14", "15", "16", "17", "18", "19"));
        assertThat(call("OBJECT", "ENCODING", "big")).isEqualTo("quicklist");
    }

    @Test
    void listCommandsInvalidateWatchers() {
        call("RPUSH", "w", "a");
        try (RespClient other = node.client()) {
            call("WATCH", "w");
            other.call("LSET", "w", "0", "b");
            call("MULTI");
            call("LLEN", "w");
            assertThat(call("EXEC")).isNull();
        }
    }
}
