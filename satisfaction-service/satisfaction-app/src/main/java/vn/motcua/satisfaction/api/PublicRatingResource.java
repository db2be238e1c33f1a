package vn.motcua.satisfaction.api;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.motcua.satisfaction.app.CriteriaSets;
import vn.motcua.satisfaction.app.Ratings;
import vn.motcua.satisfaction.domain.Ballot;
import vn.motcua.satisfaction.domain.Scale;
import vn.motcua.satisfaction.events.BallotStatus;
import vn.motcua.satisfaction.events.RatingChannel;
import vn.motcua.satisfaction.store.CatalogUnitEntity;
import vn.motcua.satisfaction.store.DossierViewEntity;
import vn.motcua.satisfaction.store.RatingEntity;
import vn.motcua.support.PublicRateLimit;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The citizen's side: the form behind the QR code on the receipt or the SMS link, and the rating itself. No login:
 * the link's token is the authority, and it only ever rates its own dossier, once. Rate limited (429 with
 * Retry-After) per client address and per token, before the body is read.
 */
@Path("/api/v1/public/ratings/{token}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@PermitAll
// per client address, and per dossier: the same dossier always gets the same token
@PublicRateLimit(dossier = "token")
@Tag(name = "Citizen rating (no login)")
public class PublicRatingResource {
    private final Ratings ratings;
    private final CriteriaSets criteriaSets;
    private final RatingViews views;
    private final Clock clock;

    public PublicRatingResource(Ratings ratings, CriteriaSets criteriaSets, RatingViews views, Clock clock) {
        this.ratings = ratings;
        this.criteriaSets = criteriaSets;
        this.views = views;
        this.clock = clock;
    }

    @GET
    @Operation(summary = "The rating form of a dossier",
            description = "state: OPEN (may be rated now), RATED, PENDING (a rating waits for the return to be "
                    + "confirmed), NOT_RETURNED, WINDOW_CLOSED, CLOSED (the dossier ended without a result).")
    public Uni<Views.RatingForm> form(@PathParam("token") String token) {
        UUID dossierId = ratings.dossierOfToken(token);
        Instant now = clock.instant();
        return Panache.withSession(() -> DossierViewEntity.<DossierViewEntity>findById(dossierId).chain(view -> {
            if (view == null) {
                throw Ratings.unknownLink();
            }
            return RatingEntity.<RatingEntity>list("dossierId = ?1 and status in ('VALID', 'PENDING')", dossierId)
                    .chain(existing -> criteriaSets.choose(null, null, view.competentUnit,
                                    now.atZone(vn.motcua.duedate.WorkingCalendar.VIETNAM).toLocalDate())
                            .chain(set -> unitName(view.competentUnit).map(unitName -> {
                                String[] state = state(view, existing, now);
                                return new Views.RatingForm(view.dossierCode, view.procedureName, view.competentUnit,
                                        unitName, view.returnedAt,
                                        view.returnedAt == null ? null : ratings.rules().windowEnds(view.returnedAt),
                                        state[0], state[1], Views.CriteriaSetView.of(set), Scale.LEVELS);
                            })));
        }));
    }

    private String[] state(DossierViewEntity view, java.util.List<RatingEntity> existing, Instant now) {
        if (existing.stream().anyMatch(r -> BallotStatus.VALID.name().equals(r.status))) {
            return new String[]{"RATED", "Hồ sơ đã được đánh giá. Cảm ơn ông/bà."};
        }
        if (!existing.isEmpty()) {
            return new String[]{"PENDING", "Đánh giá đang chờ xác nhận hồ sơ đã trả kết quả"};
        }
        return switch (view.state) {
            case "CLOSED" -> new String[]{"CLOSED", "Hồ sơ đã kết thúc mà không có kết quả để đánh giá"};
            case "RETURNED" -> now.isAfter(ratings.rules().windowEnds(view.returnedAt))
                    ? new String[]{"WINDOW_CLOSED", "Đã hết thời hạn đánh giá hồ sơ này"}
                    : new String[]{"OPEN", "Mời ông/bà đánh giá mức độ hài lòng"};
            default -> new String[]{"NOT_RETURNED", "Hồ sơ chưa trả kết quả; ông/bà có thể đánh giá sau khi nhận kết quả"};
        };
    }

    private Uni<String> unitName(String unit) {
        if (unit == null) {
            return Uni.createFrom().nullItem();
        }
        return CatalogUnitEntity.<CatalogUnitEntity>findById(unit).map(u -> u == null ? null : u.nameVi);
    }

    @POST
    @Operation(summary = "Rate the dossier (once)",
            description = "201 recorded; 202 received and waiting for the return of the result to be confirmed; "
                    + "409 already rated, or a rating of this link already waits; 429 too many requests (per client "
                    + "address and per dossier; Retry-After in seconds); 422 the dossier cannot be rated (window closed, no result).")
    public Uni<Response> rate(@PathParam("token") String token, @Valid @NotNull Requests.PublicRating r) {
        UUID dossierId = ratings.dossierOfToken(token);
        Ballot ballot = new Ballot(r.answers() == null ? Map.of() : r.answers(), r.overall(), Set.of(), null);
        Ratings.Submission s = new Ratings.Submission(RatingChannel.QR, null, null, ballot, r.comment(),
                r.complaint(), r.complaintText(), null, null, clock.instant(), "rating-link");
        return Panache.withSession(() -> DossierViewEntity.<DossierViewEntity>findById(dossierId))
                .chain(view -> {
                    if (view == null) {
                        throw Ratings.unknownLink();
                    }
                    return ratings.submit(view.dossierCode, s, v -> {
                    });
                })
                .map(saved -> Response.status(BallotStatus.PENDING.name().equals(saved.status) ? 202 : 201)
                        .entity(views.publicResult(saved)).build());
    }
}
