package vn.motcua.support;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import java.util.List;
import java.util.Map;

/**
 * Path and query parameters every service refuses before a resource sees them, with 400 problem+json naming the
 * parameter: a control character (NUL cannot be stored or even compared by PostgreSQL; the others are never meant),
 * and a page or offset so far out that the row offset would overflow (page=2147483647).
 */
public class RequestParameters {
    /** The last page a client may ask for; with the largest page size (500) the offset stays far below 2^31. */
    static final long MAX_PAGE = 100_000;
    static final long MAX_OFFSET = 10_000_000;

    @ServerRequestFilter
    public Response check(ContainerRequestContext request, jakarta.ws.rs.container.ResourceInfo resource) {
        Response typed = typed(request, resource);
        if (typed != null) {
            return typed;
        }
        MultivaluedMap<String, String> path = request.getUriInfo().getPathParameters();
        for (Map.Entry<String, List<String>> p : path.entrySet()) {
            Response refused = text(p.getKey(), p.getValue());
            if (refused != null) {
                return refused;
            }
        }
        MultivaluedMap<String, String> query = request.getUriInfo().getQueryParameters();
        for (Map.Entry<String, List<String>> q : query.entrySet()) {
            if (JsonCustomizer.hasControlCharacter(q.getKey())) {
                return refuse("query", "has a parameter name with control characters", "có tên tham số chứa ký tự điều khiển");
            }
            Response refused = text(q.getKey(), q.getValue());
            if (refused == null && q.getKey().equals("page")) {
                refused = bounded("page", q.getValue(), MAX_PAGE);
            }
            if (refused == null && q.getKey().equals("offset")) {
                refused = bounded("offset", q.getValue(), MAX_OFFSET);
            }
            if (refused != null) {
                return refused;
            }
        }
        return null;
    }

    /**
     * A query parameter the resource takes as a boolean or a whole number must be one: JAX-RS reads "maybe" as false
     * and answers an unreadable number with a 404 that tells a client nothing.
     */
    private static Response typed(ContainerRequestContext request, jakarta.ws.rs.container.ResourceInfo resource) {
        java.lang.reflect.Method method = resource == null ? null : resource.getResourceMethod();
        if (method == null) {
            return null;
        }
        MultivaluedMap<String, String> query = request.getUriInfo().getQueryParameters();
        for (java.lang.reflect.Parameter p : method.getParameters()) {
            jakarta.ws.rs.QueryParam q = p.getAnnotation(jakarta.ws.rs.QueryParam.class);
            if (q == null || !query.containsKey(q.value())) {
                continue;
            }
            Class<?> type = p.getType();
            for (String v : query.get(q.value())) {
                String value = v == null ? "" : v.strip();
                if ((type == boolean.class || type == Boolean.class) && !value.isEmpty()
                        && !value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
                    return refuse(q.value(), "must be true or false", "phải là true hoặc false");
                }
                if ((type == int.class || type == Integer.class || type == long.class || type == Long.class)
                        && !value.isEmpty() && !wholeNumber(value, type == int.class || type == Integer.class)) {
                    return refuse(q.value(), "must be a whole number", "phải là số nguyên");
                }
            }
        }
        return null;
    }

    private static boolean wholeNumber(String value, boolean fitsInt) {
        try {
            long n = Long.parseLong(value);
            return !fitsInt || (n >= Integer.MIN_VALUE && n <= Integer.MAX_VALUE);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static Response text(String name, List<String> values) {
        for (String v : values) {
            if (v != null && JsonCustomizer.hasControlCharacter(v)) {
                return refuse(name, "must not contain control characters", "không được chứa ký tự điều khiển");
            }
        }
        return null;
    }

    private static Response bounded(String name, List<String> values, long max) {
        for (String v : values) {
            if (v == null || v.isBlank()) {
                continue;
            }
            long n;
            try {
                n = Long.parseLong(v.strip());
            } catch (NumberFormatException e) {
                return refuse(name, "must be a whole number from 0 to " + max, "phải là số nguyên từ 0 đến " + max);
            }
            if (n < 0 || n > max) {
                return refuse(name, "must be a whole number from 0 to " + max, "phải là số nguyên từ 0 đến " + max);
            }
        }
        return null;
    }

    private static Response refuse(String name, String reason, String reasonVi) {
        return Problems.problem(ProblemException.invalid(name, reason, reasonVi)).toResponse();
    }
}
