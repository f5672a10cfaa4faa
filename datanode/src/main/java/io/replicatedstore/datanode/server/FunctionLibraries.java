package io.replicatedstore.datanode.server;

import java.util.List;

/**
 * The function libraries (FUNCTION LOAD) as persistence sees them: their code, which the RDB's
 * function section and FUNCTION DUMP hold, and a way to load a whole set of them. The scripting
 * package implements it; the server holds it so saving and loading reach it.
 */
public interface FunctionLibraries {

    /** The libraries' code, in the order they were loaded. */
    List<byte[]> codes();

    /**
     * Replaces every library by these (an RDB's function section). If one does not load, nothing
     * changes and an IllegalArgumentException says why, as Redis reports it.
     */
    void replaceAll(List<byte[]> codes);

    /** No libraries, and none can be loaded (a server without the scripting commands). */
    FunctionLibraries NONE = new FunctionLibraries() {
        @Override
        public List<byte[]> codes() {
            return List.of();
        }

        @Override
        public void replaceAll(List<byte[]> codes) {
            if (!codes.isEmpty()) {
                throw new IllegalArgumentException("this server has no function engine");
            }
        }
    };
}
