package vn.motcua.reporting.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import vn.motcua.support.Problems;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Nothing in reporting-service changes without a bearer token: a request of any method but GET, HEAD or OPTIONS
 * that carries no {@code Authorization: Bearer} header is answered 401 problem+json before it reaches any route,
 * whatever cookies it carries and whatever its path (the dashboard's pages included, where a session cookie is
 * otherwise taken for GET only: {@link DashboardTenant}). With a bearer token the request goes on to the usual
 * checks (a valid token, then the role).
 */
@ApplicationScoped
public class ChangesNeedABearerToken {
    static final Set<HttpMethod> SAFE = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);

    private final ObjectMapper json;

    public ChangesNeedABearerToken(ObjectMapper json) {
        this.json = json;
    }

    void install(@Observes Router router) {
        // before every other route, authentication included: the answer does not depend on who is asking
        router.route().order(Integer.MIN_VALUE + 100).handler(this::check);
    }

    void check(RoutingContext context) {
        String authorization = context.request().getHeader("Authorization");
        if (SAFE.contains(context.request().method())
                || authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            context.next();
            return;
        }
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", Problems.TYPE_BASE + "unauthorized");
        problem.put("status", 401);
        problem.put("title", "Unauthorized");
        problem.put("detail", "A change needs a valid bearer token (a session cookie is never enough)");
        problem.put("detailVi", "Thao tác thay đổi dữ liệu cần mã truy cập (bearer token) hợp lệ; cookie phiên đăng nhập"
                + " không đủ");
        problem.put("instance", context.request().path());
        String body;
        try {
            body = json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        context.response().setStatusCode(401).putHeader("Content-Type", "application/problem+json")
                .putHeader("WWW-Authenticate", "Bearer").putHeader("Cache-Control", "no-store").end(body);
    }
}
