package io.replicatedstore.datanode.command.server;

import io.replicatedstore.datanode.command.Command;
import io.replicatedstore.datanode.command.CommandContext;
import io.replicatedstore.datanode.error.RedisException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.logging.Logger;

/** {@code CONFIG REWRITE}: writes the running configuration back into the file it came from. */
final class ConfigRewriteCommand implements Command {

    private static final Logger LOG = Logger.getLogger(ConfigRewriteCommand.class.getName());

    @Override
    public void execute(CommandContext ctx) {
        String file = ctx.config().configFile();
        if (file == null) {
            throw new RedisException("ERR The server is running without a config file");
        }
        try {
            ConfigRewriter.rewrite(ctx.config(), Path.of(file), false);
        } catch (IOException e) {
            String reason = ConfigRewriter.describe(e);
            LOG.warning("CONFIG REWRITE failed: " + reason);
            throw new RedisException("ERR Rewriting config file: " + reason);
        }
        LOG.warning("CONFIG REWRITE executed with success.");
        ctx.reply().ok();
    }
}
