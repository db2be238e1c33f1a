package vn.motcua.testinfra;

/**
 * Where a client of motcua gets its bearer tokens, one per role: signed here for tests ({@link Tokens}), or asked of
 * a running identity provider (the local run's Keycloak).
 */
public interface TokenSource {
    String admin();

    String analyst();

    /** An officer of the one-stop desk or a handling division: acts for this unit only. */
    String officer(String unitCode);

    /** A leader: reads the figures and the dashboard of this unit's subtree. */
    String leader(String unitCode);

    /** Another government system acting for these units (at an identity provider, the client's own units). */
    String system(String systemName, String... unitCodes);
}
