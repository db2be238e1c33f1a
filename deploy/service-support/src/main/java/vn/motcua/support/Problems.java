package vn.motcua.support;

import io.quarkiverse.resteasy.problem.HttpProblem;
import io.quarkiverse.resteasy.problem.postprocessing.ProblemContext;
import io.quarkiverse.resteasy.problem.postprocessing.ProblemPostProcessor;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.net.URI;
import java.util.Map;

/**
 * RFC 9457 problem+json for a service's own refusals, with the field, the reason and a Vietnamese text; the
 * resteasy-problem extension handles everything else (validation, malformed JSON, unexpected errors).
 */
public class Problems {
    public static final String TYPE_BASE = "https://motcua.vn/problems/";
    /** Java class and package names, which a client must never read. */
    static final java.util.regex.Pattern INTERNAL_NAMES = java.util.regex.Pattern.compile(
            "\\bjava\\.|\\bjavax\\.|\\bjakarta\\.|\\bio\\.[a-z]|vn\\.motcua|Exception|com\\.fasterxml|\\borg\\.[a-z]");

    @ServerExceptionMapper
    public Response refused(ProblemException e) {
        return problem(e).toResponse();
    }

    /** The problem+json answer to a refusal, for mappers, filters and post-processors alike. */
    public static HttpProblem problem(ProblemException e) {
        HttpProblem.Builder b = HttpProblem.builder()
                .withType(URI.create(TYPE_BASE + e.code()))
                .withStatus(e.status())
                .withTitle(title(e.status()))
                .withDetail(e.getMessage())
                .with("detailVi", e.titleVi());
        if (e instanceof RateLimited limited) {
            b.withHeader("Retry-After", Long.toString(limited.retryAfterSeconds()));
        }
        if (!e.violations().isEmpty()) {
            ProblemException.Violation first = e.violations().get(0);
            b.with("field", first.field()).with("reason", first.reason());
            b.with("violations", e.violations().stream()
                    .map(v -> Map.of("field", v.field(), "in", "body", "message", v.reason(), "messageVi", v.reasonVi()))
                    .toList());
        }
        return b.build();
    }

    /**
     * Security failures, mapped here because the problem extension's own security mappers do not work with this
     * Quarkus line. A missing, expired or invalid token is 401 with a bearer challenge; a valid token without the
     * needed role is 403. Where the authentication mechanism's challenge is a redirect (a browser on a page that
     * signs in with the identity provider), the browser is sent there instead.
     */
    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER - 100)
    public io.smallrye.mutiny.Uni<Response> unauthorized(io.quarkus.security.UnauthorizedException e,
                                                         io.vertx.ext.web.RoutingContext request) {
        io.quarkus.vertx.http.runtime.security.HttpAuthenticator authenticator =
                request.get(io.quarkus.vertx.http.runtime.security.HttpAuthenticator.class.getName());
        if (authenticator == null) {
            return io.smallrye.mutiny.Uni.createFrom().item(unauthenticated());
        }
        return authenticator.getChallenge(request).map(challenge -> {
            if (challenge != null && challenge.status == 302) {
                Response.ResponseBuilder redirect = Response.status(302);
                challenge.getHeaders().forEach((name, value) -> redirect.header(name.toString(), value));
                return redirect.build();
            }
            return unauthenticated();
        });
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER - 100)
    public Response authenticationFailed(io.quarkus.security.AuthenticationFailedException e) {
        return unauthenticated();
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER - 100)
    public Response forbidden(io.quarkus.security.ForbiddenException e) {
        return HttpProblem.builder().withType(URI.create(TYPE_BASE + "forbidden")).withStatus(403)
                .withTitle("Forbidden").withDetail("Your role does not allow this operation")
                .with("detailVi", "Vai trò của bạn không được phép thực hiện thao tác này").build().toResponse();
    }

    private static Response unauthenticated() {
        return HttpProblem.builder().withType(URI.create(TYPE_BASE + "unauthorized")).withStatus(401)
                .withTitle("Unauthorized").withDetail("A valid bearer token is required")
                .with("detailVi", "Cần mã truy cập (bearer token) hợp lệ")
                .withHeader("WWW-Authenticate", "Bearer").build().toResponse();
    }

    /**
     * A body that is not the JSON the operation takes (cut short, wrong token types, an array for an object): 400
     * problem+json naming the field where it broke, never an empty 400. The JSON reader reports it bare or as a 400
     * without a body.
     */
    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER - 100)
    public Response unreadableJson(com.fasterxml.jackson.core.JsonProcessingException e) {
        return refused(unreadable(e));
    }

    /** The refusal of a body the JSON reader could not take, naming the field where it broke. */
    static ProblemException unreadable(com.fasterxml.jackson.core.JsonProcessingException e) {
        String field = "body";
        if (e instanceof com.fasterxml.jackson.databind.JsonMappingException m && !m.getPath().isEmpty()) {
            StringBuilder path = new StringBuilder();
            for (com.fasterxml.jackson.databind.JsonMappingException.Reference r : m.getPath()) {
                if (r.getFieldName() != null) {
                    path.append(path.length() == 0 ? "" : ".").append(r.getFieldName());
                } else if (r.getIndex() >= 0) {
                    path.append('[').append(r.getIndex()).append(']');
                }
            }
            field = path.length() == 0 ? "body" : path.toString();
        }
        if (e instanceof com.fasterxml.jackson.databind.exc.InvalidFormatException f && f.getTargetType() == String.class) {
            return ProblemException.invalid(field, "must not contain control characters",
                    "không được chứa ký tự điều khiển");
        }
        if (e instanceof com.fasterxml.jackson.core.exc.StreamConstraintsException) {
            return ProblemException.invalid(field, "is nested or sized beyond what this service reads",
                    "lồng nhau hoặc có kích thước vượt quá giới hạn cho phép");
        }
        return ProblemException.invalid(field, "is not valid JSON for this operation",
                "không phải JSON hợp lệ cho thao tác này");
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER - 100)
    public Response invalidFormat(com.fasterxml.jackson.databind.exc.InvalidFormatException e) {
        return unreadableJson(e);
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER - 100)
    public Response unknownProperty(com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException e) {
        return unreadableJson(e);
    }

    /** Quarkus maps this subclass itself (an empty 400): named here so the one above answers for it too. */
    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER - 100)
    public Response mismatchedJson(com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
        return unreadableJson(e);
    }

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER - 100)
    public Response bareBadRequest(jakarta.ws.rs.WebApplicationException e) {
        Response r = e.getResponse();
        if (r != null && r.getStatus() == 400 && !r.hasEntity()) {
            Throwable cause = e.getCause();
            if (cause instanceof com.fasterxml.jackson.core.JsonProcessingException j) {
                return unreadableJson(j);
            }
            return refused(ProblemException.invalid("body", "cannot be read for this operation",
                    "không đọc được nội dung yêu cầu"));
        }
        return r;
    }

    /**
     * Races the checks cannot see (two identical creations at once) end as constraint errors: a conflict, not a 500.
     * The driver's error arrives bare or wrapped by Hibernate Reactive; both are answered the same way.
     */
    @ServerExceptionMapper
    public Response database(PgException e) {
        return databaseProblem(e);
    }

    @ServerExceptionMapper
    public Response persistence(jakarta.persistence.PersistenceException e) {
        return databaseProblem(e);
    }

    /**
     * The database is away for a moment (restart, failover, network): 503 with Retry-After, so clients retry the same
     * request (with its Idempotency-Key), never a 500. The transaction did not commit, so nothing was written.
     */
    @ServerExceptionMapper({IllegalStateException.class, io.smallrye.mutiny.CompositeException.class,
            io.vertx.sqlclient.ClosedConnectionException.class, java.util.concurrent.CompletionException.class})
    public Response unreachable(RuntimeException e) {
        if (DatabaseErrors.unavailable(e)) {
            return unavailable();
        }
        for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (c instanceof ProblemException p) {
                return problem(p).toResponse();
            }
        }
        return DatabaseErrors.find(e).isPresent() ? databaseProblem(e) : internal(e);
    }

    /** The same outage reported bare by the driver: a refused or reset connection (Netty's checked exceptions). */
    @ServerExceptionMapper({java.net.SocketException.class, java.nio.channels.ClosedChannelException.class})
    public Response connectionLost(java.io.IOException e) {
        return unavailable();
    }

    private static Response unavailable() {
        return HttpProblem.builder().withType(URI.create(TYPE_BASE + "unavailable")).withStatus(503)
                .withTitle("Service Unavailable").withDetail("The database cannot be reached for a moment; retry the request shortly")
                .withHeader("Retry-After", "5")
                .with("detailVi", "Hệ thống tạm thời gián đoạn kết nối cơ sở dữ liệu; vui lòng thử lại sau ít giây")
                .build().toResponse();
    }

    private static Response databaseProblem(RuntimeException e) {
        if (DatabaseErrors.unavailable(e)) {
            return unavailable();
        }
        String state = DatabaseErrors.find(e).map(DatabaseErrors.DatabaseError::sqlState).orElse("");
        if (DatabaseErrors.UNIQUE_VIOLATION.equals(state)) {
            return HttpProblem.builder().withType(URI.create(TYPE_BASE + "conflict")).withStatus(409)
                    .withTitle("Conflict").withDetail("The entity already exists (concurrent change)")
                    .with("detailVi", "Dữ liệu đã tồn tại (có thay đổi đồng thời)").build().toResponse();
        }
        if (DatabaseErrors.lostToAnotherTransaction(e)) {
            return HttpProblem.builder().withType(URI.create(TYPE_BASE + "retry")).withStatus(409)
                    .withTitle("Conflict").withDetail("A concurrent change won; retry the request")
                    .with("detailVi", "Có thay đổi đồng thời; vui lòng thử lại").build().toResponse();
        }
        if (state.startsWith("22")) {
            // data the column cannot take (NUL in text, too long, out of range): refused before, never a 500
            return problem(ProblemException.invalid("body", "holds a value that cannot be stored",
                    "chứa giá trị không thể lưu trữ")).toResponse();
        }
        if ("23503".equals(state) || "23514".equals(state)) {
            return HttpProblem.builder().withType(URI.create(TYPE_BASE + "invalid-input")).withStatus(400)
                    .withTitle("Bad Request").withDetail("The change refers to something that does not exist or breaks a rule")
                    .with("detailVi", "Dữ liệu tham chiếu không tồn tại hoặc vi phạm ràng buộc").build().toResponse();
        }
        return internal(e);
    }

    /**
     * An unexpected failure: 500 problem+json with an error id that is in the log beside the stack trace; the
     * client never sees the exception (its class or message).
     */
    static Response internal(Throwable e) {
        String id = java.util.UUID.randomUUID().toString();
        org.jboss.logging.Logger.getLogger(Problems.class).errorf(e, "request failed, error id %s", id);
        return HttpProblem.builder().withType(URI.create(TYPE_BASE + "internal")).withStatus(500)
                .withTitle("Internal Server Error").withDetail("The request failed; error id " + id)
                .with("detailVi", "Lỗi hệ thống, vui lòng thử lại sau (mã lỗi " + id + ")").build().toResponse();
    }

    public static String title(int status) {
        return Response.Status.fromStatusCode(status) == null ? "Error"
                : Response.Status.fromStatusCode(status).getReasonPhrase();
    }

    /** Adds a Vietnamese title to every problem that does not have one, for officials reading desk software. */
    @ApplicationScoped
    public static class VietnameseText implements ProblemPostProcessor {
        private static final Map<Integer, String> VI = Map.of(
                400, "Yêu cầu không hợp lệ",
                401, "Chưa xác thực: cần mã truy cập (token) hợp lệ",
                403, "Không có quyền thực hiện thao tác này",
                404, "Không tìm thấy",
                405, "Phương thức không được hỗ trợ",
                406, "Định dạng phản hồi không được hỗ trợ",
                409, "Xung đột dữ liệu",
                415, "Định dạng dữ liệu gửi lên không được hỗ trợ",
                500, "Lỗi hệ thống, vui lòng thử lại sau",
                503, "Dịch vụ tạm thời không sẵn sàng");

        @Override
        public HttpProblem apply(HttpProblem problem, ProblemContext context) {
            problem = explained(problem, context);
            if (problem.getParameters().containsKey("detailVi")) {
                return problem;
            }
            String vi = VI.get(problem.getStatusCode());
            if (vi == null) {
                return problem;
            }
            return HttpProblem.builder(problem).with("detailVi", vi).build();
        }

        /**
         * A problem the extension made from an unreadable body (the JSON reader's failure wrapped in a bare 400) names
         * the field where it broke; a 400 that names nothing names the body; no detail names a Java class.
         */
        private static HttpProblem explained(HttpProblem problem, ProblemContext context) {
            if (problem.getStatusCode() == 400) {
                for (Throwable c = context.cause; c != null; c = c.getCause() == c ? null : c.getCause()) {
                    if (c instanceof com.fasterxml.jackson.core.JsonProcessingException json) {
                        return problem(unreadable(json));
                    }
                }
                if (!problem.getParameters().containsKey("field") && !problem.getParameters().containsKey("violations")) {
                    problem = HttpProblem.builder(problem).with("field", "body")
                            .with("reason", "cannot be read for this operation").build();
                }
            }
            if (problem.getDetail() != null && INTERNAL_NAMES.matcher(problem.getDetail()).find()) {
                problem = HttpProblem.builder(problem).withDetail(title(problem.getStatusCode())).build();
            }
            return problem;
        }
        @Override
        public int priority() {
            return 10;
        }
    }
}
