package vn.motcua.catalog.events;

/**
 * The sizes and shapes of what the catalog publishes, declared once: the catalog's REST validation uses them, the
 * published JSON Schema states them ({@code maxLength}, {@code pattern}; a test keeps the two equal), and every
 * consumer's columns must be at least this wide (a test in each consumer checks its tables).
 */
public final class CatalogLimits {
    /** Longest unit, procedure, field or commitment code. */
    public static final int CODE_MAX = 64;
    /** A code: letters, digits, '.', '_' and '-', starting with a letter or digit (e.g. 000.00.20.H40, 2.000200). */
    public static final String CODE = "[A-Za-z0-9][A-Za-z0-9._\\-]{0," + (CODE_MAX - 1) + "}";
    /** Longest unit name. */
    public static final int UNIT_NAME_MAX = 300;
    /** Longest procedure name. */
    public static final int PROCEDURE_NAME_MAX = 1000;

    private CatalogLimits() {
    }
}
