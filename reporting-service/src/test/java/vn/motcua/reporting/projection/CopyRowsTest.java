package vn.motcua.reporting.projection;

import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import vn.motcua.testinfra.MotcuaTestInfra;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Rows sent in the binary COPY format are what a real PostgreSQL stores: each value read back as it was given
 * (instants to the microsecond, before and after PostgreSQL's epoch of 2000; numerics of any scale and sign, and a
 * column's own scale applied as the text form would; text in UTF-8 with nothing escaped), and a value out of its
 * column's range refused.
 */
@QuarkusTest
@WithTestResource(value = MotcuaTestInfra.class, initArgs = @ResourceArg(name = "service", value = "reporting"))
class CopyRowsTest {
    static final String COLUMNS = "k, u, s, v, i, l, b, ts, d, n, n2, j";

    @Inject
    DataSource dataSource;

    /** A table of the session's own, made again for each test (the pool keeps sessions between tests). */
    static void table(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("drop table if exists pg_temp.copied");
            s.execute("create temp table copied (k int, u uuid, s text, v varchar(40), i int, l bigint, b boolean,"
                    + " ts timestamptz, d date, n numeric, n2 numeric(12, 2), j jsonb)");
        }
    }

    record Row(int k, UUID u, String s, String v, Integer i, Long l, Boolean b, Instant ts, LocalDate d, BigDecimal n,
               BigDecimal n2, String j) {
    }

    static List<Row> read(Connection c) throws SQLException {
        List<Row> out = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select " + COLUMNS.replace(", j", ", j::text") + " from copied order by k")) {
            while (rs.next()) {
                OffsetDateTime ts = rs.getObject("ts", OffsetDateTime.class);
                out.add(new Row(rs.getInt("k"), rs.getObject("u", UUID.class), rs.getString("s"), rs.getString("v"),
                        (Integer) rs.getObject("i"), (Long) rs.getObject("l"), (Boolean) rs.getObject("b"),
                        ts == null ? null : ts.toInstant(), rs.getObject("d", LocalDate.class), rs.getBigDecimal("n"),
                        rs.getBigDecimal("n2"), rs.getString("j")));
            }
        }
        return out;
    }

    static void add(CopyRows rows, Row r) throws SQLException {
        rows.add(r.k()).add(r.u()).add(r.s()).add(r.v()).add(r.i()).add(r.l()).add(r.b()).add(r.ts()).add(r.d())
                .add(r.n()).add(r.n2()).addJson(r.j()).endRow();
    }

    @Test
    void everyValueIsStoredAsGiven() throws SQLException {
        List<Row> given = List.of(
                new Row(1, new UUID(1, 2), "Cấp phép\txây dựng\\N \\ nhà ở\r\nriêng lẻ đ 𝔸 €", "\\N", 7,
                        -1234567890123L, true, Instant.parse("2026-02-12T09:30:00Z"), LocalDate.of(2026, 3, 9),
                        new BigDecimal("1.50"), new BigDecimal("12.34"), "{\"a\": [1, \"Hà Nội\"]}"),
                new Row(2, UUID.randomUUID(), "", "", Integer.MIN_VALUE, Long.MAX_VALUE, false,
                        Instant.parse("2026-02-12T09:30:00.000123Z"), LocalDate.of(1999, 12, 31),
                        new BigDecimal("-3.75"), new BigDecimal("-9999999999.99"), "[]"),
                new Row(3, new UUID(-1, -1), "x", "y", Integer.MAX_VALUE, Long.MIN_VALUE, null,
                        Instant.parse("1969-12-31T23:59:59.999999Z"), LocalDate.of(1, 1, 1), new BigDecimal("1E+3"),
                        new BigDecimal("0.00"), "{}"),
                new Row(4, null, null, null, null, null, null, null, null, null, null, null),
                new Row(5, new UUID(0, 0), "a", "b", 0, 0L, true, Instant.parse("0001-01-01T00:00:00Z"),
                        LocalDate.of(2000, 1, 1), new BigDecimal("0.0000"), new BigDecimal("0"), "null"),
                new Row(6, new UUID(0, 1), "b", "c", -1, -1L, false, Instant.parse("2000-01-01T00:00:00Z"),
                        LocalDate.of(2099, 12, 31), new BigDecimal("12345.6"), new BigDecimal("1E+1"), "1"),
                new Row(7, new UUID(0, 2), "c", "d", 1, 1L, true, Instant.parse("9999-12-31T23:59:59.999999Z"),
                        LocalDate.of(9999, 12, 31), new BigDecimal("0.00001"), new BigDecimal("-0.01"), "\"s\""),
                new Row(8, new UUID(0, 3), "d", "e", 2, 2L, true, Instant.parse("1900-06-01T12:00:00.5Z"),
                        LocalDate.of(1900, 6, 1),
                        new BigDecimal("-123456789012345678901234567890.1234567"), new BigDecimal("99.9"), "2"));
        try (Connection c = dataSource.getConnection()) {
            table(c);
            CopyRows rows = new CopyRows();
            for (Row r : given) {
                add(rows, r);
            }
            rows.copyInto(c, "copied", COLUMNS);
            List<Row> stored = read(c);
            assertThat(stored).hasSize(given.size());
            for (int i = 0; i < given.size(); i++) {
                Row g = given.get(i);
                Row s = stored.get(i);
                assertThat(s).usingRecursiveComparison().ignoringFields("n", "n2", "j").isEqualTo(g);
                if (g.n() != null) {
                    assertThat(s.n()).as("row %d: the value and its scale", g.k())
                            .isEqualTo(g.n().setScale(Math.max(0, g.n().scale())));
                    assertThat(s.n2()).as("row %d: numeric(12, 2) keeps two decimals", g.k())
                            .isEqualTo(g.n2().setScale(2));
                    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
                            "select j = '" + g.j().replace("'", "''") + "'::jsonb from copied where k = " + g.k())) {
                        assertThat(rs.next() && rs.getBoolean(1)).as("row %d: the same JSON", g.k()).isTrue();
                    }
                }
            }
        }
    }

    @Test
    void aColumnsScaleIsAppliedAsTheTextFormWouldApplyIt() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            table(c);
            CopyRows rows = new CopyRows();
            rows.add(1).add(null).add(null).add(null).add(null).add(null).add(null).add(null).add(null)
                    .add(new BigDecimal("1.005")).add(new BigDecimal("1.005")).addJson(null).endRow();
            rows.add(2).add(null).add(null).add(null).add(null).add(null).add(null).add(null).add(null)
                    .add(new BigDecimal("-2.675")).add(new BigDecimal("-2.675")).addJson(null).endRow();
            rows.copyInto(c, "copied", COLUMNS);
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(
                    "select n2, n2 = '1.005'::numeric(12, 2) or n2 = '-2.675'::numeric(12, 2) from copied order by k")) {
                rs.next();
                assertThat(rs.getBigDecimal(1)).isEqualTo(new BigDecimal("1.01"));
                assertThat(rs.getBoolean(2)).isTrue();
                rs.next();
                assertThat(rs.getBigDecimal(1)).isEqualTo(new BigDecimal("-2.68"));
                assertThat(rs.getBoolean(2)).isTrue();
            }
        }
    }

    @Test
    void aValueOutOfItsColumnsRangeIsRefused() throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            table(c);
            CopyRows tooBig = new CopyRows();
            tooBig.add(1).add(null).add(null).add(null).add(null).add(null).add(null).add(null).add(null).add(null)
                    .add(new BigDecimal("1E+10")).addJson(null).endRow();
            assertThatThrownBy(() -> tooBig.copyInto(c, "copied", COLUMNS)).isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22003"));
        }
        try (Connection c = dataSource.getConnection()) {
            table(c);
            CopyRows farFuture = new CopyRows();
            farFuture.add(1).add(null).add(null).add(null).add(null).add(null).add(null)
                    .add(Instant.parse("+294277-01-02T00:00:00Z")).add(null).add(null).add(null).addJson(null).endRow();
            assertThatThrownBy(() -> farFuture.copyInto(c, "copied", COLUMNS)).as("after PostgreSQL's last instant")
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22008"));
        }
        try (Connection c = dataSource.getConnection()) {
            table(c);
            CopyRows farDate = new CopyRows();
            farDate.add(1).add(null).add(null).add(null).add(null).add(null).add(null).add(null)
                    .add(LocalDate.of(5_874_898, 1, 1)).add(null).add(null).addJson(null).endRow();
            assertThatThrownBy(() -> farDate.copyInto(c, "copied", COLUMNS)).as("after PostgreSQL's last date")
                    .isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22008"));
            // beyond what the binary form can carry: refused before anything is sent
            assertThatThrownBy(() -> new CopyRows().add(Instant.MAX)).isInstanceOf(SQLException.class);
            assertThatThrownBy(() -> new CopyRows().add(LocalDate.MAX)).isInstanceOf(SQLException.class);
        }
        try (Connection c = dataSource.getConnection()) {
            table(c);
            CopyRows longName = new CopyRows();
            longName.add(1).add(null).add(null).add("x".repeat(41)).add(null).add(null).add(null).add(null).add(null)
                    .add(null).add(null).addJson(null).endRow();
            assertThatThrownBy(() -> longName.copyInto(c, "copied", COLUMNS)).isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("22001"));
        }
    }

    @Test
    void aLoneSurrogateIsStoredAsAQuestionMarkAndALongBatchGrowsTheBuffer() throws SQLException {
        String vietnamese = "Ủy ban nhân dân huyện Nghi Lộc ";
        try (Connection c = dataSource.getConnection()) {
            table(c);
            CopyRows rows = new CopyRows();
            rows.add(0).add(null).add("a\uD800b").add(null).add(null).add(null).add(null).add(null).add(null)
                    .add(null).add(null).addJson(null).endRow();
            for (int i = 1; i <= 5_000; i++) {
                rows.add(i).add(null).add(vietnamese.repeat(3) + i).add(null).add(i).add(null).add(null).add(null)
                        .add(null).add(null).add(null).addJson(null).endRow();
            }
            assertThat(rows.rows()).isEqualTo(5_001);
            rows.copyInto(c, "copied", COLUMNS);
            List<Row> stored = read(c);
            assertThat(stored).hasSize(5_001);
            assertThat(stored.get(0).s()).isEqualTo("a?b");
            assertThat(stored.get(5_000).s()).isEqualTo(vietnamese.repeat(3) + 5_000);
            assertThat(stored.get(5_000).i()).isEqualTo(5_000);
        }
    }
}
