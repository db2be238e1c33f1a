package vn.motcua.reporting.projection;

import org.postgresql.PGConnection;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;

/**
 * Rows in PostgreSQL's COPY text format, loaded into a table with one COPY: the way PostgreSQL takes many rows
 * fastest. The text is kept as the UTF-8 bytes the connection sends (its client encoding), written once: no string
 * of the whole batch, no second copy for the driver to encode, half the memory of Java's chars for Vietnamese text.
 */
final class CopyRows {
    private byte[] bytes = new byte[1 << 16];
    private int length;
    private boolean rowStarted;
    private int rows;

    /** The next value of the current row; null is SQL NULL. */
    CopyRows add(Object value) {
        if (rowStarted) {
            put('\t');
        }
        rowStarted = true;
        if (value == null) {
            put('\\');
            put('N');
        } else if (value instanceof Instant t) {
            instant(t);
        } else if (value instanceof Integer || value instanceof Long) {
            number(((Number) value).longValue());
        } else if (value instanceof BigDecimal d) {
            text(d.toPlainString());
        } else {
            text(value.toString());
        }
        return this;
    }

    CopyRows endRow() {
        put('\n');
        rowStarted = false;
        rows++;
        return this;
    }

    int rows() {
        return rows;
    }

    /** The COPY text so far, as the bytes sent (for tests). */
    byte[] bytes() {
        return Arrays.copyOf(bytes, length);
    }

    /** Sends the rows to {@code table}'s {@code columns} (COPY's column list, comma-separated). */
    void copyInto(Connection c, String table, String columns) throws SQLException {
        if (rows == 0) {
            return;
        }
        try {
            c.unwrap(PGConnection.class).getCopyAPI().copyIn("copy " + table + " (" + columns + ") from stdin",
                    new ByteArrayInputStream(bytes, 0, length));
        } catch (IOException e) {
            throw new SQLException("copy into " + table + " failed", e);
        }
    }

    /**
     * An instant as PostgreSQL reads a timestamptz, in UTC with every fraction digit: written by hand because
     * Instant.toString's formatter was a tenth of the rebuild's time.
     */
    private void instant(Instant t) {
        LocalDateTime u = LocalDateTime.ofEpochSecond(t.getEpochSecond(), t.getNano(), ZoneOffset.UTC);
        if (u.getYear() < 1 || u.getYear() > 9999) {
            text(t.toString()); // ISO 8601 with its sign, which PostgreSQL reads as well
            return;
        }
        digits(u.getYear(), 4);
        put('-');
        digits(u.getMonthValue(), 2);
        put('-');
        digits(u.getDayOfMonth(), 2);
        put(' ');
        digits(u.getHour(), 2);
        put(':');
        digits(u.getMinute(), 2);
        put(':');
        digits(u.getSecond(), 2);
        if (t.getNano() != 0) {
            put('.');
            digits(t.getNano(), 9);
        }
        put('+');
        put('0');
        put('0');
    }

    /** A non-negative value in exactly {@code count} decimal digits, zeros in front. */
    private void digits(long value, int count) {
        room(count);
        for (int i = length + count - 1; i >= length; i--) {
            bytes[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        length += count;
    }

    private void number(long value) {
        if (value == Long.MIN_VALUE) {
            text(Long.toString(value));
            return;
        }
        if (value < 0) {
            put('-');
            value = -value;
        }
        int count = 1;
        for (long v = value; v >= 10; v /= 10) {
            count++;
        }
        digits(value, count);
    }

    // text format: backslash, tab, newline and carriage return are escaped; everything else is literal, in UTF-8
    private void text(String s) {
        room(s.length());
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch < 0x80) {
                switch (ch) {
                    case '\\' -> escaped('\\');
                    case '\t' -> escaped('t');
                    case '\n' -> escaped('n');
                    case '\r' -> escaped('r');
                    default -> put(ch);
                }
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
                put('?'); // a lone surrogate has no UTF-8 form: what String.getBytes writes for it
            } else {
                put(0xE0 | ch >> 12);
                put(0x80 | ch >> 6 & 0x3F);
                put(0x80 | ch & 0x3F);
            }
        }
    }

    private void escaped(char ch) {
        put('\\');
        put(ch);
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
