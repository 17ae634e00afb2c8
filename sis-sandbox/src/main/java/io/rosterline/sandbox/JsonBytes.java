package io.rosterline.sandbox;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A minimal JSON byte writer for the hottest listing (enrollments: about nine in ten records of a district). Constant
 * parts of a record are precomputed byte fragments; values are copied straight into one buffer. Escapes exactly as
 * Jackson's generator does for what the sandbox emits, which {@code FastEnrollmentJsonTest} checks byte for byte.
 */
final class JsonBytes {

    private final OutputStream out;
    private final byte[] buf;
    private int pos;

    JsonBytes(OutputStream out, int bufferSize) {
        this.out = out;
        this.buf = new byte[bufferSize];
    }

    /** The UTF-8 bytes of a fragment that is already valid JSON text. */
    static byte[] fragment(String json) {
        return json.getBytes(StandardCharsets.UTF_8);
    }

    /** The bytes of a value as it appears inside a JSON string (escaped, without the quotes). */
    static byte[] escaped(String value) {
        JsonBytes b = new JsonBytes(null, value.length() * 6 + 16);
        b.text(value);
        byte[] r = new byte[b.pos];
        System.arraycopy(b.buf, 0, r, 0, b.pos);
        return r;
    }

    void raw(byte[] bytes) throws IOException {
        if (pos + bytes.length > buf.length) {
            drain();
            if (bytes.length > buf.length) {
                out.write(bytes);
                return;
            }
        }
        System.arraycopy(bytes, 0, buf, pos, bytes.length);
        pos += bytes.length;
    }

    void raw(byte b) throws IOException {
        if (pos == buf.length) {
            drain();
        }
        buf[pos++] = b;
    }

    /** The string's content, escaped like Jackson: quote, backslash and control characters; UTF-8 otherwise. */
    void text(String s) {
        int n = s.length();
        if (pos + n * 6 > buf.length) {
            try {
                drain();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
                buf[pos++] = (byte) c;
            } else {
                slow(s, i);
                return;
            }
        }
    }

    /** prefix + n zero-padded to width digits, as {@code Roster.pad} spells ids; the prefix must need no escaping. */
    void padded(byte[] prefix, long n, int width) throws IOException {
        if (pos + prefix.length + 20 + width > buf.length) {
            drain();
        }
        System.arraycopy(prefix, 0, buf, pos, prefix.length);
        pos += prefix.length;
        int digits = 1;
        for (long v = n; v >= 10; v /= 10) {
            digits++;
        }
        for (int i = digits; i < width; i++) {
            buf[pos++] = '0';
        }
        long v = n;
        for (int i = pos + digits - 1; i >= pos; i--) {
            buf[i] = (byte) ('0' + (v % 10));
            v /= 10;
        }
        pos += digits;
    }

    private void slow(String s, int from) {
        byte[] rest = escapeSlow(s.substring(from));
        System.arraycopy(rest, 0, buf, pos, rest.length);
        pos += rest.length;
    }

    private static byte[] escapeSlow(String s) {
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\b' -> b.append("\\b");
                case '\f' -> b.append("\\f");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04X", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void drain() throws IOException {
        if (pos > 0) {
            out.write(buf, 0, pos);
            pos = 0;
        }
    }

    void flush() throws IOException {
        drain();
        out.flush();
    }
}
