package io.replicatedstore.datanode.persist.rdb;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The function libraries in Redis 7.0's formats: the RDB's function section (one
 * FUNCTION2 opcode and the library's code as an RDB string per library, after the AUX fields)
 * and FUNCTION DUMP's payload (the same records, then the RDB version in two bytes and the
 * CRC-64 of all before it, little endian, as DUMP's payloads are).
 */
public final class RdbFunctionSection {

    private RdbFunctionSection() {
    }

    static void write(RdbOutput out, List<byte[]> libraries, boolean compression) throws IOException {
        for (byte[] code : libraries) {
            out.writeByte(RdbConstants.OPCODE_FUNCTION2);
            writeCode(out, code, compression);
        }
    }

    /**
     * A library's code as an RDB string, LZF-compressed as Redis compresses it (when longer than
     * 20 bytes and saving more than 4), so the section holds redis-server's bytes.
     */
    private static void writeCode(RdbOutput out, byte[] code, boolean compression) throws IOException {
        if (compression && code.length > 20) {
            byte[] packed = new byte[code.length - 4];
            int n = RedisLzf.compress(code, packed, packed.length);
            if (n > 0) {
                out.writeByte((RdbConstants.LEN_ENCVAL << 6) | RdbConstants.ENC_LZF);
                out.writeLength(n);
                out.writeLength(code.length);
                out.write(packed, 0, n);
                return;
            }
        }
        out.writeString(code);
    }

    /** FUNCTION DUMP's payload for these libraries' code. */
    public static byte[] dump(List<byte[]> libraries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            RdbOutput out = new RdbOutput(bytes, true);
            write(out, libraries, true);
            out.writeByte(RdbConstants.RDB_VERSION & 0xff);
            out.writeByte(RdbConstants.RDB_VERSION >>> 8);
            out.finish(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** A payload FUNCTION RESTORE cannot take; the message is Redis's reply text without "ERR ". */
    public static final class BadPayload extends Exception {
        public BadPayload(String message) {
            super(message, null, false, false);
        }
    }

    /** The libraries' code in a FUNCTION DUMP payload, checked as Redis's FUNCTION RESTORE does. */
    public static List<byte[]> restore(byte[] payload) throws BadPayload {
        if (payload.length < 10) {
            throw new BadPayload("DUMP payload version or checksum are wrong");
        }
        int end = payload.length - 10;
        int version = (payload[end] & 0xff) | (payload[end + 1] & 0xff) << 8;
        long stored = 0;
        for (int i = 0; i < 8; i++) {
            stored |= (payload[end + 2 + i] & 0xffL) << (8 * i);
        }
        Crc64 crc = new Crc64().update(payload, 0, end + 2);
        if (version > RdbConstants.RDB_VERSION || stored != crc.value()) {
            throw new BadPayload("DUMP payload version or checksum are wrong");
        }
        RdbInput in = new RdbInput(new ByteArrayInputStream(payload, 0, end), end);
        List<byte[]> libraries = new ArrayList<>();
        try {
            while (in.offset() < end) {
                int type = in.readByte();
                if (type != RdbConstants.OPCODE_FUNCTION2) {
                    throw new BadPayload("given type is not a function");
                }
                try {
                    libraries.add(in.readString());
                } catch (IOException | RuntimeException e) {
                    throw new BadPayload("failed loading the given functions payload");
                }
            }
        } catch (IOException e) {
            throw new BadPayload("can not read data type");
        }
        return libraries;
    }
}
