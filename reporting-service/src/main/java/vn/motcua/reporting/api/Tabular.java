package vn.motcua.reporting.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Any report as a table, for analysts' spreadsheets: each row is the JSON answer flattened (nested fields joined
 * with dots, lists left out), so the CSV and Excel columns carry exactly the names of the JSON fields.
 */
@ApplicationScoped
public class Tabular {
    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    public static final String CSV = "text/csv";
    /** The first characters that make a spreadsheet read a cell's text as a formula. */
    static final String FORMULA_START = "=+-@\t\r";

    private final ObjectMapper json;

    public Tabular(ObjectMapper json) {
        this.json = json;
    }

    /** The response in the format asked for: json (the object itself), csv or xlsx (the rows). */
    public Response respond(String format, Object body, List<?> rows, String name) {
        String f = format == null ? "json" : format.toLowerCase();
        return switch (f) {
            case "json" -> Response.ok(body).build();
            case "csv" -> Response.ok(csv(flatten(rows)), CSV + "; charset=UTF-8")
                    .header("Content-Disposition", "attachment; filename=\"" + name + ".csv\"").build();
            case "xlsx" -> Response.ok(xlsx(flatten(rows), name), XLSX)
                    .header("Content-Disposition", "attachment; filename=\"" + name + ".xlsx\"").build();
            default -> throw vn.motcua.support.ProblemException.invalid("format",
                    "format must be json, csv or xlsx", "định dạng phải là json, csv hoặc xlsx");
        };
    }

    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> flatten(List<?> rows) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Object row : rows) {
            Map<String, Object> flat = new LinkedHashMap<>();
            flatten("", json.convertValue(row, Map.class), flat);
            out.add(flat);
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static void flatten(String prefix, Map<String, Object> map, Map<String, Object> out) {
        for (Map.Entry<String, Object> e : map.entrySet()) {
            String key = prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey();
            if (e.getValue() instanceof Map<?, ?> m) {
                flatten(key, (Map<String, Object>) m, out);
            } else if (!(e.getValue() instanceof List<?>)) {
                out.put(key, e.getValue());
            }
        }
    }

    private static List<String> columns(List<Map<String, Object>> rows) {
        Set<String> cols = new LinkedHashSet<>();
        rows.forEach(r -> cols.addAll(r.keySet()));
        return new ArrayList<>(cols);
    }

    static String csv(List<Map<String, Object>> rows) {
        List<String> cols = columns(rows);
        StringBuilder sb = new StringBuilder("\uFEFF"); // BOM: spreadsheet programs then read Vietnamese right
        sb.append(String.join(",", cols.stream().map(c -> cell(text(c))).toList())).append("\r\n");
        for (Map<String, Object> r : rows) {
            List<String> cells = new ArrayList<>();
            for (String c : cols) {
                Object v = r.get(c);
                // numbers and booleans are values, not text: a negative number stays a number
                cells.add(v == null ? "" : v instanceof Number || v instanceof Boolean ? String.valueOf(v)
                        : cell(text(String.valueOf(v))));
            }
            sb.append(String.join(",", cells)).append("\r\n");
        }
        return sb.toString();
    }

    /** Quoted as CSV needs it (a comma, a quote or a line break inside). */
    private static String cell(String s) {
        return s.contains(",") || s.contains("\"") || s.contains("\n") || s.contains("\r")
                ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
    }

    /**
     * A text cell as both formats write it. Text a spreadsheet would take for a formula (a leading =, +, - or @,
     * or a leading tab or carriage return, which spreadsheet programs strip before looking for one) gets a single
     * quote in front, so a unit or procedure name such as {@code =HYPERLINK(...)} stays text when the file is
     * opened. Numbers never pass here: they are written as numbers, a negative one included.
     */
    static String text(String v) {
        return !v.isEmpty() && FORMULA_START.indexOf(v.charAt(0)) >= 0 ? "'" + v : v;
    }

    static byte[] xlsx(List<Map<String, Object>> rows, String sheetName) {
        List<String> cols = columns(rows);
        try (SXSSFWorkbook wb = new SXSSFWorkbook(200); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            Sheet sheet = wb.createSheet(sheetName.length() > 31 ? sheetName.substring(0, 31) : sheetName);
            CellStyle bold = wb.createCellStyle();
            Font f = wb.createFont();
            f.setBold(true);
            bold.setFont(f);
            Row header = sheet.createRow(0);
            for (int i = 0; i < cols.size(); i++) {
                Cell c = header.createCell(i);
                c.setCellValue(text(cols.get(i)));
                c.setCellStyle(bold);
            }
            int r = 1;
            for (Map<String, Object> row : rows) {
                Row x = sheet.createRow(r++);
                for (int i = 0; i < cols.size(); i++) {
                    Object v = row.get(cols.get(i));
                    if (v instanceof Number n) {
                        x.createCell(i).setCellValue(n.doubleValue());
                    } else if (v instanceof Boolean b) {
                        x.createCell(i).setCellValue(b);
                    } else if (v != null) {
                        // a string cell, never a formula, neutralised as in the CSV
                        x.createCell(i).setCellValue(text(String.valueOf(v)));
                    }
                }
            }
            wb.write(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
