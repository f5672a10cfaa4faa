package io.replicatedstore.datanode.command.pubsub;

import io.replicatedstore.datanode.testing.NodeExtension;
import io.replicatedstore.datanode.testing.RespClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class PubSubCommandsTest {

    @RegisterExtension
    static final NodeExtension node = NodeExtension.start();

    private static RespClient.Push push(Object... items) {
        return new RespClient.Push(Arrays.asList(items));
    }

    private static List<Object> array(Object... items) {
        return Arrays.asList(items);
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object reply) {
        return (List<String>) reply;
    }

    private static RespClient resp3() {
        RespClient client = node.client();
        assertThat(client.call("HELLO", "3")).isInstanceOf(Map.class);
        return client;
    }

    @Test
    void aResp2SubscriberGetsAConfirmationPerChannelAndThePublishedMessages() {
        try (RespClient subscriber = node.client(); RespClient publisher = node.client()) {
            subscriber.send("SUBSCRIBE", "r2-a", "r2-b", "r2-a");
            assertThat(subscriber.read()).isEqualTo(array("subscribe", "r2-a", 1L));
            assertThat(subscriber.read()).isEqualTo(array("subscribe", "r2-b", 2L));
            assertThat(subscriber.read()).isEqualTo(array("subscribe", "r2-a", 2L));

            assertThat(publisher.call("PUBLISH", "r2-a", "hello")).isEqualTo(1L);
            assertThat(publisher.call("PUBLISH", "r2-b", "")).isEqualTo(1L);
            assertThat(publisher.call("PUBLISH", "r2-c", "nobody listens")).isEqualTo(0L);
            assertThat(subscriber.read()).isEqualTo(array("message", "r2-a", "hello"));
            assertThat(subscriber.read()).isEqualTo(array("message", "r2-b", ""));
        }
    }

    @Test
    void aResp3SubscriberGetsPushesAndMayRunAnyCommand() {
        try (RespClient subscriber = resp3(); RespClient publisher = node.client()) {
            assertThat(subscriber.call("SUBSCRIBE", "r3-a")).isEqualTo(push("subscribe", "r3-a", 1L));
            assertThat(subscriber.call("PING")).isEqualTo("PONG");
            assertThat(subscriber.call("SET", "r3-key", "v")).isEqualTo("OK");
            assertThat(subscriber.call("GET", "r3-key")).isEqualTo("v");
            assertThat(subscriber.call("DEL", "r3-key")).isEqualTo(1L);

            assertThat(publisher.call("PUBLISH", "r3-a", "payload")).isEqualTo(1L);
            assertThat(subscriber.read()).isEqualTo(push("message", "r3-a", "payload"));
            assertThat(subscriber.call("UNSUBSCRIBE", "r3-a")).isEqualTo(push("unsubscribe", "r3-a", 0L));
        }
    }

    @Test
    void aResp3ClientPublishingToItselfGetsTheMessageBeforeTheReply() {
        try (RespClient client = resp3()) {
            assertThat(client.call("SUBSCRIBE", "self")).isEqualTo(push("subscribe", "self", 1L));
            client.send("PUBLISH", "self", "loop");
            assertThat(client.read()).isEqualTo(push("message", "self", "loop"));
            assertThat(client.read()).isEqualTo(1L);
        }
    }

    @Test
    void aResp2SubscriberMayOnlyRunSubscriptionCommandsAndPing() {
        try (RespClient client = node.client()) {
            assertThat(client.call("SUBSCRIBE", "ctx")).isEqualTo(array("subscribe", "ctx", 1L));
            assertThat(client.call("PING")).isEqualTo(array("pong", ""));
            assertThat(client.call("PING", "hi")).isEqualTo(array("pong", "hi"));
            assertThat(client.call("GET", "k")).isEqualTo(new RespClient.Error("ERR Can't execute 'get': only "
                    + "(P|S)SUBSCRIBE / (P|S)UNSUBSCRIBE / PING / QUIT / RESET are allowed in this context"));
            assertThat(client.call("PUBLISH", "ctx", "x")).isInstanceOf(RespClient.Error.class);
            assertThat(client.call("PSUBSCRIBE", "c*")).isEqualTo(array("psubscribe", "c*", 2L));
            assertThat(client.call("UNSUBSCRIBE", "ctx")).isEqualTo(array("unsubscribe", "ctx", 1L));
            assertThat(client.call("PING")).isEqualTo(array("pong", "")); // still subscribed to a pattern
            assertThat(client.call("PUNSUBSCRIBE", "c*")).isEqualTo(array("punsubscribe", "c*", 0L));
            assertThat(client.call("PING")).isEqualTo("PONG");
            assertThat(client.call("GET", "ctx-missing")).isNull();
        }
    }

    @Test
    void patternSubscribersGetPmessagesForMatchingChannels() {
        try (RespClient subscriber = node.client(); RespClient publisher = node.client()) {
            assertThat(subscriber.call("PSUBSCRIBE", "news.*")).isEqualTo(array("psubscribe", "news.*", 1L));
            assertThat(subscriber.call("PSUBSCRIBE", "h?llo")).isEqualTo(array("psubscribe", "h?llo", 2L));

            assertThat(publisher.call("PUBLISH", "news.tech", "chips")).isEqualTo(1L);
            assertThat(publisher.call("PUBLISH", "sports", "goal")).isEqualTo(0L);
            assertThat(publisher.call("PUBLISH", "hallo", "welt")).isEqualTo(1L);
            assertThat(publisher.call("PUBLISH", "hello", "world")).isEqualTo(1L);
            assertThat(subscriber.read()).isEqualTo(array("pmessage", "news.*", "news.tech", "chips"));
            assertThat(subscriber.read()).isEqualTo(array("pmessage", "h?llo", "hallo", "welt"));
            assertThat(subscriber.read()).isEqualTo(array("pmessage", "h?llo", "hello", "world"));
        }
    }

    @Test
    void aClientSubscribedByChannelAndPatternReceivesTheMessageTwice() {
        try (RespClient subscriber = resp3(); RespClient publisher = node.client()) {
            assertThat(subscriber.call("SUBSCRIBE", "both")).isEqualTo(push("subscribe", "both", 1L));
            assertThat(subscriber.call("PSUBSCRIBE", "b*")).isEqualTo(push("psubscribe", "b*", 2L));
            assertThat(publisher.call("PUBLISH", "both", "m")).isEqualTo(2L);
            assertThat(subscriber.read()).isEqualTo(push("message", "both", "m"));
            assertThat(subscriber.read()).isEqualTo(push("pmessage", "b*", "both", "m"));
        }
    }

    @Test
    void everySubscriberOfAChannelReceivesTheMessage() {
        try (RespClient one = node.client(); RespClient two = resp3(); RespClient publisher = node.client()) {
            assertThat(one.call("SUBSCRIBE", "fanout")).isEqualTo(array("subscribe", "fanout", 1L));
            assertThat(two.call("SUBSCRIBE", "fanout")).isEqualTo(push("subscribe", "fanout", 1L));
            assertThat(publisher.call("PUBLISH", "fanout", "all")).isEqualTo(2L);
            assertThat(one.read()).isEqualTo(array("message", "fanout", "all"));
            assertThat(two.read()).isEqualTo(push("message", "fanout", "all"));
        }
    }

    @Test
    void unsubscribeWithoutArgumentsLeavesEveryChannel() {
        try (RespClient client = node.client()) {
            assertThat(client.call("UNSUBSCRIBE")).isEqualTo(array("unsubscribe", null, 0L));
            assertThat(client.call("PUNSUBSCRIBE")).isEqualTo(array("punsubscribe", null, 0L));

            client.send("SUBSCRIBE", "u1", "u2", "u3");
            client.read();
            client.read();
            client.read();
            assertThat(client.call("PSUBSCRIBE", "u*")).isEqualTo(array("psubscribe", "u*", 4L));
            client.send("UNSUBSCRIBE");
            Set<Object> channels = new HashSet<>();
            for (long remaining = 3; remaining >= 1; remaining--) {
                List<?> reply = (List<?>) client.read();
                assertThat(reply.get(0)).isEqualTo("unsubscribe");
                assertThat(reply.get(2)).isEqualTo(remaining);
                channels.add(reply.get(1));
            }
            assertThat(channels).containsExactlyInAnyOrder("u1", "u2", "u3");
            // only the pattern is left
            assertThat(client.call("UNSUBSCRIBE")).isEqualTo(array("unsubscribe", null, 1L));
            assertThat(client.call("PUNSUBSCRIBE")).isEqualTo(array("punsubscribe", "u*", 0L));
            assertThat(client.call("PING")).isEqualTo("PONG");
        }
    }

    @Test
    void unsubscribingFromAChannelNotSubscribedStillConfirms() {
        try (RespClient client = resp3()) {
            assertThat(client.call("UNSUBSCRIBE", "never")).isEqualTo(push("unsubscribe", "never", 0L));
            assertThat(client.call("PUNSUBSCRIBE", "never*")).isEqualTo(push("punsubscribe", "never*", 0L));
            assertThat(client.call("UNSUBSCRIBE")).isEqualTo(push("unsubscribe", null, 0L));
        }
    }

    @Test
    void pubsubIntrospectionCountsChannelsSubscribersAndPatterns() {
        try (RespClient a = node.client(); RespClient b = node.client(); RespClient observer = node.client()) {
            a.send("SUBSCRIBE", "intro.x", "intro.y");
            a.read();
            a.read();
            assertThat(b.call("SUBSCRIBE", "intro.x")).isEqualTo(array("subscribe", "intro.x", 1L));
            assertThat(b.call("PSUBSCRIBE", "intro.*")).isEqualTo(array("psubscribe", "intro.*", 2L));
            assertThat(a.call("PSUBSCRIBE", "intro.*")).isEqualTo(array("psubscribe", "intro.*", 3L));
            assertThat(a.call("PSUBSCRIBE", "other.*")).isEqualTo(array("psubscribe", "other.*", 4L));

            assertThat(strings(observer.call("PUBSUB", "CHANNELS", "intro.*")))
                    .containsExactlyInAnyOrder("intro.x", "intro.y");
            assertThat(strings(observer.call("PUBSUB", "CHANNELS"))).contains("intro.x", "intro.y");
            assertThat(observer.call("PUBSUB", "CHANNELS", "*.y")).isEqualTo(List.of("intro.y"));
            assertThat(observer.call("PUBSUB", "NUMSUB", "intro.x", "intro.y", "intro.z"))
                    .isEqualTo(List.of("intro.x", 2L, "intro.y", 1L, "intro.z", 0L));
            assertThat(observer.call("PUBSUB", "NUMSUB")).isEqualTo(List.of());
            assertThat((Long) observer.call("PUBSUB", "NUMPAT")).isGreaterThanOrEqualTo(2L);
            assertThat(observer.call("PUBSUB", "SHARDCHANNELS")).isEqualTo(List.of());
            assertThat(observer.call("PUBSUB", "SHARDNUMSUB", "intro.x")).isEqualTo(List.of("intro.x", 0L));
        }
    }

    @Test
    void aDisconnectedClientLeavesItsChannels() throws InterruptedException {
        try (RespClient observer = node.client()) {
            try (RespClient subscriber = node.client()) {
                assertThat(subscriber.call("SUBSCRIBE", "gone")).isEqualTo(array("subscribe", "gone", 1L));
                assertThat(observer.call("PUBSUB", "NUMSUB", "gone")).isEqualTo(List.of("gone", 1L));
            }
            Object numsub = null;
            for (int i = 0; i < 100; i++) {
                numsub = observer.call("PUBSUB", "NUMSUB", "gone");
                if (numsub.equals(List.of("gone", 0L))) {
                    break;
                }
                Thread.sleep(20);
            }
            assertThat(numsub).isEqualTo(List.of("gone", 0L));
            assertThat(observer.call("PUBLISH", "gone", "x")).isEqualTo(0L);
        }
    }

    @Test
    void pubsubSubcommandErrorsAndHelpMatchRedis() {
        try (RespClient client = node.client()) {
            assertThat(client.call("PUBSUB", "CHANNELS", "a", "b")).isEqualTo(new RespClient.Error(
                    "ERR unknown subcommand or wrong number of arguments for 'CHANNELS'. Try PUBSUB HELP."));
            assertThat(client.call("pubsub", "numpat", "x")).isEqualTo(
                    new RespClient.Error("ERR wrong number of arguments for 'pubsub|numpat' command"));
            assertThat(client.call("PUBSUB", "nope")).isEqualTo(
                    new RespClient.Error("ERR unknown subcommand 'nope'. Try PUBSUB HELP."));
            assertThat(client.call("SUBSCRIBE")).isEqualTo(
                    new RespClient.Error("ERR wrong number of arguments for 'subscribe' command"));
            assertThat(client.call("PUBLISH", "only-channel")).isEqualTo(
                    new RespClient.Error("ERR wrong number of arguments for 'publish' command"));
            List<?> help = (List<?>) client.call("PUBSUB", "HELP");
            assertThat(help).hasSize(13);
            assertThat(help.get(0)).isEqualTo("PUBSUB <subcommand> [<arg> [value] [opt] ...]. Available subcommands:");
            assertThat(help.get(12)).isEqualTo("    Shows this list.");
        }
    }

    @Test
    void subscribeInsideMultiRunsAtExec() {
        try (RespClient client = node.client(); RespClient publisher = node.client()) {
            assertThat(client.call("MULTI")).isEqualTo("OK");
            assertThat(client.call("SUBSCRIBE", "tx-chan")).isEqualTo("QUEUED");
            assertThat(client.call("EXEC")).isEqualTo(List.of(List.of("subscribe", "tx-chan", 1L)));
            assertThat(publisher.call("PUBLISH", "tx-chan", "after")).isEqualTo(1L);
            assertThat(client.read()).isEqualTo(array("message", "tx-chan", "after"));
        }
    }

    @Test
    void binaryChannelsAndMessagesArriveIntact() {
        byte[] channel = {'b', 0, (byte) 0xff, '\r', '\n'};
        byte[] message = {0, 1, 2, '\r', '\n', (byte) 0x80};
        try (RespClient subscriber = node.client(); RespClient publisher = node.client()) {
            subscriber.call("SUBSCRIBE", channel);
            assertThat(publisher.call("PUBLISH", channel, message)).isEqualTo(1L);
            List<?> reply = (List<?>) subscriber.read();
            assertThat(reply.get(0)).isEqualTo("message");
            assertThat(reply.get(1)).isEqualTo(new String(channel, java.nio.charset.StandardCharsets.UTF_8));
            assertThat(reply.get(2)).isEqualTo(new String(message, java.nio.charset.StandardCharsets.UTF_8));
        }
    }
}
