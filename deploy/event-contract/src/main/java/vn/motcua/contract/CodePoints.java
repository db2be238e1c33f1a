package vn.motcua.contract;

/**
 * Text lengths as the contracts count them: in code points (a JSON Schema {@code maxLength}, a PostgreSQL
 * {@code varchar(n)}), not in Java's UTF-16 units, where an emoji counts twice.
 */
public final class CodePoints {
    private CodePoints() {
    }

    /** The text cut to at most {@code max} code points, never inside a character. */
    public static String cut(String s, int max) {
        return s.codePointCount(0, s.length()) <= max ? s : s.substring(0, s.offsetByCodePoints(0, max));
    }

    /** {@code unit} repeated to exactly {@code length} code points. */
    public static String fill(String unit, int length) {
        StringBuilder b = new StringBuilder();
        while (b.codePointCount(0, b.length()) < length) {
            b.append(unit);
        }
        return cut(b.toString(), length);
    }
}
