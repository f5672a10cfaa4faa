package io.replicatedstore.datanode.persist.rdb;

import java.io.ByteArrayInputStream;
import java.io.IOException;

/**
 * DUMP and RESTORE's serialized value, byte-compatible with Redis 7.0: the RDB encoding of one
 * value (type byte and body), the RDB version (2 bytes) and the CRC-64 of all before it
 * (8 bytes), little endian. Written by {@link RdbWriter}, read by {@link RdbObjectReader}.
 */
public final class DumpPayload {

    private static final int FOOTER = 10;

    private DumpPayload() {
    }

    /** Why a payload cannot be restored; the message is the error RESTORE replies. */
    public static final class Refused extends Exception {
        private Refused(String message) {
            super(message, null, false, false);
        }
    }

    public static byte[] of(Object value, RdbWriteOptions options) throws IOException {
        return RdbWriter.dumpPayload(value, options);
    }

    /**
     * Redis's verifyDumpPayload: at least the footer, a version this server reads, and the
     * checksum (unless {@code checkCrc} is off).
     */
    public static boolean verify(byte[] payload, boolean checkCrc) {
        if (payload.length < FOOTER) {
            return false;
        }
        int footer = payload.length - FOOTER;
        int version = (payload[footer] & 0xff) | (payload[footer + 1] & 0xff) << 8;
        if (version > RdbConstants.RDB_VERSION) {
            return false;
        }
        if (!checkCrc) {
            return true;
        }
        long crc = Crc64.update(0, payload, 0, payload.length - 8);
        for (int i = 0; i < 8; i++) {
            if ((byte) (crc >>> (8 * i)) != payload[footer + 2 + i]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The value a verified payload holds. Every length in it is checked against the bytes
     * actually there before anything is allocated for it.
     *
     * @throws Refused "Bad data format" for anything that is not one whole value of a type this
     *                 server holds (an empty collection included, as Redis refuses it)
     */
    public static Object read(byte[] payload, EncodingLimits limits) throws Refused {
        int length = payload.length - FOOTER;
        RdbInput in = new RdbInput(new ByteArrayInputStream(payload, 0, length), length);
        try {
            int type = in.readByte();
            if (!RdbObjectReader.isValueType(type)) {
                throw new Refused("Bad data format");
            }
            Object value = new RdbObjectReader(in, limits).read(type);
            if (value == null) {
                throw new Refused("Bad data format");
            }
            return value;
        } catch (IOException | RuntimeException e) {
            throw new Refused("Bad data format");
        }
    }
}
