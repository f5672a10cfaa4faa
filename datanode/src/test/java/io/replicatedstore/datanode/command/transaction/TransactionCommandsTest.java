package io.replicatedstore.datanode.command.transaction;

import io.replicatedstore.datanode.testing.ManualClock;
import io.replicatedstore.datanode.testing.NodeExtension;
import io.replicatedstore.datanode.testing.RespClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TransactionCommandsTest {

    private static final RespClient.Error EXECABORT =
            new RespClient.Error("EXECABORT Transaction discarded because of previous errors.");

    private static final ManualClock CLOCK = new ManualClock();

    @RegisterExtension
    static final NodeExtension node = NodeExtension.start().withClock(CLOCK);

    private static List<Object> array(Object... items) {
        return Arrays.asList(items);
    }

    @Test
    void execRepliesWithEveryQueuedCommandsReply() {
        try (RespClient client = node.client()) {
            assertThat(client.call("MULTI")).isEqualTo("OK");
            assertThat(client.call("SET", "tx-a", "1")).isEqualTo("QUEUED");
            assertThat(client.call("INCR", "tx-a")).isEqualTo("QUEUED");
            assertThat(client.call("GET", "tx-a")).isEqualTo("QUEUED");
            assertThat(client.call("GET", "tx-missing")).isEqualTo("QUEUED");
            assertThat(client.call("DEL", "tx-a")).isEqualTo("QUEUED");
            assertThat(client.call("EXEC")).isEqualTo(array("OK", 2L, "2", null, 1L));
        }
    }

    @Test
    void commandsRunOnlyAtExec() {
        try (RespClient client = node.client(); RespClient other = node.client()) {
            assertThat(client.call("MULTI")).isEqualTo("OK");
            assertThat(client.call("SET", "tx-later", "v")).isEqualTo("QUEUED");
            assertThat(other.call("GET", "tx-later")).isNull();
            assertThat(client.call("EXEC")).isEqualTo(List.of("OK"));
            assertThat(other.call("GET", "tx-later")).isEqualTo("v");
            assertThat(other.call("DEL", "tx-later")).isEqualTo(1L);
        }
    }

    @Test
    void anEmptyTransactionRepliesWithAnEmptyArray() {
        try (RespClient client = node.client()) {
            assertThat(client.call("MULTI")).isEqualTo("OK");
            assertThat(client.call("EXEC")).isEqualTo(List.of());
        }
    }

    @Test
    void errorsAtRunTimeAreRepliesOfTheirCommandAndTheOthersStillRun() {
        try (RespClient client = node.client()) {
            assertThat(client.call("SET", "tx-str", "abc")).isEqualTo("OK");
            assertThat(client.call("MULTI")).isEqualTo("OK");
            assertThat(client.call("INCR", "tx-str")).isEqualTo("QUEUED");
            assertThat(client.call("HSET", "tx-str", "f", "v")).isEqualTo("QUEUED");
            assertThat(client.call("SET", "tx-str", "def")).isEqualTo("QUEUED");
            assertThat(client.call("EXEC")).isEqualTo(array(
                    new RespClient.Error("ERR value is not an integer or out of range"),
                    new RespClient.Error("WRONGTYPE Operation against a key holding the wrong kind of value"),
                    "OK"));
            assertThat(client.call("GET", "tx-str")).isEqualTo("def");
            assertThat(client.call("DEL", "tx-str")).isEqualTo(1L);
        }
    }

    @Test
    void anUnknownCommandWhileQueueingAbortsTheTransaction() {
        try (RespClient client = node.client()) {
            assertThat(client.call("MULTI")).isEqualTo("OK");
            assertThat(client.call("SET", "tx-abort", "1")).isEqualTo("QUEUED");
            assertThat(client.call("NOSUCH", "x")).isEqualTo(
                    new RespClient.Error("ERR unknown command 'NOSUCH', with args beginning with: 'x' "));
            assertThat(client.call("SET", "tx-abort", "2")).isEqualTo("QUEUED");
            assertThat(client.call("EXEC")).isEqualTo(EXECABORT);
            assertThat(client.call("GET", "tx-abort")).isNull();
            assertThat(client.call("EXEC")).isEqualTo(new RespClient.Error("ERR EXEC without MULTI"));
        }
    }

    @Test
    void aWrongArgumentCountWhileQueueingAbortsTheTransaction() {
        try (RespClient client = node.client()) {
            assertThat(client.call("MULTI")).isEqualTo("OK");
            assertThat(client.call("GET")).isEqualTo(
                    new RespClient.Error("ERR wrong number of arguments for 'get' command"));
            assertThat(client.call("EXEC")).isEqualTo(EXECABORT);
        }
    }

    @Test
    void aRejectedExecDiscardsTheTransaction() {
        try (RespClient client = node.client()) {
            assertThat(client.call("MULTI")).isEqualTo("OK");
            assertThat(client.call("SET", "tx-rejected", "1")).isEqualTo("QUEUED");
            assertThat(client.call("EXEC", "extra")).isEqualTo(new RespClient.Error(
                    "EXECABORT Transaction discarded because of: wrong number of arguments for 'exec' command"));
            assertThat(client.call("EXEC")).isEqualTo(new RespClient.Error("ERR EXEC without MULTI"));
            assertThat(client.call("GET", "tx-rejected")).isNull();
        }
    }

    @Test
    void transactionControlErrors() {
        try (RespClient client = node.client()) {
            assertThat(client.call("EXEC")).isEqualTo(new RespClient.Error("ERR EXEC without MULTI"));
            assertThat(client.call("DISCARD")).isEqualTo(new RespClient.Error("ERR DISCARD without MULTI"));
            assertThat(client.call("MULTI")).isEqualTo("OK");
            assertThat(client.call("MULTI")).isEqualTo(new RespClient.Error("ERR MULTI calls can not be nested"));
            assertThat(client.call("WATCH", "k")).isEqualTo(new RespClient.Error("ERR WATCH inside MULTI is not allowed"));
            assertThat(client.call("PING")).isEqualTo("QUEUED");
            // neither error aborted the transaction
            assertThat(client.call("EXEC")).isEqualTo(List.of("PONG"));
        }
    }

    @Test
    void discardDropsTheQueuedCommands() {
        try (RespClient client = node.client()) {
            assertThat(client.call("MULTI")).isEqualTo("OK");
            assertThat(client.call("SET", "tx-discarded", "1")).isEqualTo("QUEUED");
            assertThat(client.call("DISCARD")).isEqualTo("OK");
            assertThat(client.call("GET", "tx-discarded")).isNull();
            assertThat(client.call("EXEC")).isEqualTo(new RespClient.Error("ERR EXEC without MULTI"));
        }
    }

    @Test
    void aWatchedKeyChangedByAnotherClientMakesExecFail() {
        try (RespClient client = node.client(); RespClient other = node.client()) {
            assertThat(client.call("SET", "tx-w1", "1")).isEqualTo("OK");
            assertThat(client.call("WATCH", "tx-w1")).isEqualTo("OK");
            assertThat(client.call("MULTI")).isEqualTo("OK");
            assertThat(client.call("INCR", "tx-w1")).isEqualTo("QUEUED");
            assertThat(other.call("SET", "tx-w1", "10")).isEqualTo("OK");
            assertThat(client.call("EXEC")).isNull();
            assertThat(client.call("GET", "tx-w1")).isEqualTo("10");
            // the failed EXEC ended the transaction and the watch
            assertThat(client.call("MULTI")).isEqualTo("OK");
            assertThat(client.call("INCR", "tx-w1")).isEqualTo("QUEUED");
            assertThat(client.call("EXEC")).isEqualTo(List.of(11L));
            assertThat(client.call("DEL", "tx-w1")).isEqualTo(1L);
        }
    }

    @Test
    void aFailedWatchIsAResp3Null() {
        try (RespClient client = node.client(); RespClient other = node.client()) {
            assertThat(client.call("HELLO", "3")).isInstanceOf(Map.class);
            assertThat(client.call("WATCH", "tx-r3")).isEqualTo("OK");
            assertThat(other.call("SET", "tx-r3", "x")).isEqualTo("OK");
            assertThat(client.call("MULTI")).isEqualTo("OK");
            assertThat(client.call("GET", "tx-r3")).isEqualTo("QUEUED");
            client.sendRaw("*1\r\n$4\r\nEXEC\r\n");
            assertThat(client.read()).isNull();
            assertThat(client.call("DEL", "tx-r3")).isEqualTo(1L);
        }
    }

    @Test
    void aWatchedKeyChangedByTheSameConnectionBeforeMultiMakesExecFail() {
        try (RespClient client = node.client()) {
            assertThat(client.call("SET", "tx-self", "1")).isEqualTo("OK");
            assertThat(client.call("WATCH", "tx-self")).isEqualTo("OK");
            assertThat(client.call("SET", "tx-self", "2")).isEqualTo("OK");
            assertThat(client.call("MULTI")).isEqualTo("OK");
            assertThat(client.call("SET", "tx-self", "3")).isEqualTo("QUEUED");
            assertThat(client.call("EXEC")).isNull();
            assertThat(client.call("GET", "tx-self")).isEqualTo("2");
            assertThat(client.call("DEL", "tx-self")).isEqualTo(1L);
        }
    }

    @Test
    void writesInsideTheTransactionDoNotFailItsOwnWatch() {
        try (RespClient client = node.client()) {
            assertThat(client.call("WATCH", "tx-own")).isEqualTo("OK");
            assertThat(client.call("MULTI")).isEqualTo("OK");
            assertThat(client.call("SET", "tx-own", "1")).isEqualTo("QUEUED");
            assertThat(client.call("SET", "tx-own", "2")).isEqualTo("QUEUED");
            assertThat(client.call("EXEC")).isEqualTo(List.of("OK", "OK"));
            assertThat(client.call("DEL", "tx-own")).isEqualTo(1L);
        }
    }

    @Test
    void untouchedWatchedKeysLetExecRun() {
        try (RespClient client = node.client(); RespClient other = node.client()) {
            assertThat(client.call("WATCH", "tx-quiet1", "tx-quiet2")).isEqualTo("OK");
            assertThat(other.call("SET", "tx-unrelated", "x")).isEqualTo("OK");
            assertThat(other.call("GET", "tx-quiet1")).isNull(); // reads are not changes
            assertThat(client.call("MULTI")).isEqualTo("OK");
            assertThat(client.call("SET", "tx-quiet1", "v")).isEqualTo("QUEUED");
            assertThat(client.call("EXEC")).isEqualTo(List.of("OK"));
            assertThat(other.call("DEL", "tx-quiet1", "tx-unrelated")).isEqualTo(2L);
        }
    }

    @Test
    void aKeyWatchedInOneDatabaseIsNotTouchedByTheSameNameInAnother() {
        try (RespClient client = node.client(); RespClient other = node.client()) {
            assertThat(client.call("WATCH", "tx-db")).isEqualTo("OK");
            assertThat(other.call("SELECT", "1")).isEqualTo("OK");
            assertThat(other.call("SET", "tx-db", "x")).isEqualTo("OK");
            assertThat(client.call("MULTI")).isEqualTo("OK");
            assertThat(client.call("PING")).isEqualTo("QUEUED");
            assertThat(client.call("EXEC")).isEqualTo(List.of("PONG"));
            assertThat(other.call("DEL", "tx-db")).isEqualTo(1L);
        }
    }

    @Test
    void unwatchForgetsThatAWatchedKeyWasTouched() {
        try (RespClient client = node.client(); RespClient other = node.client()) {
            assertThat(client.call("WATCH", "tx-unwatch")).isEqualTo("OK");
            assertThat(other.call("SET", "tx-unwatch", "x")).isEqualTo("OK");
            assertThat(client.call("UNWATCH")).isEqualTo("OK");
            assertThat(client.call("MULTI")).isEqualTo("OK");
            assertThat(client.call("GET", "tx-unwatch")).isEqualTo("QUEUED");
            assertThat(client.call("EXEC")).isEqualTo(List.of("x"));
            assertThat(other.call("DEL", "tx-unwatch")).isEqualTo(1L);
        }
    }

    @Test
    void discardAlsoUnwatches() {
        try (RespClient client = node.client(); RespClient other = node.client()) {
            assertThat(client.call("WATCH", "tx-d")).isEqualTo("OK");
            assertThat(other.call("SET", "tx-d", "x")).isEqualTo("OK");
            assertThat(client.call("MULTI")).isEqualTo("OK");
            assertThat(client.call("DISCARD")).isEqualTo("OK");
            assertThat(client.call("MULTI")).isEqualTo("OK");
            assertThat(client.call("GET", "tx-d")).isEqualTo("QUEUED");
            assertThat(client.call("EXEC")).isEqualTo(List.of("x"));
            assertThat(other.call("DEL", "tx-d")).isEqualTo(1L);
        }
    }

    @Test
    void queueingErrorsWinOverTouchedWatchedKeys() {
        try (RespClient client = node.client(); RespClient other = node.client()) {
            assertThat(client.call("WATCH", "tx-both")).isEqualTo("OK");
            assertThat(other.call("SET", "tx-both", "x")).isEqualTo("OK");
            assertThat(client.call("MULTI")).isEqualTo("OK");
            assertThat(client.call("NOSUCH")).isInstanceOf(RespClient.Error.class);
            assertThat(client.call("EXEC")).isEqualTo(EXECABORT);
            assertThat(other.call("DEL", "tx-both")).isEqualTo(1L);
        }
    }

    @Test
    void aWatchedKeyThatExpiresBeforeExecMakesItFail() {
        try (RespClient client = node.client()) {
            assertThat(client.call("SET", "tx-exp", "v", "PX", "50")).isEqualTo("OK");
            assertThat(client.call("WATCH", "tx-exp")).isEqualTo("OK");
            assertThat(client.call("MULTI")).isEqualTo("OK");
            assertThat(client.call("GET", "tx-exp")).isEqualTo("QUEUED");
            CLOCK.advance(Duration.ofMillis(120));
            // expired, whether or not the expiry cycle has deleted it yet
            assertThat(client.call("EXEC")).isNull();
        }
    }

    @Test
    void aWatchedKeyDeletedByExpiryBeforeExecMakesItFail() {
        try (RespClient client = node.client(); RespClient other = node.client()) {
            assertThat(client.call("SET", "tx-exp2", "v", "PX", "50")).isEqualTo("OK");
            assertThat(client.call("WATCH", "tx-exp2")).isEqualTo("OK");
            CLOCK.advance(Duration.ofMillis(120));
            assertThat(other.call("GET", "tx-exp2")).isNull(); // deletes the expired key
            assertThat(client.call("MULTI")).isEqualTo("OK");
            assertThat(client.call("PING")).isEqualTo("QUEUED");
            assertThat(client.call("EXEC")).isNull();
        }
    }

    @Test
    void aKeyAlreadyExpiredWhenWatchedDoesNotFailExecWhenItIsDeleted() {
        try (RespClient client = node.client(); RespClient other = node.client()) {
            assertThat(client.call("SET", "tx-exp3", "v", "PX", "20")).isEqualTo("OK");
            CLOCK.advance(Duration.ofMillis(60));
            assertThat(client.call("WATCH", "tx-exp3")).isEqualTo("OK");
            assertThat(other.call("GET", "tx-exp3")).isNull();
            assertThat(client.call("MULTI")).isEqualTo("OK");
            assertThat(client.call("PING")).isEqualTo("QUEUED");
            assertThat(client.call("EXEC")).isEqualTo(List.of("PONG"));
        }
    }

    @Test
    void watchAndControlCommandsValidateTheirArguments() {
        try (RespClient client = node.client()) {
            assertThat(client.call("WATCH")).isEqualTo(
                    new RespClient.Error("ERR wrong number of arguments for 'watch' command"));
            assertThat(client.call("MULTI", "x")).isEqualTo(
                    new RespClient.Error("ERR wrong number of arguments for 'multi' command"));
            assertThat(client.call("UNWATCH", "x")).isEqualTo(
                    new RespClient.Error("ERR wrong number of arguments for 'unwatch' command"));
            assertThat(client.call("MULTI")).isEqualTo("OK");
            assertThat(client.call("DISCARD", "x")).isEqualTo(
                    new RespClient.Error("ERR wrong number of arguments for 'discard' command"));
            assertThat(client.call("EXEC")).isEqualTo(EXECABORT);
        }
    }

    @Test
    void unwatchAndSelectInsideATransactionAreQueued() {
        try (RespClient client = node.client()) {
            assertThat(client.call("MULTI")).isEqualTo("OK");
            assertThat(client.call("UNWATCH")).isEqualTo("QUEUED");
            assertThat(client.call("SELECT", "4")).isEqualTo("QUEUED");
            assertThat(client.call("SET", "tx-db4", "yes")).isEqualTo("QUEUED");
            assertThat(client.call("EXEC")).isEqualTo(List.of("OK", "OK", "OK"));
            assertThat(client.call("GET", "tx-db4")).isEqualTo("yes");
            assertThat(client.call("DEL", "tx-db4")).isEqualTo(1L);
            assertThat(client.call("SELECT", "0")).isEqualTo("OK");
            assertThat(client.call("GET", "tx-db4")).isNull();
        }
    }

    @Test
    void pipelinedTransactionsAnswerInOrder() {
        try (RespClient client = node.client()) {
            client.sendRaw("MULTI\r\nSET tx-pipe 5\r\nINCRBY tx-pipe 5\r\nEXEC\r\nDEL tx-pipe\r\n");
            assertThat(client.read()).isEqualTo("OK");
            assertThat(client.read()).isEqualTo("QUEUED");
            assertThat(client.read()).isEqualTo("QUEUED");
            assertThat(client.read()).isEqualTo(List.of("OK", 10L));
            assertThat(client.read()).isEqualTo(1L);
        }
    }
}
