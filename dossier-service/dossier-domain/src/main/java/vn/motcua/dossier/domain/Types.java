package vn.motcua.dossier.domain;

import vn.motcua.duedate.ProcessingTime;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/** Value types shared by the dossier's commands, events and state. */
public final class Types {
    private Types() {
    }

    /** How the dossier reached the one-stop desk. */
    public enum Channel { COUNTER, ONLINE, POSTAL }

    /** How the result is handed over. */
    public enum ReturnChannel { COUNTER, POSTAL, ONLINE }

    /**
     * How a fee or charge was paid (DOMAIN.md §9): online through the national public-service portal or the
     * province's payment gateway, or at the desk.
     */
    public enum PaymentChannel {
        NATIONAL_PORTAL, PROVINCE_GATEWAY, DESK;

        /** Decision 766's "paid online": through either online channel. */
        public boolean online() {
            return this != DESK;
        }
    }

    public enum Outcome { GRANTED, DENIED }

    /** How the applicant chose to be told (none: the desk tells them on paper or by phone). */
    public enum NoticeChannel { EMAIL, SMS, NONE }

    /**
     * What the desk tells the applicant, with the form of Circular 01/2018/TT-VPCP (as amended) it stands for; a
     * notice is sent for each of these events of a live dossier (DOMAIN.md §8).
     */
    public enum NoticeKind {
        RECEIPT("01"), SUPPLEMENT_REQUEST("02"), REFUSAL("03"), APOLOGY("04"), STOP("05"), RESULT_READY(null),
        RETURNED(null);

        private final String form;

        NoticeKind(String form) {
            this.form = form;
        }

        /** The number of the form the notice stands for, or null when the law names no form (result ready). */
        public String form() {
            return form;
        }
    }

    /** What a due-date change was caused by. */
    public enum DueChangeReason { SUPPLEMENT_RESTART, PAYMENT_PAUSE, APOLOGY }

    /**
     * Dossier status with the national public-service portal's code. A dossier refused after appraisal is reported
     * as processed (9): its refusal notice is the result that is returned.
     */
    public enum Status {
        RECEIVED(2), REFUSED_AT_RECEPTION(3), PROCESSING(4), SUPPLEMENT_REQUESTED(5), WAITING_FOR_PAYMENT(6),
        WITHDRAWN(7), STOPPED(8), PROCESSED(9), REFUSED_AFTER_APPRAISAL(9), RETURNED(10);

        private final int portalCode;

        Status(int portalCode) {
            this.portalCode = portalCode;
        }

        public int portalCode() {
            return portalCode;
        }

        /** Still waiting for a result (the clock may be stopped while the applicant owes something). */
        public boolean open() {
            return this == RECEIVED || this == PROCESSING || this == SUPPLEMENT_REQUESTED || this == WAITING_FOR_PAYMENT;
        }

        /** The processing clock runs (not waiting for the applicant). */
        public boolean clockRunning() {
            return this == RECEIVED || this == PROCESSING;
        }
    }

    /** The applicant. {@code personalId} is the 12-digit personal identification number (VNeID). */
    public record Applicant(String fullName, String personalId, String phone, String email, NoticeChannel notifyBy) {
        public Applicant {
            Objects.requireNonNull(fullName, "fullName");
            Objects.requireNonNull(personalId, "personalId");
        }

        /** An applicant who did not say how to be told: {@link Notices#channelOf} chooses from the contacts given. */
        public Applicant(String fullName, String personalId, String phone, String email) {
            this(fullName, personalId, phone, email, null);
        }
    }

    /**
     * The procedure as the catalog defined it on the day of reception: the terms the dossier is judged by.
     * {@code committedTime} is the competent unit's shorter commitment, if any.
     */
    public record ProcedureTerms(String code, int version, String nameVi, ProcessingTime legalTime,
                                 ProcessingTime committedTime, String onlineLevel, boolean postalReception) {
        public ProcedureTerms {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(legalTime, "legalTime");
        }

        /** The time that applies: the commitment when there is one (the catalog only accepts shorter ones). */
        public ProcessingTime appliedTime() {
            return committedTime != null ? committedTime : legalTime;
        }

        public boolean fullyOnline() {
            return "FULLY_ONLINE".equals(onlineLevel);
        }
    }

    /** A due: the instant and the date day-based reports compare (both empty for procedures without deadline). */
    public record Due(Instant at, LocalDate date) {
        public static final Due NONE = new Due(null, null);

        public boolean exists() {
            return at != null;
        }
    }

    /** One line of the process control sheet (phiếu kiểm soát quá trình giải quyết). */
    public record Step(int number, String unitCode, String stepName, String officer, Instant startedAt,
                       Instant deadline, Instant handedOverAt) {
        public boolean late() {
            return deadline != null && handedOverAt != null && handedOverAt.isAfter(deadline);
        }

        Step handOver(Instant at) {
            return new Step(number, unitCode, stepName, officer, startedAt, deadline, at);
        }
    }

    static List<String> copy(List<String> list) {
        return list == null ? List.of() : List.copyOf(list);
    }

    /** Like {@link #copy}, but keeps "not said" (null) apart from "none". */
    static List<String> copyOrNull(List<String> list) {
        return list == null ? null : List.copyOf(list);
    }

    /**
     * Whether every submitted component was digitised (Decision 766, DOMAIN.md §9): null when the submission did not
     * say which were (an older event or import), true when each of {@code documents} is among {@code digitised}.
     */
    public static Boolean allDigitised(List<String> documents, List<String> digitised) {
        if (digitised == null) {
            return null;
        }
        return documents == null || digitised.containsAll(documents);
    }
}
