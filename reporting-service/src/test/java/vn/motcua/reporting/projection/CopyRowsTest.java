package vn.motcua.reporting.projection;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The COPY text as the bytes PostgreSQL receives: values in its text format, the format's four escapes, NULL as
 * its marker, and every other character as UTF-8 (StagedTextTest stores such rows through a real COPY).
 */
class CopyRowsTest {

    static String text(CopyRows rows) {
        return new String(rows.bytes(), StandardCharsets.UTF_8);
    }

    @Test
    void valuesAreWrittenInTheTextFormatPostgresqlReads() {
        CopyRows rows = new CopyRows();
        rows.add(new UUID(1, 2)).add(null).add(7).add(-1234567890123L).add(0L).add(true)
                .add(new BigDecimal("1.50")).add(new BigDecimal("1E+3")).add(LocalDate.of(2026, 3, 9)).endRow();
        rows.add(Instant.parse("2026-02-12T09:30:00Z")).add(Instant.parse("2026-02-12T09:30:00.000123Z"))
                .add(Instant.parse("0001-01-01T00:00:00Z")).add(Instant.parse("+10000-01-01T00:00:00Z")).endRow();
        assertThat(text(rows)).isEqualTo("00000000-0000-0001-0000-000000000002\t\\N\t7\t-1234567890123\t0\ttrue"
                + "\t1.50\t1000\t2026-03-09\n"
                + "2026-02-12 09:30:00+00\t2026-02-12 09:30:00.000123000+00\t0001-01-01 00:00:00+00"
                + "\t+10000-01-01T00:00:00Z\n");
        assertThat(rows.rows()).isEqualTo(2);
    }

    @Test
    void theFormatsEscapesAndEveryOtherCharacterInUtf8() {
        String name = "Cấp phép\txây dựng\\N \\ nhà ở\r\nriêng lẻ đ 𝔸 €";
        CopyRows rows = new CopyRows();
        rows.add(name).add("\\N").endRow();
        String expected = "Cấp phép\\txây dựng\\\\N \\\\ nhà ở\\r\\nriêng lẻ đ 𝔸 €\t\\\\N\n";
        assertThat(rows.bytes()).isEqualTo(expected.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aLongBatchGrowsTheBuffer() {
        CopyRows rows = new CopyRows();
        String vietnamese = "Ủy ban nhân dân huyện Nghi Lộc ";
        for (int i = 0; i < 5_000; i++) {
            rows.add(i).add(vietnamese.repeat(3)).endRow();
        }
        String text = text(rows);
        assertThat(text.split("\n")).hasSize(5_000);
        assertThat(text).startsWith("0\t" + vietnamese.repeat(3) + "\n1\t").endsWith("4999\t" + vietnamese.repeat(3) + "\n");
    }
}
