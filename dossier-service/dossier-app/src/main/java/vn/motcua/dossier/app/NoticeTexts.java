package vn.motcua.dossier.app;

import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import vn.motcua.dossier.domain.DossierEvent;
import vn.motcua.dossier.domain.DossierState;
import vn.motcua.dossier.domain.Types.NoticeChannel;
import vn.motcua.dossier.domain.Types.NoticeKind;
import vn.motcua.duedate.WorkingCalendar;
import vn.motcua.satisfaction.events.RatingTokens;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The words of each notice: one Qute template per kind and channel ({@code templates/notices/<KIND>.<channel>.txt},
 * Vietnamese, each naming the form it stands for), filled from the dossier as it was at the event the notice is about.
 * Dates and times in Vietnam time, as on the paper forms.
 */
@ApplicationScoped
public class NoticeTexts {
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("dd/MM/yyyy");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH 'giờ' mm 'phút, ngày' dd/MM/yyyy");

    /** What is sent: a subject (e-mail only) and the text. */
    public record Message(String subject, String text) {
    }

    private final Engine engine;
    private final String lookupUrl;
    private final String ratingUrl;
    private final java.util.Optional<RatingTokens> ratingTokens;
    private final String office;

    public NoticeTexts(Engine engine,
                       @ConfigProperty(name = "motcua.notices.lookup-url") String lookupUrl,
                       @ConfigProperty(name = "motcua.rating.public-url") String ratingUrl,
                       @ConfigProperty(name = "motcua.rating.token-secret") java.util.Optional<String> ratingSecret,
                       @ConfigProperty(name = "motcua.notices.office-name") String office) {
        this.engine = engine;
        this.lookupUrl = lookupUrl;
        this.ratingUrl = ratingUrl;
        // the key satisfaction-service checks rating links with (the same Secret); without it no link can be made
        this.ratingTokens = ratingSecret.map(RatingTokens::new);
        this.office = office;
    }

    /**
     * The message of a notice.
     *
     * @param state     the dossier as it was right after the event the notice is about
     * @param event     that event
     * @param unitName  the name of the unit that answers for the dossier
     * @param secret    the lookup secret (reception notice only), or null
     */
    public Message render(NoticeKind kind, NoticeChannel channel, UUID dossierId, DossierState state,
                          DossierEvent event, String unitName, String secret) {
        Map<String, Object> data = new HashMap<>();
        data.put("office", office);
        data.put("name", state.applicant() == null ? "" : state.applicant().fullName());
        data.put("code", state.dossierCode());
        data.put("procedure", state.procedure() == null ? "" : state.procedure().nameVi());
        data.put("unit", unitName);
        data.put("receivedAt", time(state.receivedAt()));
        data.put("due", state.currentDue() == null || !state.currentDue().exists() ? null : due(state));
        data.put("lookupUrl", lookupUrl.replace("{code}", state.dossierCode()));
        data.put("secret", secret);
        if (event instanceof DossierEvent.SupplementRequested e) {
            data.put("missing", e.missing());
            data.put("supplyBy", e.supplyBy() == null ? null : DATE.format(e.supplyBy()));
        } else if (event instanceof DossierEvent.RefusedAtReception e) {
            data.put("reason", e.reason());
        } else if (event instanceof DossierEvent.RefusedAfterAppraisal e) {
            data.put("reason", e.reason());
        } else if (event instanceof DossierEvent.Apologized e) {
            data.put("reason", e.reason());
            data.put("newDate", e.newDue().date() == null ? null : DATE.format(e.newDue().date()));
            data.put("oldDate", state.dueOfRecord() == null || state.dueOfRecord().date() == null ? null
                    : DATE.format(state.dueOfRecord().date()));
        } else if (event instanceof DossierEvent.Stopped e) {
            data.put("reason", e.reason());
        } else if (event instanceof DossierEvent.Processed e) {
            data.put("granted", e.outcome() == vn.motcua.dossier.domain.Types.Outcome.GRANTED);
        } else if (event instanceof DossierEvent.Returned) {
            data.put("ratingUrl", ratingUrl + ratingTokens.orElseThrow(() -> new IllegalStateException(
                    "no rating link key (motcua.rating.token-secret)")).issue(dossierId));
        }
        Template template = engine.getTemplate("notices/" + kind.name() + "." + channel.name().toLowerCase() + ".txt");
        if (template == null) {
            throw new IllegalStateException("no template for " + kind + " by " + channel);
        }
        String text = template.data(data).render().strip();
        // brand-name SMS go in the GSM alphabet: 160 characters a part instead of 70, and every handset shows them
        return new Message(subject(kind, state.dossierCode()), channel == NoticeChannel.SMS ? unaccented(text) : text);
    }

    static String subject(NoticeKind kind, String code) {
        String what = switch (kind) {
            case RECEIPT -> "Giấy tiếp nhận hồ sơ và hẹn trả kết quả";
            case SUPPLEMENT_REQUEST -> "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ";
            case REFUSAL -> "Phiếu từ chối giải quyết hồ sơ";
            case APOLOGY -> "Văn bản xin lỗi và hẹn lại ngày trả kết quả";
            case STOP -> "Thông báo dừng xử lý hồ sơ";
            case RESULT_READY -> "Hồ sơ đã có kết quả";
            case RETURNED -> "Đã trả kết quả hồ sơ - mời đánh giá";
        };
        return what + " - " + code;
    }

    private static String due(DossierState s) {
        // day-based procedures (working or calendar days) are due by a date, hour- and minute-based ones by an
        // instant: the applied time decides, as it does for the classification (DOMAIN.md §6)
        var due = s.currentDue();
        boolean dayBased = s.procedure() == null || s.procedure().appliedTime() == null
                || s.procedure().appliedTime().isDayBased();
        return !dayBased || due.date() == null ? time(due.at()) : DATE.format(due.date());
    }

    /** Vietnamese without diacritics (đ as d), as brand-name SMS are written. */
    static String unaccented(String text) {
        String decomposed = java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFD);
        return decomposed.replaceAll("\\p{M}+", "").replace('đ', 'd').replace('Đ', 'D');
    }

    private static String time(Instant at) {
        return at == null ? "" : TIME.format(at.atZone(WorkingCalendar.VIETNAM));
    }

    static String date(LocalDate d) {
        return d == null ? null : DATE.format(d);
    }
}
