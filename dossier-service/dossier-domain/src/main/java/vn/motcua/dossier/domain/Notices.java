package vn.motcua.dossier.domain;

import vn.motcua.dossier.domain.Types.Applicant;
import vn.motcua.dossier.domain.Types.NoticeChannel;
import vn.motcua.dossier.domain.Types.NoticeKind;

import java.util.List;
import java.util.Optional;

/**
 * Which events the applicant is told of, and on which channel (DOMAIN.md §8). Pure: the sender in dossier-service
 * and the figures in reporting-service both ask here.
 */
public final class Notices {
    private Notices() {
    }

    /** The notice an event of a live dossier calls for, if any (an overdue mark calls for none: the apology does). */
    public static Optional<NoticeKind> forEvent(DossierEvent event) {
        NoticeKind kind = null;
        if (event instanceof DossierEvent.Received) {
            kind = NoticeKind.RECEIPT;
        } else if (event instanceof DossierEvent.SupplementRequested) {
            kind = NoticeKind.SUPPLEMENT_REQUEST;
        } else if (event instanceof DossierEvent.RefusedAtReception || event instanceof DossierEvent.RefusedAfterAppraisal) {
            kind = NoticeKind.REFUSAL;
        } else if (event instanceof DossierEvent.Apologized) {
            kind = NoticeKind.APOLOGY;
        } else if (event instanceof DossierEvent.Stopped) {
            kind = NoticeKind.STOP;
        } else if (event instanceof DossierEvent.Processed) {
            kind = NoticeKind.RESULT_READY;
        } else if (event instanceof DossierEvent.Returned) {
            kind = NoticeKind.RETURNED;
        }
        return Optional.ofNullable(kind);
    }

    /**
     * The channel the applicant is told on: the one they chose, or when they did not say, e-mail if they gave an
     * address, else SMS if they gave a phone, else none.
     */
    public static NoticeChannel channelOf(Applicant applicant) {
        if (applicant == null) {
            return NoticeChannel.NONE;
        }
        if (applicant.notifyBy() != null) {
            return applicant.notifyBy();
        }
        if (present(applicant.email())) {
            return NoticeChannel.EMAIL;
        }
        return present(applicant.phone()) ? NoticeChannel.SMS : NoticeChannel.NONE;
    }

    /** The address a channel sends to, or null for none. */
    public static String recipient(Applicant applicant, NoticeChannel channel) {
        return switch (channel) {
            case EMAIL -> applicant.email();
            case SMS -> applicant.phone();
            case NONE -> null;
        };
    }

    /** A chosen channel needs its contact: e-mail needs an address, SMS a phone number. */
    static void requireReachable(Applicant applicant) {
        NoticeChannel chosen = applicant.notifyBy();
        if (chosen == NoticeChannel.EMAIL && !present(applicant.email())) {
            throw RuleViolation.input("notice-contact", "applicant.email",
                    "the applicant chose to be told by e-mail: the e-mail address is required",
                    "người nộp chọn nhận thông báo qua thư điện tử: cần địa chỉ thư điện tử");
        }
        if (chosen == NoticeChannel.SMS && !present(applicant.phone())) {
            throw RuleViolation.input("notice-contact", "applicant.phone",
                    "the applicant chose to be told by SMS: the phone number is required",
                    "người nộp chọn nhận thông báo qua tin nhắn: cần số điện thoại");
        }
    }

    /** Records a notice's outcome: a receipt in the stream, whatever the dossier's status (a result is told after). */
    static List<DossierEvent> record(DossierState s, DossierCommand.RecordNotice c) {
        if (c.kind() == null || c.channel() == null || c.channel() == NoticeChannel.NONE) {
            throw RuleViolation.input("notice-channel", "channel", "a notice has a kind and a channel to send on",
                    "thông báo phải có loại và kênh gửi");
        }
        if (c.forVersion() < 1 || c.attempts() < 1) {
            throw RuleViolation.input("notice-version", "forVersion",
                    "a notice is for an event of the stream, after at least one attempt",
                    "thông báo phải gắn với một sự kiện của hồ sơ và đã được gửi ít nhất một lần");
        }
        return List.of(new DossierEvent.ApplicantNotified(c.kind(), c.channel(), c.forVersion(), c.delivered(),
                c.attempts(), c.at()));
    }

    private static boolean present(String text) {
        return text != null && !text.isBlank();
    }
}
