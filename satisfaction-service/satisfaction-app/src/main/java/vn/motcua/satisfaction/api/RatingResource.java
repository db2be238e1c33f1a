package vn.motcua.satisfaction.api;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Page;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import vn.motcua.support.security.CurrentCaller;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.motcua.support.security.Caller;
import vn.motcua.satisfaction.app.Ratings;
import vn.motcua.satisfaction.app.UnitFigures;
import vn.motcua.satisfaction.domain.Ballot;
import vn.motcua.duedate.Period;
import vn.motcua.satisfaction.events.BallotStatus;
import vn.motcua.satisfaction.events.InvalidReason;
import vn.motcua.satisfaction.events.RatingChannel;
import vn.motcua.satisfaction.store.DossierViewEntity;
import vn.motcua.satisfaction.store.RatingEntity;
import vn.motcua.support.ProblemException;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Ratings entered by kiosks, the online portal and officers; rating links; a unit's own figures. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@SecurityRequirement(name = "jwt")
public class RatingResource {
    /** Answers entered by an officer may not be dated later than now, give or take a desk clock's drift. */
    private final Duration clockSkew;

    private final Ratings ratings;
    private final RatingViews views;
    private final UnitFigures figures;
    private final CurrentCaller currentCaller;
    private final String publicUrl;
    private final Clock clock;

    public RatingResource(Ratings ratings, RatingViews views, UnitFigures figures, CurrentCaller currentCaller, Clock clock,
                          @ConfigProperty(name = "motcua.rating.public-url") String publicUrl,
                          @ConfigProperty(name = "motcua.claimed-instant.clock-skew", defaultValue = "PT5M") Duration clockSkew) {
        this.clockSkew = clockSkew;
        this.clock = clock;
        this.ratings = ratings;
        this.views = views;
        this.figures = figures;
        this.currentCaller = currentCaller;
        this.publicUrl = publicUrl;
    }

    @POST
    @Path("/ratings")
    @RolesAllowed({Caller.ADMIN, Caller.OFFICER, Caller.SYSTEM})
    @Tag(name = "Ratings")
    @Operation(summary = "Record a rating (kiosk, online portal, paper ballot, SMS, phone call)",
            description = "KIOSK and ONLINE are submitted by a system token of the unit, PAPER, SMS and PHONE by an "
                    + "officer. 201: recorded (for a paper ballot, possibly as INVALID, DUPLICATE or REFUSED, always "
                    + "kept). 202: PENDING, the dossier is not yet seen as returned; it is decided when it is. "
                    + "409 already-rated: the dossier has a valid rating (a second paper ballot is kept as DUPLICATE "
                    + "instead). 422: the dossier cannot be rated (window closed, ended without result, not online).")
    public Uni<Response> submit(@Valid @NotNull Requests.Rating r) {
        Caller caller = currentCaller.get();
        RatingChannel channel = r.channel();
        if (channel == RatingChannel.QR) {
            throw ProblemException.invalid("channel", "QR ratings are submitted through the rating link",
                    "đánh giá qua mã QR được gửi qua đường dẫn đánh giá");
        }
        boolean officerChannel = channel.enteredByOfficer();
        if (!caller.admin() && (officerChannel ? !caller.officer() : !caller.system())) {
            throw new ProblemException(403, "channel-not-allowed", "Channel " + channel + " is entered by "
                    + (officerChannel ? "an officer" : "a kiosk or portal system"),
                    "Kênh " + channel + " phải do " + (officerChannel ? "cán bộ" : "ki-ốt hoặc cổng dịch vụ công") + " nhập",
                    List.of(new ProblemException.Violation("channel", "is not allowed for this token",
                            "không được phép với tài khoản này")));
        }
        Instant now = clock.instant();
        Instant collectedAt = officerChannel ? r.collectedAt() : now;
        List<ProblemException.Violation> bad = new ArrayList<>();
        if (officerChannel && collectedAt == null) {
            bad.add(new ProblemException.Violation("collectedAt", "is required for " + channel,
                    "bắt buộc với kênh " + channel));
        }
        if (collectedAt != null && collectedAt.isAfter(now.plus(clockSkew))) {
            bad.add(new ProblemException.Violation("collectedAt", "must not be in the future", "không được ở tương lai"));
        }
        boolean paper = channel == RatingChannel.PAPER;
        if (paper && r.ballotNumber() == null) {
            bad.add(new ProblemException.Violation("ballotNumber", "is required for a paper ballot",
                    "bắt buộc với phiếu giấy"));
        }
        if (!paper && r.ballotNumber() != null) {
            bad.add(new ProblemException.Violation("ballotNumber", "is only for paper ballots", "chỉ dùng cho phiếu giấy"));
        }
        if (!paper && (r.multipleMarked() != null && !r.multipleMarked().isEmpty() || r.invalidReason() != null)) {
            bad.add(new ProblemException.Violation(r.invalidReason() != null ? "invalidReason" : "multipleMarked",
                    "is only for paper ballots", "chỉ dùng cho phiếu giấy"));
        }
        if (r.invalidReason() != null && r.invalidReason() != InvalidReason.UNREADABLE
                && r.invalidReason() != InvalidReason.OTHER) {
            bad.add(new ProblemException.Violation("invalidReason", "must be UNREADABLE or OTHER (the service finds "
                    + "the other reasons itself)", "chỉ nhận UNREADABLE hoặc OTHER"));
        }
        // a paper ballot without an overall mark is still entered: it is kept as INVALID (INCOMPLETE)
        if (r.overall() == null && !paper) {
            bad.add(new ProblemException.Violation("overall", "is required", "bắt buộc chọn mức hài lòng chung"));
        }
        if (!bad.isEmpty()) {
            throw ProblemException.invalid(bad);
        }
        Ballot ballot = new Ballot(r.answers() == null ? Map.of() : r.answers(), r.overall(),
                r.multipleMarked() == null ? Set.of() : r.multipleMarked(), r.invalidReason());
        String code = r.dossierCode();
        Ratings.Submission s = new Ratings.Submission(channel, r.criteriaSet(), r.criteriaSetVersion(), ballot,
                r.comment(), r.complaint(), r.complaintText(), r.ballotNumber(), Ratings.unitOfCode(code),
                collectedAt, caller.name());
        return ratings.submit(code, s, view -> requireUnit(caller, view, code))
                .map(saved -> Response.status(BallotStatus.PENDING.name().equals(saved.status) ? 202 : 201)
                        .location(URI.create("/api/v1/ratings/" + saved.id)).entity(views.view(saved)).build());
    }

    /** A caller rates for the dossier's competent or receiving unit (for an unknown dossier: the unit in its code). */
    static void requireUnit(Caller caller, DossierViewEntity view, String code) {
        List<String> units = view == null ? List.of(String.valueOf(Ratings.unitOfCode(code)))
                : java.util.stream.Stream.of(view.competentUnit, view.receivingUnit, Ratings.unitOfCode(code))
                .filter(java.util.Objects::nonNull).distinct().toList();
        if (units.stream().noneMatch(caller::mayActFor)) {
            caller.requireActFor(units.get(0), "dossierCode");
        }
    }

    @GET
    @Path("/ratings/{id}")
    @RolesAllowed({Caller.ADMIN, Caller.OFFICER, Caller.SYSTEM, Caller.ANALYST})
    @Tag(name = "Ratings")
    @Operation(summary = "A rating, with its status and, if it does not count, the reason")
    public Uni<Views.RatingView> get(@PathParam("id") UUID id) {
        Caller caller = currentCaller.get();
        return Panache.withSession(() -> RatingEntity.<RatingEntity>findById(id).map(r -> {
            if (r == null || !(caller.mayRead(r.unitCode) || caller.mayActFor(Ratings.unitOfCode(r.dossierCode)))) {
                throw ProblemException.notFound("Rating", id.toString(), "Phiếu đánh giá");
            }
            return views.view(r);
        }));
    }

    @GET
    @Path("/ratings")
    @RolesAllowed({Caller.ADMIN, Caller.OFFICER, Caller.SYSTEM, Caller.ANALYST})
    @Tag(name = "Ratings")
    @Operation(summary = "A unit's ratings, newest first; filter by status or dossier code")
    public Uni<Views.Page<Views.RatingView>> list(@QueryParam("unit") @NotNull @jakarta.validation.constraints.Pattern(regexp = vn.motcua.catalog.events.CatalogLimits.CODE, message = "must be a code such as 000.00.20.H40 (mã không hợp lệ)") String unit,
                                                 @QueryParam("status") BallotStatus status,
                                                 @QueryParam("dossierCode") @jakarta.validation.constraints.Pattern(regexp = vn.motcua.catalog.events.CatalogLimits.CODE, message = "must be a code such as 000.00.20.H40 (mã không hợp lệ)") String dossierCode,
                                                 @QueryParam("page") @DefaultValue("0") @Min(0) int page,
                                                 @QueryParam("size") @DefaultValue("50") @Min(1) @Max(500) int size) {
        currentCaller.get().requireRead(unit, "unit");
        StringBuilder q = new StringBuilder("unitCode = :unit");
        Map<String, Object> params = new java.util.HashMap<>(Map.of("unit", unit));
        if (status != null) {
            q.append(" and status = :status");
            params.put("status", status.name());
        }
        if (dossierCode != null) {
            q.append(" and dossierCode = :code");
            params.put("code", dossierCode);
        }
        return Panache.withSession(() -> {
            var query = RatingEntity.<RatingEntity>find(q + " order by collectedAt desc, id", params);
            return query.page(Page.of(page, size)).list().chain(rows -> query.count()
                    .map(total -> new Views.Page<>(rows.stream().map(views::view).toList(), page, size, total)));
        });
    }

    @GET
    @Path("/dossiers/{code}/rating-link")
    @RolesAllowed({Caller.ADMIN, Caller.OFFICER, Caller.SYSTEM})
    @Tag(name = "Rating links")
    @Operation(summary = "The rating link of a dossier, for the QR code on the receipt or an SMS",
            description = "The same dossier always gets the same link. It can be issued as soon as this service knows "
                    + "the dossier (from its reception); ratings through it count once the result is returned.")
    public Uni<Views.RatingLink> link(@PathParam("code") String code) {
        Caller caller = currentCaller.get();
        return Panache.withSession(() -> ratings.dossierByCode(code)).map(view -> {
            if (view == null) {
                throw new ProblemException(404, "dossier-not-known-yet", "Dossier " + code + " is not known to the "
                        + "satisfaction service (yet); a dossier received a moment ago appears within seconds",
                        "Hệ thống đánh giá chưa có hồ sơ " + code + "; hồ sơ vừa tiếp nhận sẽ có sau vài giây", List.of());
            }
            requireUnit(caller, view, code);
            String token = ratings.tokens().issue(view.dossierId);
            return new Views.RatingLink(view.dossierCode, token, publicUrl + token,
                    "/api/v1/dossiers/" + view.dossierCode + "/rating-link/qr.png",
                    view.returnedAt == null ? null : ratings.rules().windowEnds(view.returnedAt));
        });
    }

    @GET
    @Path("/dossiers/{code}/rating-link/qr.png")
    @Produces("image/png")
    @RolesAllowed({Caller.ADMIN, Caller.OFFICER, Caller.SYSTEM})
    @Tag(name = "Rating links")
    @Operation(summary = "The rating link as a QR code image (PNG)")
    public Uni<Response> qr(@PathParam("code") String code,
                            @QueryParam("size") @DefaultValue("300") @Min(120) @Max(1200) int size) {
        return link(code).map(l -> Response.ok(QrCodes.png(l.url(), size), "image/png")
                .header("Cache-Control", "private, max-age=86400").build());
    }

    @GET
    @Path("/units/{unit}/satisfaction")
    @RolesAllowed({Caller.ADMIN, Caller.OFFICER, Caller.SYSTEM, Caller.ANALYST})
    @Tag(name = "Figures")
    @Operation(summary = "A unit's satisfaction figures for a day (2026-11-05), month (2026-11), quarter (2026-Q4) or year (2026)")
    public Uni<Views.UnitSatisfaction> unitFigures(@PathParam("unit") @jakarta.validation.constraints.Pattern(regexp = vn.motcua.catalog.events.CatalogLimits.CODE, message = "must be a code such as 000.00.20.H40 (mã không hợp lệ)") String unit,
                                                   @QueryParam("period") @NotNull String periodText) {
        currentCaller.get().requireRead(unit, "unit");
        Period period;
        try {
            period = Period.parse(periodText); // the one period grammar, reporting-service's too
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("period",
                    "must be a day (2026-11-05), a month (2026-11), a quarter (2026-Q4) or a year (2026)",
                    "phải là ngày (2026-11-05), tháng (2026-11), quý (2026-Q4) hoặc năm (2026)");
        }
        return figures.of(unit, period).map(f -> new Views.UnitSatisfaction(unit, period.toString(), period.start(),
                period.end(), f.valid() + f.invalid(), f.valid(), f.invalid(), f.invalidByReason(), f.duplicates(),
                f.refused(), f.pending(), f.satisfied(), UnitFigures.rate(f.satisfied(), f.valid()), f.validByChannel(),
                f.averageByCriterion(), new Views.Complaints(f.complaintsOpened(), f.resolvedOnTime(), f.resolvedLate(),
                f.openOverdue(), f.openNotYetDue(), UnitFigures.rate(f.resolvedOnTime(),
                f.resolvedOnTime() + f.resolvedLate() + f.openOverdue())), UnitFigures.DEFINITION));
    }
}
