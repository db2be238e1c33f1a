package vn.motcua.reporting.projection;

import org.postgresql.PGConnection;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Rows in PostgreSQL's COPY text format, loaded into a staging table with one COPY: the way PostgreSQL takes many
 * rows fastest. The projection then merges the staging table into its own with one statement.
 */
final class CopyRows {
    private final StringBuilder text = new StringBuilder(1 << 16);
    private boolean rowStarted;
    private int rows;

    /** The next value of the current row; null is SQL NULL. */
    CopyRows add(Object value) {
        if (rowStarted) {
            text.append('\t');
        }
        rowStarted = true;
        if (value == null) {
            text.append("\\N");
        } else if (value instanceof BigDecimal d) {
            text.append(d.toPlainString());
        } else if (value instanceof Instant t) {
            instant(t);
        } else if (value instanceof Number || value instanceof Boolean) {
            text.append(value);
        } else {
            escape(value.toString());
        }
        return this;
    }

    CopyRows endRow() {
        text.append('\n');
        rowStarted = false;
        rows++;
        return this;
    }

    int rows() {
        return rows;
    }

    /** Sends the rows to {@code table}'s {@code columns} (COPY's column list, comma-separated). */
    void copyInto(Connection c, String table, String columns) throws SQLException {
        if (rows == 0) {
            return;
        }
        try {
            c.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("copy " + table + " (" + columns + ") from stdin", new StringReader(text.toString()));
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
            text.append(t); // ISO 8601 with its sign, which PostgreSQL reads as well
            return;
        }
        pad(u.getYear(), 4).append('-');
        pad(u.getMonthValue(), 2).append('-');
        pad(u.getDayOfMonth(), 2).append(' ');
        pad(u.getHour(), 2).append(':');
        pad(u.getMinute(), 2).append(':');
        pad(u.getSecond(), 2);
        if (t.getNano() != 0) {
            text.append('.');
            pad(t.getNano(), 9);
        }
        text.append("+00");
    }

    private StringBuilder pad(int value, int digits) {
        String s = Integer.toString(value);
        for (int i = s.length(); i < digits; i++) {
            text.append('0');
        }
        return text.append(s);
    }

    // text format: backslash, tab, newline and carriage return are escaped; everything else is literal
    private void escape(String s) {
        int first = 0;
        while (first < s.length() && "\\\t\n\r".indexOf(s.charAt(first)) < 0) {
            first++;
        }
        if (first == s.length()) {
            text.append(s); // the usual case: nothing to escape
            return;
        }
        text.append(s, 0, first);
        for (int i = first; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '\\' -> text.append("\\\\");
                case '\t' -> text.append("\\t");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                default -> text.append(ch);
            }
        }
    }
}
