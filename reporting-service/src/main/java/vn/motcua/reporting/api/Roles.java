package vn.motcua.reporting.api;

/** Token groups that may read reports: analysts, leaders, administrators. Only administrators rebuild. */
public final class Roles {
    public static final String ADMIN = "admin";
    public static final String ANALYST = "analyst";
    public static final String LEADER = "leader";

    private Roles() {
    }
}
