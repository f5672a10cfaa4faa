package io.replicatedstore.datanode.persist.rdb;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Test helper: assembles RDB bytes by hand, straight from the format description, including
 * the encodings Redis 7.0 reads but no longer writes (ziplists, zipmaps, text-score sorted
 * sets, old linked lists, second-resolution expiries). Independent of RdbWriter on purpose.
 */
final class RdbBuilder {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final int version;

    RdbBuilder(int version) {
        this.version = version;
        raw(String.format("REDIS%04d", version).getBytes(StandardCharsets.US_ASCII));
    }

    RdbBuilder raw(byte[] b) {
        out.writeBytes(b);
        return this;
    }

    RdbBuilder raw(int... bytes) {
        for (int b : bytes) {
            out.write(b);
        }
        return this;
    }

    RdbBuilder length(long len) {
        if (len < 64) {
            return raw((int) len);
        }
        if (len < 16384) {
            return raw(0x40 | (int) (len >>> 8), (int) len & 0xff);
        }
        if (len <= 0xffffffffL) {
            return raw(0x80).be(len, 4);
        }
        return raw(0x81).be(len, 8);
    }

    RdbBuilder be(long v, int n) {
        for (int i = n - 1; i >= 0; i--) {
            out.write((int) (v >>> (8 * i)));
        }
        return this;
    }

    RdbBuilder le(long v, int n) {
        for (int i = 0; i < n; i++) {
            out.write((int) (v >>> (8 * i)));
        }
        return this;
    }

    /** A string stored verbatim: length then bytes. */
    RdbBuilder string(byte[] s) {
        return length(s.length).raw(s);
    }

    RdbBuilder string(String s) {
        return string(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** An integer-encoded string: 0 = int8, 1 = int16, 2 = int32. */
    RdbBuilder intString(int enc, long v) {
        return raw(0xc0 | enc).le(v, 1 << enc);
    }

    RdbBuilder lzfString(byte[] s) {
        byte[] packed = new byte[s.length + 64];
        int n = Lzf.compress(s, 0, s.length, packed, 0, packed.length);
        raw(0xc3).length(n).length(s.length);
        out.write(packed, 0, n);
        return this;
    }

    RdbBuilder aux(String k, String v) {
        return raw(RdbConstants.OPCODE_AUX).string(k).string(v);
    }

    RdbBuilder selectDb(int db) {
        return raw(RdbConstants.OPCODE_SELECTDB).length(db);
    }

    RdbBuilder resizeDb(long size, long expires) {
        return raw(RdbConstants.OPCODE_RESIZEDB).length(size).length(expires);
    }

    RdbBuilder expireMs(long at) {
        return raw(RdbConstants.OPCODE_EXPIRETIME_MS).le(at, 8);
    }

    RdbBuilder expireSeconds(int at) {
        return raw(RdbConstants.OPCODE_EXPIRETIME).le(at, 4);
    }

    /** The type byte and the key of an entry; the value follows. */
    RdbBuilder key(int type, String key) {
        return raw(type).string(key);
    }

    /** An old (RDB < 8) text score: 253 NaN, 254 +inf, 255 -inf, else length + text. */
    RdbBuilder textScore(String text) {
        return switch (text) {
            case "nan" -> raw(253);
            case "inf" -> raw(254);
            case "-inf" -> raw(255);
            default -> raw(text.length()).raw(text.getBytes(StandardCharsets.US_ASCII));
        };
    }

    /** EOF, then (from version 5) the CRC-64 of everything before it. */
    byte[] end() {
        raw(RdbConstants.OPCODE_EOF);
        byte[] body = out.toByteArray();
        if (version >= 5) {
            le(Crc64.of(body), 8);
        }
        return out.toByteArray();
    }

    /** EOF and a trailer of zeros (checksum disabled). */
    byte[] endWithoutChecksum() {
        raw(RdbConstants.OPCODE_EOF);
        return le(0, 8).out.toByteArray();
    }

    /** What has been built so far, with no EOF. */
    byte[] unfinished() {
        return out.toByteArray();
    }

    // ---- blobs -----------------------------------------------------------------------------

    /**
     * A ziplist of Strings and Longs. Longs get the smallest integer encoding (immediate 0..12,
     * int8, int16, int24, int32, int64), as Redis's zipTryEncoding picks.
     */
    static byte[] ziplist(Object... entries) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int prevSize = 0;
        int lastOffset = 10;
        for (Object e : entries) {
            ByteArrayOutputStream entry = new ByteArrayOutputStream();
            if (prevSize < 254) {
                entry.write(prevSize);
            } else {
                entry.write(0xfe);
                writeLe(entry, prevSize, 4);
            }
            if (e instanceof Long v) {
                if (v >= 0 && v <= 12) {
                    entry.write(0xf1 + v.intValue());
                } else if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) {
                    entry.write(0xfe);
                    writeLe(entry, v, 1);
                } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
                    entry.write(0xc0);
                    writeLe(entry, v, 2);
                } else if (v >= -(1 << 23) && v < (1 << 23)) {
                    entry.write(0xf0);
                    writeLe(entry, v, 3);
                } else if (v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE) {
                    entry.write(0xd0);
                    writeLe(entry, v, 4);
                } else {
                    entry.write(0xe0);
                    writeLe(entry, v, 8);
                }
            } else {
                byte[] s = ((String) e).getBytes(StandardCharsets.ISO_8859_1);
                if (s.length <= 63) {
                    entry.write(s.length);
                } else if (s.length <= 16383) {
                    entry.write(0x40 | (s.length >>> 8));
                    entry.write(s.length & 0xff);
                } else {
                    entry.write(0x80);
                    entry.write(s.length >>> 24);
                    entry.write(s.length >>> 16);
                    entry.write(s.length >>> 8);
                    entry.write(s.length);
                }
                entry.writeBytes(s);
            }
            lastOffset = 10 + body.size();
            prevSize = entry.size();
            body.writeBytes(entry.toByteArray());
        }
        ByteArrayOutputStream zl = new ByteArrayOutputStream();
        int total = 10 + body.size() + 1;
        writeLe(zl, total, 4);
        writeLe(zl, entries.length == 0 ? 10 : lastOffset, 4);
        writeLe(zl, Math.min(entries.length, 0xffff), 2);
        zl.writeBytes(body.toByteArray());
        zl.write(0xff);
        return zl.toByteArray();
    }

    /** A zipmap of field, value pairs; each value gets {@code free} unused bytes after it. */
    static byte[] zipmap(int free, String... pairs) {
        ByteArrayOutputStream zm = new ByteArrayOutputStream();
        zm.write(Math.min(pairs.length / 2, 254));
        for (int i = 0; i < pairs.length; i++) {
            byte[] s = pairs[i].getBytes(StandardCharsets.ISO_8859_1);
            if (s.length < 254) {
                zm.write(s.length);
            } else {
                zm.write(254);
                writeLe(zm, s.length, 4);
            }
            if (i % 2 == 1) {
                zm.write(free);
            }
            zm.writeBytes(s);
            if (i % 2 == 1) {
                zm.writeBytes(new byte[free]);
            }
        }
        zm.write(0xff);
        return zm.toByteArray();
    }

    private static void writeLe(ByteArrayOutputStream out, long v, int n) {
        for (int i = 0; i < n; i++) {
            out.write((int) (v >>> (8 * i)));
        }
    }
}
