package vn.motcua.reporting.api;

import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import vn.motcua.reporting.Csv;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Formula injection: text that a spreadsheet would run is neutralised the same way in CSV and Excel; numbers stay numbers. */
class TabularTest {
    static final List<String> FORMULAS = List.of("=HYPERLINK(\"http://x.example\",\"Sở\")", "+1+2", "-2+3",
            "@SUM(A1)", "\tSở Tab", "\rSở CR", "-3");

    static List<Map<String, Object>> rows() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String name : FORMULAS) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("name", name);
            r.put("count", -3);
            r.put("rate", new BigDecimal("-1.50"));
            r.put("plain", "Sở Tư pháp");
            r.put("late", false);
            rows.add(r);
        }
        return rows;
    }

    @Test
    void everyFormulaStartIsPrefixedWithAQuote() {
        for (String name : FORMULAS) {
            assertThat(Tabular.text(name)).isEqualTo("'" + name);
        }
        assertThat(Tabular.text("Sở Tư pháp")).isEqualTo("Sở Tư pháp");
        assertThat(Tabular.text("1-2")).isEqualTo("1-2");
        assertThat(Tabular.text("")).isEmpty();
    }

    @Test
    void csvCellsAreNeutralisedAndNumbersStayNumbers() {
        List<Map<String, String>> back = Csv.read(Tabular.csv(rows()));
        assertThat(back).hasSize(FORMULAS.size());
        for (int i = 0; i < FORMULAS.size(); i++) {
            assertThat(back.get(i).get("name")).isEqualTo("'" + FORMULAS.get(i));
            assertThat(back.get(i).get("count")).isEqualTo("-3");
            assertThat(back.get(i).get("rate")).isEqualTo("-1.50");
            assertThat(back.get(i).get("plain")).isEqualTo("Sở Tư pháp");
            assertThat(back.get(i).get("late")).isEqualTo("false");
        }
    }

    @Test
    void excelCellsAreStringsNeverFormulasAndNumbersStayNumbers() throws Exception {
        byte[] xlsx = Tabular.xlsx(rows(), "test");
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx))) {
            var sheet = wb.getSheetAt(0);
            for (int i = 0; i < FORMULAS.size(); i++) {
                Row r = sheet.getRow(i + 1);
                assertThat(r.getCell(0).getCellType()).isEqualTo(CellType.STRING);
                assertThat(r.getCell(0).getStringCellValue()).isEqualTo("'" + FORMULAS.get(i));
                assertThat(r.getCell(1).getCellType()).isEqualTo(CellType.NUMERIC);
                assertThat(r.getCell(1).getNumericCellValue()).isEqualTo(-3.0);
                assertThat(r.getCell(2).getCellType()).isEqualTo(CellType.NUMERIC);
                assertThat(r.getCell(2).getNumericCellValue()).isEqualTo(-1.5);
                assertThat(r.getCell(3).getStringCellValue()).isEqualTo("Sở Tư pháp");
                assertThat(r.getCell(4).getCellType()).isEqualTo(CellType.BOOLEAN);
            }
            sheet.forEach(row -> row.forEach(c -> assertThat(c.getCellType()).isNotEqualTo(CellType.FORMULA)));
        }
    }
}
