package vn.motcua.support;

import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.lang.reflect.Method;

/** Applies {@link PublicRateLimit}: after routing, before the body is read, so refused requests cost nothing more. */
public class RateLimitFilter {
    private final RateLimiter limiter;

    public RateLimitFilter(RateLimiter limiter) {
        this.limiter = limiter;
    }

    @ServerRequestFilter
    public void limit(ResourceInfo resource, UriInfo uri, HttpServerRequest request) {
        Method method = resource.getResourceMethod();
        if (method == null) {
            return;
        }
        PublicRateLimit limit = method.getAnnotation(PublicRateLimit.class);
        if (limit == null) {
            limit = resource.getResourceClass().getAnnotation(PublicRateLimit.class);
        }
        if (limit == null) {
            return;
        }
        limiter.checkAddress(RateLimiter.clientAddress(request));
        if (!limit.dossier().isEmpty()) {
            limiter.checkDossier(limit.dossier(), uri.getPathParameters().getFirst(limit.dossier()));
        }
    }
}
