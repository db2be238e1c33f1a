package vn.motcua.reporting.projection;

import org.postgresql.PGConnection;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.UUID;

/**
 * Rows in PostgreSQL's binary COPY format, loaded into a table with one COPY: the way PostgreSQL takes many rows
 * fastest, and without parsing them (about twenty instants a fact row were parsed from text, a third of the COPY's
 * time). Each value goes in the binary form of the column's type, chosen by its Java type: {@link UUID} uuid,
 * {@link String} (and any other object, by its {@code toString}) text or varchar in UTF-8, {@link Integer} int,
 * {@link Long} bigint, {@link Boolean} boolean, {@link Instant} timestamptz, {@link LocalDate} date,
 * {@link BigDecimal} numeric, and {@link #addJson} jsonb. A value of the wrong type for its column is refused by the
 * COPY ("incorrect binary data format"), as a value out of its column's range is (an instant, a date or a
 * numeric's precision), so what is stored is what the text form would have stored.
 */
final class CopyRows {
    private static final byte[] SIGNATURE = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0};
    /** 2000-01-01T00:00:00Z, PostgreSQL's epoch, in Unix seconds and days. */
    private static final long PG_EPOCH_SECONDS = 946_684_800L;
    private static final long PG_EPOCH_DAYS = 10_957L;

    private byte[] bytes = new byte[1 << 16];
    private int length;
    private int rows;
    /** Where the current row's field count goes, and how many fields it has so far; -1: no row started. */
    private int rowStart = -1;
    private int fields;

    CopyRows() {
        System.arraycopy(SIGNATURE, 0, bytes, 0, SIGNATURE.length);
        length = SIGNATURE.length;
        int32(0); // flags
        int32(0); // header extension
    }

    /** The next value of the current row; null is SQL NULL. */
    CopyRows add(Object value) throws SQLException {
        field();
        if (value == null) {
            int32(-1);
        } else if (value instanceof String s) {
            text(s);
        } else if (value instanceof Instant t) {
            int32(8);
            int64(micros(t));
        } else if (value instanceof Integer i) {
            int32(4);
            int32(i);
        } else if (value instanceof Long l) {
            int32(8);
            int64(l);
        } else if (value instanceof Boolean b) {
            int32(1);
            put(b ? 1 : 0);
        } else if (value instanceof UUID u) {
            int32(16);
            int64(u.getMostSignificantBits());
            int64(u.getLeastSignificantBits());
        } else if (value instanceof LocalDate d) {
            long days = d.toEpochDay() - PG_EPOCH_DAYS;
            if (days != (int) days) {
                throw new SQLException("date out of range: " + d, "22008");
            }
            int32(4);
            int32((int) days);
        } else if (value instanceof BigDecimal d) {
            numeric(d);
        } else {
            text(value.toString());
        }
        return this;
    }

    /** The next value of the current row, for a jsonb column: JSON text (null is SQL NULL). */
    CopyRows addJson(String json) {
        field();
        if (json == null) {
            int32(-1);
            return this;
        }
        int at = length;
        int32(0);
        put(1); // jsonb's binary version
        utf8(json);
        patch(at, length - at - 4);
        return this;
    }

    CopyRows endRow() {
        if (rowStart < 0) {
            rowStart = length; // a row of no values
            int16(0);
        }
        bytes[rowStart] = (byte) (fields >> 8);
        bytes[rowStart + 1] = (byte) fields;
        rowStart = -1;
        fields = 0;
        rows++;
        return this;
    }

    int rows() {
        return rows;
    }

    /** The COPY data so far, without its trailer (for tests). */
    byte[] bytes() {
        return Arrays.copyOf(bytes, length);
    }

    /** Sends the rows to {@code table}'s {@code columns} (COPY's column list, comma-separated). */
    void copyInto(Connection c, String table, String columns) throws SQLException {
        if (rows == 0) {
            return;
        }
        int end = length;
        int16(-1); // the trailer
        try {
            c.unwrap(PGConnection.class).getCopyAPI().copyIn("copy " + table + " (" + columns
                    + ") from stdin with (format binary)", new ByteArrayInputStream(bytes, 0, length));
        } catch (IOException e) {
            throw new SQLException("copy into " + table + " failed", e);
        } finally {
            length = end; // more rows may follow, for another COPY
        }
    }

    private void field() {
        if (rowStart < 0) {
            rowStart = length;
            int16(0); // the count, set at the row's end
        }
        fields++;
    }

    /** Microseconds since PostgreSQL's epoch, rounded to the nearest as its text input rounds a longer fraction. */
    private static long micros(Instant t) throws SQLException {
        try {
            long seconds = Math.subtractExact(t.getEpochSecond(), PG_EPOCH_SECONDS);
            return Math.addExact(Math.multiplyExact(seconds, 1_000_000L), Math.round(t.getNano() / 1000.0));
        } catch (ArithmeticException e) {
            throw new SQLException("timestamp out of range: " + t, "22008");
        }
    }

    /**
     * numeric: its digit count, weight and sign, the scale shown, then base-10000 digits around the decimal point
     * (the weight is the power of 10000 of the first one). Trailing and leading zero digits are left out.
     */
    private void numeric(BigDecimal value) {
        int scale = Math.max(value.scale(), 0);
        String digits = value.abs().setScale(scale, RoundingMode.UNNECESSARY).unscaledValue().toString();
        int intLength = digits.length() - scale;
        // whole base-10000 digits: the integer part padded on the left, the fraction on the right
        int leftPad = intLength > 0 ? (4 - intLength % 4) % 4 : 0;
        String padded = "0".repeat(leftPad + Math.max(0, -intLength)) + digits;
        int intGroups = intLength > 0 ? (intLength + leftPad) / 4 : 0;
        padded = padded + "0".repeat((4 - (padded.length() - intGroups * 4) % 4) % 4);
        int groups = padded.length() / 4;
        short[] d = new short[groups];
        for (int i = 0; i < groups; i++) {
            d[i] = Short.parseShort(padded.substring(i * 4, i * 4 + 4));
        }
        int first = 0;
        while (first < groups && d[first] == 0) {
            first++;
        }
        int last = groups - 1;
        while (last >= first && d[last] == 0) {
            last--;
        }
        int n = last - first + 1;
        int weight = n == 0 ? 0 : intGroups - 1 - first;
        int32(8 + 2 * n);
        int16(n);
        int16(weight);
        int16(value.signum() < 0 && n > 0 ? 0x4000 : 0);
        int16(scale);
        for (int i = first; i <= last; i++) {
            int16(d[i]);
        }
    }

    private void text(String s) {
        int at = length;
        int32(0);
        utf8(s);
        patch(at, length - at - 4);
    }

    /** UTF-8 as the connection's client encoding; a lone surrogate becomes '?', as String.getBytes writes it. */
    private void utf8(String s) {
        room(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch < 0x80) {
                put(ch);
            } else if (ch < 0x800) {
                put(0xC0 | ch >> 6);
                put(0x80 | ch & 0x3F);
            } else if (Character.isHighSurrogate(ch) && i + 1 < s.length()
                    && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(ch, s.charAt(++i));
                put(0xF0 | cp >> 18);
                put(0x80 | cp >> 12 & 0x3F);
                put(0x80 | cp >> 6 & 0x3F);
                put(0x80 | cp & 0x3F);
            } else if (Character.isSurrogate(ch)) {
                put('?');
            } else {
                put(0xE0 | ch >> 12);
                put(0x80 | ch >> 6 & 0x3F);
                put(0x80 | ch & 0x3F);
            }
        }
    }

    private void patch(int at, int value) {
        bytes[at] = (byte) (value >>> 24);
        bytes[at + 1] = (byte) (value >>> 16);
        bytes[at + 2] = (byte) (value >>> 8);
        bytes[at + 3] = (byte) value;
    }

    private void int16(int v) {
        room(2);
        bytes[length++] = (byte) (v >>> 8);
        bytes[length++] = (byte) v;
    }

    private void int32(int v) {
        room(4);
        patch(length, v);
        length += 4;
    }

    private void int64(long v) {
        room(8);
        for (int shift = 56; shift >= 0; shift -= 8) {
            bytes[length++] = (byte) (v >>> shift);
        }
    }

    private void put(int b) {
        if (length == bytes.length) {
            room(1);
        }
        bytes[length++] = (byte) b;
    }

    private void room(int more) {
        if (length + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }
}
