package vn.motcua.support;

/**
 * Every PostgreSQL advisory lock motcua takes, in one place. The services share one database (a schema each), and
 * advisory locks are per database: two locks with the same id would make unrelated work wait for each other, so
 * each id is declared here once (a test keeps them distinct).
 */
public enum AdvisoryLock {
    /**
     * The first of {@link #SUMMARY_LOCKS} locks over reporting's stored summaries of closed periods: the projection
     * holds a unit's one exclusively while it drops the unit's summaries and changes its facts, a summariser holds
     * it shared while it counts and stores them ({@link #reportingUnitSummary}).
     */
    REPORTING_UNIT_SUMMARY(0x4D43_5253_0000L),
    /** One relaying instance of each service's outbox at a time. */
    CATALOG_OUTBOX_RELAY(0x6d6f7463_00000001L),
    DOSSIER_OUTBOX_RELAY(0x6d6f7463_00000002L),
    SATISFACTION_OUTBOX_RELAY(0x6d6f7463_00000003L),
    /** One instance seals the dossier history's closed days at a time. */
    DOSSIER_HISTORY_SEALER(0x6d6f7463_00000019L),
    /** One applying replica of each reporting projection at a time. */
    REPORTING_CATALOG_PROJECTION(0x4D43_5250_0001L),
    REPORTING_DOSSIER_PROJECTION(0x4D43_5250_0002L),
    REPORTING_SATISFACTION_PROJECTION(0x4D43_5250_0003L),
    /** One rebuild per projection across replicas: this id plus the projection's own. */
    REPORTING_REBUILD_OFFSET(0x4D43_5250_00FFL),
    /**
     * Not an id but the seed of {@code hashtextextended(code, seed)}: satisfaction-service serialises the work on one
     * dossier by a lock on its code, in a key space of its own.
     */
    SATISFACTION_DOSSIER_SEED(7L);

    /** How many ids {@link #REPORTING_UNIT_SUMMARY} spans: units share them by a hash of their code. */
    public static final int SUMMARY_LOCKS = 128;

    private final long id;

    AdvisoryLock(long id) {
        this.id = id;
    }

    public long id() {
        return id;
    }

    /**
     * The SQL expression of a unit's summary lock, {@code codeColumn} the SQL expression of its code: a bounded number
     * of locks however many units a transaction touches.
     */
    public static String reportingUnitSummary(String codeColumn) {
        return REPORTING_UNIT_SUMMARY.id + " + (hashtextextended(" + codeColumn + ", 0) & " + (SUMMARY_LOCKS - 1)
                + ")";
    }

    /** The lock that guards the rebuild of the projection locked by {@code projection}. */
    public static long rebuildOf(AdvisoryLock projection) {
        return REPORTING_REBUILD_OFFSET.id + projection.id;
    }
}
