package io.replicatedstore.datanode.command;

/** One Redis command's behaviour. Arity and flags live in its {@link CommandSpec}. */
@FunctionalInterface
public interface Command {

    void execute(CommandContext ctx);
}
