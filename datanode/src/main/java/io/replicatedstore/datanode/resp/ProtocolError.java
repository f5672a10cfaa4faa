package io.replicatedstore.datanode.resp;

/**
 * What the decoder hands on instead of a command when the input is not RESP: the client gets
 * {@code -ERR Protocol error: <reason>} and is disconnected, as Redis does.
 */
public record ProtocolError(String reason) {

    public String errorLine() {
        return "ERR Protocol error: " + reason;
    }
}
