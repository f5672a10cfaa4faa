package io.replicatedstore.e2e.support;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionFactory;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Bounded waits that say what they waited for; progress lines on stdout (the failsafe report keeps them). */
public final class Waits {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private Waits() {
    }

    /** Polls every half second for at most {@code seconds} (times e2e.timeout.factor). */
    public static ConditionFactory upTo(int seconds, String what) {
        return Awaitility.await(what).atMost(Settings.timeout(seconds))
                .pollInterval(Duration.ofMillis(500)).pollDelay(Duration.ZERO).ignoreExceptions();
    }

    public static void log(String message) {
        System.out.println("[e2e " + LocalTime.now(ZoneOffset.UTC).format(TIME) + "] " + message);
    }
}
