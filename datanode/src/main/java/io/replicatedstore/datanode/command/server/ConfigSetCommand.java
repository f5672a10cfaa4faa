package io.replicatedstore.datanode.command.server;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.config.Config;
import io.replicatedstore.datanode.config.ConfigException;
import io.replicatedstore.datanode.config.ConfigOption;
import io.replicatedstore.datanode.error.Errors;
import io.replicatedstore.datanode.error.RedisException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code CONFIG SET parameter value [parameter value ...]}, Redis 7.0's atomic multi-set: every
 * name is checked first (unknown, immutable, the same name given twice), then every value is
 * parsed and stored; if one is rejected the earlier ones are put back and nothing changed. Only
 * then do the options' listeners run, once per option whose value actually changed. Secret values
 * (requirepass, masterauth, masteruser) are redacted from the arguments the slow log keeps.
 */
final class ConfigSetCommand implements Command {

    /** One directive being set, with its value before the command, for rolling back. */
    private record Change<T>(ConfigOption<T> option, String givenName, String value, T previous) {

        static <T> Change<T> of(ConfigOption<T> option, String givenName, String value) {
            return new Change<>(option, givenName, value, option.get());
        }

        void restore() {
            option.setValue(previous);
        }

        boolean changed() {
            return !option.formatted().equals(option.format(previous));
        }
    }

    /** Directives whose values are secrets, hidden from the slow log as Redis redacts them. */
    private static final Set<String> SENSITIVE = Set.of("requirepass", "masterauth", "masteruser");
    private static final byte[] REDACTED = "(redacted)".getBytes(StandardCharsets.US_ASCII);

    @Override
    public void execute(CommandContext ctx) {
        if ((ctx.argc() & 1) != 0) {
            throw Errors.syntax();
        }
        try {
            set(ctx);
        } finally {
            redact(ctx);
        }
    }

    /** Replaces secret values in the command's arguments, which the slow log records after the command. */
    private static void redact(CommandContext ctx) {
        for (int i = 2; i + 1 < ctx.argc(); i += 2) {
            ConfigOption<?> option = ctx.config().option(ctx.argString(i));
            if (option != null && SENSITIVE.contains(option.name())) {
                ctx.argv()[i + 1] = REDACTED;
            }
        }
    }

    private static void set(CommandContext ctx) {
        List<Change<?>> changes = new ArrayList<>();
        String error = null;
        for (int i = 2; i < ctx.argc(); i += 2) {
            String name = ctx.argString(i);
            ConfigOption<?> option = ctx.config().option(name);
            if (option == null) {
                if (error == null) {
                    error = "ERR Unknown option or number of arguments for CONFIG SET - '" + name + "'";
                }
                continue;
            }
            if (error != null) {
                continue;
            }
            if (!option.mutable()) {
                error = failed(name, "can't set immutable config");
                continue;
            }
            if (ctx.config().isProtected(option)
                    && !Config.allows(ctx.config().enableProtectedConfigs, ctx.client().isLocal())) {
                error = failed(name, "can't set protected config");
                continue;
            }
            // As in Redis, an alias and its directive count as different parameters here.
            for (Change<?> change : changes) {
                if (change.givenName().equals(name.toLowerCase(Locale.ROOT))) {
                    error = failed(name, "duplicate parameter");
                    break;
                }
            }
            changes.add(Change.of(option, name.toLowerCase(Locale.ROOT), ctx.argString(i + 1)));
        }
        if (error != null) {
            throw new RedisException(error);
        }
        // Parse and store every value without applying anything; undo all on the first rejection.
        for (int i = 0; i < changes.size(); i++) {
            Change<?> change = changes.get(i);
            try {
                change.option().set(List.of(change.value()), false);
            } catch (ConfigException e) {
                for (int j = 0; j <= i; j++) {
                    changes.get(j).restore();
                }
                throw new RedisException(failed(change.givenName(), e.getMessage()));
            }
        }
        // Apply: run the listeners of the options that changed.
        for (Change<?> change : changes) {
            if (!change.changed()) {
                continue;
            }
            try {
                change.option().set(List.of(change.value()), true);
            } catch (ConfigException | RuntimeException e) {
                changes.forEach(Change::restore);
                throw new RedisException(failed(change.givenName(), e.getMessage()));
            }
        }
        ctx.reply().ok();
    }

    private static String failed(String name, String reason) {
        return "ERR CONFIG SET failed (possibly related to argument '" + name + "') - " + reason;
    }
}
