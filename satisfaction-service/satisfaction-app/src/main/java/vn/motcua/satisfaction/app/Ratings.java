package vn.motcua.satisfaction.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import vn.motcua.satisfaction.domain.Ballot;
import vn.motcua.satisfaction.domain.CriteriaSet;
import vn.motcua.satisfaction.domain.DossierInfo;
import vn.motcua.satisfaction.domain.RatingRules;
import vn.motcua.satisfaction.domain.RatingRules.Outcome;
import vn.motcua.satisfaction.events.RatingTokens;
import vn.motcua.satisfaction.domain.Scale;
import vn.motcua.satisfaction.events.BallotStatus;
import vn.motcua.satisfaction.events.InvalidReason;
import vn.motcua.satisfaction.events.RatingChannel;
import vn.motcua.satisfaction.events.SatisfactionEvent;
import vn.motcua.satisfaction.store.DossierViewEntity;
import vn.motcua.satisfaction.store.Locks;
import vn.motcua.satisfaction.store.Outbox;
import vn.motcua.satisfaction.store.RatingEntity;
import vn.motcua.support.DatabaseErrors;
import vn.motcua.support.ProblemException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Records ratings: decides each with {@link RatingRules} under the dossier's lock, stores it with its outcome, and
 * puts the event (and a complaint, if the citizen raised one) in the outbox in the same transaction.
 */
@ApplicationScoped
public class Ratings {
    static final ZoneId VIETNAM = vn.motcua.duedate.WorkingCalendar.VIETNAM;
    static final String ONE_VALID = "rating_one_valid_per_dossier";
    static final String BALLOT_NUMBER = "rating_ballot_number";
    private static final TypeReference<Map<String, Integer>> ANSWERS = new TypeReference<>() {
    };

    private final RatingRules rules;
    private final RatingTokens tokens;
    private final CriteriaSets criteriaSets;
    private final Complaints complaints;
    private final Outbox outbox;
    private final Clock clock;
    private final MeterRegistry registry;
    private final ObjectMapper json = new ObjectMapper();

    public Ratings(CriteriaSets criteriaSets, Complaints complaints, Outbox outbox, Clock clock, MeterRegistry registry,
                   @ConfigProperty(name = "motcua.rating.window", defaultValue = "P30D") Duration window,
                   @ConfigProperty(name = "motcua.rating.pending-grace", defaultValue = "PT24H") Duration grace,
                   @ConfigProperty(name = "motcua.rating.early-tolerance", defaultValue = "PT10M") Duration tolerance,
                   @ConfigProperty(name = "motcua.rating.token-secret") String tokenSecret) {
        this.criteriaSets = criteriaSets;
        this.complaints = complaints;
        this.outbox = outbox;
        this.clock = clock;
        this.registry = registry;
        this.rules = new RatingRules(window, grace, tolerance);
        this.tokens = new RatingTokens(tokenSecret);
    }

    public RatingRules rules() {
        return rules;
    }

    public RatingTokens tokens() {
        return tokens;
    }

    /**
     * What a caller submitted.
     *
     * @param submittedBy the token's subject, or "rating link" for the public channel
     * @param ballotUnit  the unit whose ballot book a paper ballot's number belongs to
     */
    public record Submission(RatingChannel channel, String criteriaSet, Integer criteriaSetVersion, Ballot ballot,
                             String comment, boolean complaint, String complaintText, String ballotNumber,
                             String ballotUnit, Instant collectedAt, String submittedBy) {
    }

    /** The dossier a token was issued for; 404 for anything else. */
    public UUID dossierOfToken(String token) {
        return tokens.verify(token).orElseThrow(Ratings::unknownLink);
    }

    public static ProblemException unknownLink() {
        return new ProblemException(404, "rating-link-not-found", "This rating link is not valid",
                "Đường dẫn đánh giá không hợp lệ", List.of());
    }

    /** The dossier a code names, or null when this service has not (yet) seen it. Call inside a session. */
    public Uni<DossierViewEntity> dossierByCode(String code) {
        return DossierViewEntity.<DossierViewEntity>find("dossierCode", code).firstResult();
    }

    /**
     * Submits a rating for the dossier with {@code dossierCode}; {@code check} runs on the dossier as known after
     * the lock (null when unknown), e.g. the caller's right to rate for its unit. Runs its own transaction.
     */
    public Uni<RatingEntity> submit(String dossierCode, Submission s, java.util.function.Consumer<DossierViewEntity> check) {
        return Panache.withTransaction(() -> Locks.dossier(dossierCode)
                        .chain(() -> dossierByCode(dossierCode))
                        .invoke(check)
                        .chain(view -> decideNew(dossierCode, view, s)))
                .onFailure(t -> DatabaseErrors.uniqueViolation(t, ONE_VALID)).transform(t -> alreadyRated())
                .onFailure(t -> DatabaseErrors.uniqueViolation(t, BALLOT_NUMBER))
                .transform(t -> ballotAlreadyEntered(s.ballotNumber()));
    }

    private Uni<RatingEntity> decideNew(String dossierCode, DossierViewEntity view, Submission s) {
        Instant now = clock.instant();
        DossierInfo info = view == null ? null : view.info();
        String unit = info != null && info.competentUnit() != null ? info.competentUnit() : unitOfCode(dossierCode);
        InvalidReason contentProblem = s.channel() == RatingChannel.PAPER
                ? s.ballot().contentProblem().orElse(null) : null;
        return criteriaSets.choose(s.criteriaSet(), s.criteriaSetVersion(), unit, s.collectedAt().atZone(VIETNAM).toLocalDate())
                .invoke(set -> CriteriaSets.checkAnswers(set, s.ballot().answers(), "answers"))
                .chain(set -> ballotEnteredBefore(s).chain(() -> hasValid(info)).chain(rated -> {
                    Outcome outcome = rules.submit(info, rated, s.channel(), s.collectedAt(), contentProblem, now);
                    if (outcome instanceof Outcome.Refused refused) {
                        registry.counter("motcua.ratings.refused", "reason", refused.reason().name()).increment();
                        return Uni.createFrom().failure(refusal(refused.reason()));
                    }
                    RatingEntity r = new RatingEntity();
                    r.id = UUID.randomUUID();
                    r.dossierId = info == null ? null : info.dossierId();
                    r.dossierCode = dossierCode;
                    r.unitCode = unit;
                    r.channel = s.channel().name();
                    r.contentProblem = contentProblem == null ? null : contentProblem.name();
                    r.criteriaSetCode = set.code();
                    r.criteriaSetVersion = set.version();
                    r.answers = write(new TreeMap<>(s.ballot().answers()));
                    r.overall = s.ballot().overall();
                    r.comment = blankToNull(s.comment());
                    r.complaint = s.complaint();
                    r.complaintText = blankToNull(s.complaintText());
                    r.ballotNumber = s.ballotNumber();
                    r.ballotUnit = s.ballotNumber() == null ? null : s.ballotUnit();
                    r.collectedAt = s.collectedAt();
                    r.submittedAt = now;
                    r.submittedBy = s.submittedBy();
                    if (outcome instanceof Outcome.Pending p) {
                        if (s.channel() == RatingChannel.QR) {
                            // the link's holder may not pile up waiting ratings: one waits per dossier, the
                            // second is refused (under the dossier's lock, so two at once cannot both wait)
                            return RatingEntity.count("dossierCode = ?1 and status = 'PENDING' and channel = 'QR'",
                                    dossierCode).chain(n -> {
                                if (n > 0) {
                                    return Uni.createFrom().failure(alreadyPending());
                                }
                                return pending(r, p);
                            });
                        }
                        return pending(r, p);
                    }
                    settle(r, outcome, now);
                    return r.persist().chain(() -> publish(r, outcome, info, now)).replaceWith(r);
                }));
    }

    private Uni<RatingEntity> pending(RatingEntity r, Outcome.Pending p) {
        r.status = BallotStatus.PENDING.name();
        r.pendingUntil = p.until();
        registry.counter("motcua.ratings.pending").increment();
        return r.persist().replaceWith(r);
    }

    /** Of these dossiers, the ones with a rating waiting for them: one read for a batch of returned dossiers. */
    public Uni<java.util.Set<String>> pendingAmong(java.util.Collection<String> dossierCodes) {
        return vn.motcua.consumer.SessionConnection.select("select distinct dossier_code from rating "
                        + "where status = 'PENDING' and dossier_code = any($1)", (Object) dossierCodes.toArray(new String[0]))
                .map(rows -> {
                    java.util.Set<String> out = new java.util.HashSet<>();
                    rows.forEach(row -> out.add((String) row[0]));
                    return out;
                });
    }

    /**
     * Decides every rating of the dossier that waited for it. Called under the dossier's lock, in the transaction
     * that changed the view (the returned event), or by the sweep when a grace period ends.
     *
     * @return how many were decided
     */
    public Uni<Integer> resolvePending(String dossierCode, DossierInfo info) {
        Instant now = clock.instant();
        return RatingEntity.<RatingEntity>list("dossierCode = ?1 and status = 'PENDING' order by arrival",
                dossierCode).chain(pending -> {
            Uni<Integer> chain = Uni.createFrom().item(0);
            for (RatingEntity r : pending) {
                chain = chain.chain(n -> hasValid(info).chain(rated -> {
                    InvalidReason content = r.contentProblem == null ? null : InvalidReason.valueOf(r.contentProblem);
                    Outcome outcome = rules.resolve(info, rated, RatingChannel.valueOf(r.channel), r.collectedAt,
                            content, r.pendingUntil, now);
                    if (outcome instanceof Outcome.Pending) {
                        return Uni.createFrom().item(n);
                    }
                    if (info != null) {
                        r.dossierId = info.dossierId();
                        if (info.competentUnit() != null) {
                            r.unitCode = info.competentUnit();
                        }
                    }
                    // flush now: the next pending rating of this dossier must see this one if it became valid
                    settle(r, outcome, now);
                    return publish(r, outcome, info, now).chain(() -> Panache.getSession().chain(sess -> sess.flush()))
                            .replaceWith(n + 1);
                }));
            }
            return chain;
        });
    }

    /** Sets the final status the outcome gives. */
    private static void settle(RatingEntity r, Outcome outcome, Instant now) {
        r.decidedAt = now;
        r.pendingUntil = null;
        if (outcome instanceof Outcome.Valid) {
            r.status = BallotStatus.VALID.name();
            r.reason = null;
        } else if (outcome instanceof Outcome.Kept kept) {
            r.status = kept.status().name();
            r.reason = kept.reason().name();
        } else {
            throw new IllegalStateException("not a final outcome: " + outcome);
        }
    }

    /** The event of a settled rating, and its complaint, into the outbox. */
    private Uni<Void> publish(RatingEntity r, Outcome outcome, DossierInfo info, Instant now) {
        RatingChannel channel = RatingChannel.valueOf(r.channel);
        SatisfactionEvent event;
        if (outcome instanceof Outcome.Valid) {
            event = new SatisfactionEvent.RatingRecorded(r.id, r.channel,
                    new SatisfactionEvent.CriteriaSetRef(r.criteriaSetCode, r.criteriaSetVersion), answers(r),
                    r.overall, Scale.satisfied(r.overall), r.comment != null, r.complaint, r.ballotNumber,
                    r.collectedAt, info.returnedAt());
        } else {
            Outcome.Kept kept = (Outcome.Kept) outcome;
            event = new SatisfactionEvent.BallotInvalid(r.id, r.channel, r.status, r.reason, kept.reason().textVi(),
                    r.ballotNumber, r.collectedAt);
        }
        registry.counter("motcua.ratings.decided", "status", r.status, "channel", channel.name()).increment();
        Uni<Void> published = outbox.add(r.dossierId, r.dossierCode, r.unitCode, event, now);
        boolean complaintCounts = r.complaint && !BallotStatus.REFUSED.name().equals(r.status);
        return complaintCounts ? published.chain(() -> complaints.open(r, now)) : published;
    }

    private Uni<Boolean> hasValid(DossierInfo info) {
        if (info == null) {
            return Uni.createFrom().item(false);
        }
        return RatingEntity.count("dossierId = ?1 and status = 'VALID'", info.dossierId()).map(n -> n > 0);
    }

    private Uni<Void> ballotEnteredBefore(Submission s) {
        if (s.ballotNumber() == null) {
            return Uni.createFrom().voidItem();
        }
        return RatingEntity.count("ballotUnit = ?1 and ballotNumber = ?2", s.ballotUnit(), s.ballotNumber())
                .invoke(n -> {
                    if (n > 0) {
                        throw ballotAlreadyEntered(s.ballotNumber());
                    }
                }).replaceWithVoid();
    }

    public List<SatisfactionEvent.Answer> answers(RatingEntity r) {
        List<SatisfactionEvent.Answer> list = new ArrayList<>();
        answerMap(r).forEach((c, l) -> list.add(new SatisfactionEvent.Answer(c, l)));
        return list;
    }

    public Map<String, Integer> answerMap(RatingEntity r) {
        try {
            return json.readValue(r.answers, ANSWERS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable answers of rating " + r.id, e);
        }
    }

    /** The receiving unit in a dossier code (unit code, a dash, the date, a dash, the sequence). */
    public static String unitOfCode(String dossierCode) {
        int dash = dossierCode.indexOf('-');
        return dash > 0 ? dossierCode.substring(0, dash) : null;
    }

    static ProblemException refusal(InvalidReason reason) {
        if (reason == InvalidReason.DUPLICATE) {
            return alreadyRated();
        }
        String code = switch (reason) {
            case WINDOW_CLOSED -> "rating-window-closed";
            case CLOSED_WITHOUT_RESULT -> "dossier-closed-without-result";
            case NOT_ONLINE_DOSSIER -> "not-an-online-dossier";
            case NOT_RETURNED -> "dossier-not-returned";
            default -> "rating-refused";
        };
        return new ProblemException(422, code, "The rating cannot be accepted: " + reason.text(),
                "Không thể ghi nhận đánh giá: " + reason.textVi(),
                List.of(new ProblemException.Violation("dossier", reason.text(), reason.textVi())));
    }

    static ProblemException alreadyRated() {
        return new ProblemException(409, "already-rated", "This dossier has already been rated; a dossier is rated once",
                "Hồ sơ này đã được đánh giá; mỗi hồ sơ chỉ được đánh giá một lần",
                List.of(new ProblemException.Violation("dossier", "already has a valid rating",
                        "đã có một phiếu đánh giá hợp lệ")));
    }

    static ProblemException alreadyPending() {
        return new ProblemException(409, "rating-already-pending", "A rating of this dossier already waits for the "
                + "return of its result to be confirmed; it is decided then",
                "Hồ sơ này đã có một đánh giá đang chờ xác nhận trả kết quả; đánh giá đó sẽ được xử lý khi hồ sơ trả kết quả",
                List.of(new ProblemException.Violation("token", "already has a rating waiting",
                        "đã có một đánh giá đang chờ")));
    }

    static ProblemException ballotAlreadyEntered(String number) {
        return new ProblemException(409, "ballot-already-entered", "Paper ballot " + number
                + " was already entered for this unit", "Phiếu số " + number + " đã được nhập cho đơn vị này",
                List.of(new ProblemException.Violation("ballotNumber", "was already entered", "đã được nhập")));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
