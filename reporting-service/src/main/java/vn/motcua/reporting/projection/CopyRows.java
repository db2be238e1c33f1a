package vn.motcua.reporting.projection;

import org.postgresql.PGConnection;

import java.io.IOException;
import java.io.StringReader;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.SQLException;

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

    // text format: backslash, tab, newline and carriage return are escaped; everything else is literal
    private void escape(String s) {
        for (int i = 0; i < s.length(); i++) {
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
