package vn.motcua.reporting.api;

import io.quarkus.oidc.TenantResolver;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Which sign-in a request is checked with. Only a GET of the dashboard's pages may use the dashboard's session cookie
 * (the {@code dashboard} tenant: authorization code flow, or a bearer token); every other request, whatever its path
 * or method, uses the default tenant, which reads a bearer token from the Authorization header and never a cookie.
 * So no cross-site form or script can make a leader's browser change anything, and the reports, exports, rebuilds
 * and admin operations never take the session cookie. Resolving every request here also keeps Quarkus from picking
 * a tenant by the last path segment.
 */
@ApplicationScoped
public class DashboardTenant implements TenantResolver {
    static final String DASHBOARD = "dashboard";
    /** Quarkus OIDC's id of the tenant configured without a name ({@code quarkus.oidc.*}). */
    static final String DEFAULT = "Default";

    @Override
    public String resolve(RoutingContext context) {
        return isDashboardRead(context.request().method(), context.normalizedPath()) ? DASHBOARD : DEFAULT;
    }

    static boolean isDashboardRead(HttpMethod method, String path) {
        return HttpMethod.GET.equals(method) && path != null
                && (path.equals("/dashboard") || path.startsWith("/dashboard/"));
    }
}
