package vn.motcua.dossier.events;

/**
 * The sizes and shapes of what dossier-service publishes, declared once: its REST validation uses them, the
 * published JSON Schema states them ({@code maxLength}, {@code pattern}; a test keeps the two equal), and every
 * consumer's columns must be at least this wide. Unit and procedure codes are the catalog's ({@code CatalogLimits}).
 */
public final class DossierLimits {
    /** Longest dossier code: a unit code, the day and a sequence ({@code <unit>-yyMMdd-NNNN}), or an imported code. */
    public static final int DOSSIER_CODE_MAX = 80;
    /** A dossier code: the shape of a catalog code, longer (e.g. 000.00.20.H40-261123-0001). */
    public static final String DOSSIER_CODE = "[A-Za-z0-9][A-Za-z0-9._\\-]{0," + (DOSSIER_CODE_MAX - 1) + "}";
    /** Longest name of a handling step, officer's user name, or document name. */
    public static final int STEP_NAME_MAX = 200;
    public static final int OFFICER_MAX = 200;

    private DossierLimits() {
    }
}
