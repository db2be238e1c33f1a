package vn.motcua.testinfra;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Checks a consumer's tables against the contracts it stores: every column that holds a contract field must take the
 * field's longest value, and may be NOT NULL only where the contract makes the field required. A consumer's test
 * states which columns hold what ({@link Rule}); the limits come from the producer's contract constants.
 */
public final class ContractColumns {

    /** Columns matching {@code table}.{@code column} (regular expressions) must take {@code maxLength} characters. */
    public record Rule(Pattern table, Pattern column, int maxLength, boolean optional, String why) {
        public static Rule width(String table, String column, int maxLength, String why) {
            return new Rule(Pattern.compile(table), Pattern.compile(column), maxLength, false, why);
        }

        /** An optional field: at least this wide, and nullable. */
        public static Rule optional(String table, String column, int maxLength, String why) {
            return new Rule(Pattern.compile(table), Pattern.compile(column), maxLength, true, why);
        }
    }

    private ContractColumns() {
    }

    /** The columns of {@code schema} that break a rule, each with the reason; empty when all hold. */
    public static List<String> violations(MotcuaTestInfra.Handles infra, String schema, List<Rule> rules) {
        try (Connection c = DriverManager.getConnection(infra.postgres().jdbcUrl(infra.database()),
                PostgresServer.SUPERUSER, "")) {
            return violations(c, schema, rules);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static List<String> violations(Connection c, String schema, List<Rule> rules) throws SQLException {
        Map<String, Object[]> columns = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("select table_name, column_name, data_type,"
                + " character_maximum_length, is_nullable from information_schema.columns where table_schema = ?"
                + " and table_name in (select table_name from information_schema.tables where table_schema = ?"
                + " and table_type = 'BASE TABLE') order by table_name, ordinal_position")) {
            ps.setString(1, schema);
            ps.setString(2, schema);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    columns.put(rs.getString(1) + "." + rs.getString(2), new Object[]{rs.getString(3),
                            (Integer) rs.getObject(4), "YES".equals(rs.getString(5))});
                }
            }
        }
        if (columns.isEmpty()) {
            throw new IllegalStateException("schema " + schema + " has no tables");
        }
        List<String> out = new ArrayList<>();
        for (Rule rule : rules) {
            int matched = 0;
            for (Map.Entry<String, Object[]> col : columns.entrySet()) {
                String[] tc = col.getKey().split("\\.", 2);
                if (!rule.table().matcher(tc[0]).matches() || !rule.column().matcher(tc[1]).matches()) {
                    continue;
                }
                matched++;
                String type = (String) col.getValue()[0];
                Integer length = (Integer) col.getValue()[1];
                boolean nullable = (Boolean) col.getValue()[2];
                boolean text = type.equals("text") || type.equals("jsonb") || type.equals("ARRAY");
                if (!text && (length == null ? !type.startsWith("character") : length < rule.maxLength())) {
                    out.add(col.getKey() + " is " + type + (length == null ? "" : "(" + length + ")")
                            + " but " + rule.why() + " may be " + rule.maxLength() + " characters long");
                }
                if (rule.optional() && !nullable) {
                    out.add(col.getKey() + " is NOT NULL but " + rule.why() + " is optional in the contract");
                }
            }
            if (matched == 0) {
                out.add("no column matches " + rule.table() + "." + rule.column() + " (" + rule.why() + "): is the rule stale?");
            }
        }
        return out;
    }
}
