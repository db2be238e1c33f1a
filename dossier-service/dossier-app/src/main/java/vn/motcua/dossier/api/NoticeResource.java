package vn.motcua.dossier.api;

import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import vn.motcua.support.security.CurrentCaller;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.motcua.support.security.Caller;
import vn.motcua.dossier.domain.Types.NoticeChannel;
import vn.motcua.dossier.store.NoticeStore;
import vn.motcua.support.ProblemException;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * What the applicant was told: the desk's list of notices that could not be delivered (with the applicant's contact,
 * to phone them instead), a notice's attempts, and sending a failed one again.
 */
@Path("/api/v1/notices")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Notices")
@Blocking
public class NoticeResource {
    private static final java.util.regex.Pattern EMAIL = java.util.regex.Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,190}\\.[^@\\s]{2,}");
    private static final java.util.regex.Pattern PHONE = java.util.regex.Pattern.compile("(\\+84|0)[0-9]{9,10}");

    private final NoticeStore notices;
    private final CurrentCaller currentCaller;
    private final Clock clock;

    @Schema(description = "A notice to the applicant (thông báo cho người nộp) and how its delivery went")
    public record NoticeView(long id, String dossierCode, String kind, String form, String channel, String recipient,
                             String state, int attempts, String lastError, Instant createdAt, Instant doneAt,
                             String applicantName, String applicantPhone, String applicantEmail,
                             List<Attempt> attemptLog) {
    }

    public record Attempt(String at, String outcome, String detail) {
    }

    @Schema(description = "Send a failed notice again, optionally to a corrected address (e-mail or phone, by its channel)")
    public record Resend(@Size(max = 200) String recipient) {
    }

    public NoticeResource(NoticeStore notices, CurrentCaller currentCaller, Clock clock) {
        this.notices = notices;
        this.currentCaller = currentCaller;
        this.clock = clock;
    }

    @GET
    @Path("/failed")
    @RolesAllowed({Caller.ADMIN, Caller.OFFICER})
    @Operation(summary = "Notices that could not be delivered, newest first, with the applicant's contact (the desk phones them)")
    public List<NoticeView> failed(
            @QueryParam("unit") @Pattern(regexp = vn.motcua.catalog.events.CatalogLimits.CODE,
                    message = "must be a unit code such as 000.00.20.H40 (mã đơn vị không hợp lệ)") String unit,
            @QueryParam("limit") @DefaultValue("100") String limitText) throws SQLException {
        // parsed here: a number JAX-RS cannot convert would be a 404, which tells a careless client nothing
        int limit;
        try {
            limit = Integer.parseInt(limitText.strip());
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > 1000) {
            throw ProblemException.invalid("limit", "must be a whole number from 1 to 1000", "phải là số nguyên từ 1 đến 1000");
        }
        Caller caller = currentCaller.get();
        Set<String> units;
        if (unit != null) {
            if (!caller.admin() && !caller.units().contains(unit)) {
                throw new ProblemException(403, "not-your-unit", "You do not act for unit " + unit,
                        "Bạn không thuộc đơn vị " + unit, List.of(new ProblemException.Violation("unit",
                        "is not a unit you act for", "không phải đơn vị của bạn")));
            }
            units = Set.of(unit);
        } else {
            units = caller.admin() ? null : caller.units();
        }
        return notices.failed(units, limit).stream().map(f -> view(f.notice(), f, List.of())).toList();
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Caller.ADMIN, Caller.OFFICER})
    @Operation(summary = "One notice with every attempt")
    public NoticeView one(@PathParam("id") long id) throws SQLException {
        NoticeStore.Notice n = mine(id);
        return view(n, null, notices.attempts(id).stream().map(a -> new Attempt(a[0], a[1], a[2])).toList());
    }

    @POST
    @Path("/{id}/resend")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed({Caller.ADMIN, Caller.OFFICER})
    @Operation(summary = "Send a failed notice again (after the gateway is back, or to a corrected address)")
    public NoticeView resend(@PathParam("id") long id, Resend body) throws SQLException {
        NoticeStore.Notice n = mine(id);
        String to = body == null || body.recipient() == null || body.recipient().isBlank() ? null
                : body.recipient().strip();
        if (to != null && !(n.channel() == NoticeChannel.EMAIL ? EMAIL : PHONE).matcher(to).matches()) {
            throw ProblemException.invalid("recipient", n.channel() == NoticeChannel.EMAIL
                            ? "must be an e-mail address" : "must be a Vietnamese phone number such as 0912345678",
                    n.channel() == NoticeChannel.EMAIL ? "địa chỉ thư điện tử không hợp lệ" : "số điện thoại không hợp lệ");
        }
        if (!notices.resend(id, to, clock.instant())) {
            throw new ProblemException(409, "notice-not-failed", "Only a notice that could not be delivered is sent again",
                    "Chỉ gửi lại thông báo chưa gửi được", List.of(new ProblemException.Violation("id",
                    "is " + n.state().toLowerCase(), "không ở trạng thái gửi lỗi")));
        }
        return view(notices.byId(id).orElseThrow(), null, List.of());
    }

    private NoticeStore.Notice mine(long id) throws SQLException {
        Caller caller = currentCaller.get();
        NoticeStore.Notice n = notices.byId(id).orElse(null);
        // another unit's notice is as absent as a missing one: its existence is not for this caller
        if (n == null || !caller.admin() && !caller.units().contains(n.competentUnit())) {
            throw new ProblemException(404, "notice-not-found", "No such notice", "Không có thông báo này",
                    List.of(new ProblemException.Violation("id", "no such notice", "không có thông báo này")));
        }
        return n;
    }

    private static NoticeView view(NoticeStore.Notice n, NoticeStore.Failed f, List<Attempt> attempts) {
        return new NoticeView(n.id(), n.dossierCode(), n.kind().name(), n.kind().form(), n.channel().name(),
                n.recipient(), n.state(), n.attempts(), n.lastError(), n.createdAt(), n.doneAt(),
                f == null ? null : f.applicantName(), f == null ? null : f.phone(), f == null ? null : f.email(),
                attempts);
    }
}
