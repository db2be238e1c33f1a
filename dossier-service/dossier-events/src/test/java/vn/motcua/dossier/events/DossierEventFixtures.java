package vn.motcua.dossier.events;

import vn.motcua.dossier.domain.DossierEvent;
import vn.motcua.dossier.domain.DossierEvent.Apologized;
import vn.motcua.dossier.domain.DossierEvent.Consulted;
import vn.motcua.dossier.domain.DossierEvent.DueDateChanged;
import vn.motcua.dossier.domain.DossierEvent.Overdue;
import vn.motcua.dossier.domain.DossierEvent.PaymentRecorded;
import vn.motcua.dossier.domain.DossierEvent.PaymentRequested;
import vn.motcua.dossier.domain.DossierEvent.Processed;
import vn.motcua.dossier.domain.DossierEvent.Received;
import vn.motcua.dossier.domain.DossierEvent.RefusedAfterAppraisal;
import vn.motcua.dossier.domain.DossierEvent.RefusedAtReception;
import vn.motcua.dossier.domain.DossierEvent.Returned;
import vn.motcua.dossier.domain.DossierEvent.Stopped;
import vn.motcua.dossier.domain.DossierEvent.SupplementRequested;
import vn.motcua.dossier.domain.DossierEvent.SupplementSupplied;
import vn.motcua.dossier.domain.DossierEvent.Transferred;
import vn.motcua.dossier.domain.DossierEvent.Withdrawn;
import vn.motcua.dossier.domain.DossierEvent.ApplicantNotified;
import vn.motcua.dossier.domain.DossierEvent.NationalPortalSyncRefused;
import vn.motcua.dossier.domain.DossierEvent.SyncedToNationalPortal;
import vn.motcua.dossier.domain.Types.NoticeChannel;
import vn.motcua.dossier.domain.Types.NoticeKind;
import vn.motcua.dossier.domain.Types.Applicant;
import vn.motcua.dossier.domain.Types.Channel;
import vn.motcua.dossier.domain.Types.Due;
import vn.motcua.dossier.domain.Types.DueChangeReason;
import vn.motcua.dossier.domain.Types.Outcome;
import vn.motcua.dossier.domain.Types.ProcedureTerms;
import vn.motcua.dossier.domain.Types.ReturnChannel;
import vn.motcua.duedate.ProcessingTime;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One realistic published envelope of every dossier event type, the way dossier-service records them: an application
 * for a citizen identity card at the one-stop desk of Nghệ An provincial police (Vietnam time is UTC+7, so 08:15 at
 * the desk is 01:15Z). Dossier A runs from reception through a supplement, a payment, an apology and an overdue
 * record to its result; the other dossiers end otherwise. The documents in {@code contract-examples} are these
 * envelopes as published.
 */
final class DossierEventFixtures {
    static final String POLICE_DESK = "000.00.20.H40";   // Công an tỉnh Nghệ An, its one-stop desk
    static final String PC06 = "000.20.20.H40";          // Phòng Cảnh sát quản lý hành chính về trật tự xã hội
    static final String COMMUNE_POLICE = "000.31.20.H40"; // Công an xã Hưng Nguyên

    /** Must never reach the wire; the tests look for each of these values in the bytes. */
    static final Applicant APPLICANT = new Applicant("Trần Thị Hương", "040196012345", "0983123456",
            "huong.tran@example.vn");
    static final String LOOKUP_SECRET_HASH =
            "7c4a8d09ca3762af61e59520943dc26494f8941b3f5e2a1c0d9b8a7f6e5d4c3b";

    static final ProcedureTerms IDENTITY_CARD = new ProcedureTerms("2.000200", 1,
            "Cấp thẻ căn cước cho công dân từ đủ 14 tuổi trở lên", ProcessingTime.workingDays(7), null,
            "PARTLY_ONLINE", false);
    /** The same procedure where the unit commits to 5 working days instead of 7. */
    static final ProcedureTerms IDENTITY_CARD_COMMITTED = new ProcedureTerms("2.000200", 2,
            "Cấp thẻ căn cước cho công dân từ đủ 14 tuổi trở lên", ProcessingTime.workingDays(7),
            ProcessingTime.workingDays(5), "PARTLY_ONLINE", false);
    static final ProcedureTerms CERTIFIED_COPY = new ProcedureTerms("2.000815", 1,
            "Cấp bản sao có chứng thực từ bản chính giấy tờ, văn bản", ProcessingTime.immediate(), null, null,
            true);

    static final UUID DOSSIER_A = UUID.fromString("0b6f3c2e-58a1-4d7e-9c3b-2f1a0e9d8c7b");
    static final String CODE_A = "000.00.20.H40-261123-0001";
    static final UUID DOSSIER_B = UUID.fromString("5d2e8f14-3a6b-4c9d-8e7f-1a2b3c4d5e6f");
    static final String CODE_B = "000.00.20.H40-261123-0002";
    static final UUID DOSSIER_C = UUID.fromString("9e8d7c6b-5a49-4382-b716-0f1e2d3c4b5a");
    static final String CODE_C = "000.00.20.H40-261124-0005";
    static final UUID DOSSIER_D = UUID.fromString("c3b2a190-8f7e-4d6c-a5b4-9382716f5e4d");
    static final String CODE_D = "000.00.20.H40-261125-0011";
    static final UUID DOSSIER_E = UUID.fromString("e1d2c3b4-a596-4877-b869-5a4b3c2d1e0f");
    static final String CODE_E = "000.00.20.H40-261126-0003";

    /** The production clock has microsecond precision; one fixture keeps it so the date-time format is exercised. */
    static final Instant RECEIVED_AT = Instant.parse("2026-11-23T01:15:30.123456Z");

    static final Due DUE_AT_RECEPTION = due("2026-12-02T10:00:00Z", "2026-12-02");
    static final Due DUE_AFTER_SUPPLEMENT = due("2026-12-04T10:00:00Z", "2026-12-04");
    static final Due NATIONAL_DUE = due("2026-12-03T03:30:00Z", "2026-12-03");
    static final Due DUE_AFTER_APOLOGY = due("2026-12-09T10:00:00Z", "2026-12-09");

    private DossierEventFixtures() {
    }

    static Due due(String at, String date) {
        return new Due(Instant.parse(at), LocalDate.parse(date));
    }

    // ------------------------------------------------------------------ events, dossier A

    static Received received() {
        return new Received(CODE_A, IDENTITY_CARD, POLICE_DESK, PC06, Channel.COUNTER, APPLICANT,
                List.of("Tờ khai thu nhận thông tin căn cước (mẫu CC01)"), RECEIVED_AT, RECEIVED_AT,
                "nguyen.van.binh", "ND118-2025", DUE_AT_RECEPTION, RECEIVED_AT,
                Instant.parse("2026-11-23T10:00:00Z"), LOOKUP_SECRET_HASH,
                List.of("Tờ khai thu nhận thông tin căn cước (mẫu CC01)"));
    }

    static Transferred transferred() {
        return new Transferred(POLICE_DESK, PC06, "Thẩm định hồ sơ", "nguyen.van.binh",
                Instant.parse("2026-12-01T10:00:00Z"), Instant.parse("2026-11-23T07:30:00Z"));
    }

    static Consulted consulted() {
        return new Consulted(PC06, COMMUNE_POLICE, "Xác minh nơi thường trú của công dân tại xã Hưng Nguyên",
                Instant.parse("2026-11-26T10:00:00Z"), Instant.parse("2026-11-24T02:00:00Z"));
    }

    static SupplementRequested supplementRequested() {
        return new SupplementRequested(PC06, "le.thi.mai",
                List.of("Tờ khai thu nhận thông tin căn cước (mẫu CC01) có chữ ký của công dân"), 1,
                Instant.parse("2026-11-24T03:00:00Z"), java.time.LocalDate.parse("2026-11-27"));
    }

    static SupplementSupplied supplementSupplied() {
        return new SupplementSupplied(List.of("Tờ khai thu nhận thông tin căn cước (mẫu CC01)"),
                Instant.parse("2026-11-25T01:30:00Z"), List.of());
    }

    static DueDateChanged dueDateChanged() {
        return new DueDateChanged(DueChangeReason.SUPPLEMENT_RESTART, DUE_AT_RECEPTION, DUE_AFTER_SUPPLEMENT,
                DUE_AFTER_SUPPLEMENT, NATIONAL_DUE, Instant.parse("2026-11-25T01:30:00Z"));
    }

    static PaymentRequested paymentRequested() {
        return new PaymentRequested(30_000L, "Lệ phí cấp thẻ căn cước", Instant.parse("2026-11-25T02:00:00Z"));
    }

    static PaymentRecorded paymentRecorded() {
        return new PaymentRecorded(30_000L, "0001234/BLP-CANA", Instant.parse("2026-11-25T02:20:00Z"),
                vn.motcua.dossier.domain.Types.PaymentChannel.NATIONAL_PORTAL);
    }

    static Apologized apologized() {
        return new Apologized(PC06, "Hệ thống sản xuất thẻ căn cước tạm dừng để bảo trì", DUE_AFTER_APOLOGY,
                Instant.parse("2026-12-03T08:00:00Z"));
    }

    static Overdue overdue() {
        return new Overdue(DUE_AFTER_APOLOGY, DUE_AFTER_APOLOGY.at());
    }

    static Processed processed() {
        return new Processed(PC06, "tran.quoc.hung", Outcome.GRANTED, "PC06-KQ-2026/00871",
                Instant.parse("2026-12-10T02:00:00Z"), true);
    }

    static Returned returned() {
        return new Returned(ReturnChannel.POSTAL, Instant.parse("2026-12-11T03:45:00Z"));
    }

    // ------------------------------------------------------------------ events, other dossiers

    static RefusedAtReception refusedAtReception() {
        return new RefusedAtReception(CODE_B, IDENTITY_CARD, POLICE_DESK, PC06, Channel.ONLINE, APPLICANT,
                Instant.parse("2026-11-22T14:05:00Z"), Instant.parse("2026-11-23T02:40:00Z"), "nguyen.van.binh",
                "Công dân chưa đủ 14 tuổi, không thuộc đối tượng của thủ tục này");
    }

    static RefusedAfterAppraisal refusedAfterAppraisal() {
        return new RefusedAfterAppraisal(PC06, "le.thi.mai",
                "Thông tin trong tờ khai không khớp với Cơ sở dữ liệu quốc gia về dân cư",
                Instant.parse("2026-11-27T08:10:00Z"));
    }

    static Stopped stopped() {
        return new Stopped("Công dân không đến thu nhận vân tay và ảnh chân dung theo lịch hẹn",
                Instant.parse("2026-12-01T09:00:00Z"));
    }

    static Withdrawn withdrawn() {
        return new Withdrawn("Công dân đề nghị rút hồ sơ để nộp lại tại nơi cư trú",
                Instant.parse("2026-11-26T04:25:00Z"));
    }

    static ApplicantNotified applicantNotified() {
        return new ApplicantNotified(NoticeKind.APOLOGY, NoticeChannel.EMAIL, 9, true, 1,
                Instant.parse("2026-12-03T08:00:04Z"));
    }

    /** The portal took dossier A's copy after its return (status 10, result returned). */
    static SyncedToNationalPortal syncedToNationalPortal() {
        return new SyncedToNationalPortal(13, 10, Instant.parse("2026-12-11T03:45:09Z"));
    }

    /** The portal refused dossier D's copy: it did not know the procedure's code. */
    static NationalPortalSyncRefused nationalPortalSyncRefused() {
        return new NationalPortalSyncRefused(4, "-1", "Mã thủ tục hành chính không tồn tại trên Cổng DVCQG",
                Instant.parse("2026-12-01T09:00:12Z"));
    }

    // ------------------------------------------------------------------ envelopes

    /** One envelope per type, in the order of {@link DossierEventType}. */
    static List<DossierEventEnvelope> oneOfEach() {
        return List.of(
                envelope("3f6c1a2b-7d8e-4f90-a1b2-c3d4e5f60001", DOSSIER_A, CODE_A, 1, 100_231, received()),
                envelope("3f6c1a2b-7d8e-4f90-a1b2-c3d4e5f60002", DOSSIER_B, CODE_B, 1, 100_244,
                        refusedAtReception()),
                envelope("3f6c1a2b-7d8e-4f90-a1b2-c3d4e5f60003", DOSSIER_C, CODE_C, 3, 101_517,
                        refusedAfterAppraisal()),
                envelope("3f6c1a2b-7d8e-4f90-a1b2-c3d4e5f60004", DOSSIER_A, CODE_A, 4, 100_702,
                        supplementRequested()),
                envelope("3f6c1a2b-7d8e-4f90-a1b2-c3d4e5f60005", DOSSIER_A, CODE_A, 5, 100_988, supplementSupplied()),
                envelope("3f6c1a2b-7d8e-4f90-a1b2-c3d4e5f60006", DOSSIER_A, CODE_A, 2, 100_307, transferred()),
                envelope("3f6c1a2b-7d8e-4f90-a1b2-c3d4e5f60007", DOSSIER_A, CODE_A, 3, 100_655, consulted()),
                envelope("3f6c1a2b-7d8e-4f90-a1b2-c3d4e5f60008", DOSSIER_A, CODE_A, 7, 101_004, paymentRequested()),
                envelope("3f6c1a2b-7d8e-4f90-a1b2-c3d4e5f60009", DOSSIER_A, CODE_A, 8, 101_020, paymentRecorded()),
                envelope("3f6c1a2b-7d8e-4f90-a1b2-c3d4e5f60010", DOSSIER_A, CODE_A, 12, 102_876, processed()),
                envelope("3f6c1a2b-7d8e-4f90-a1b2-c3d4e5f60011", DOSSIER_A, CODE_A, 11, 102_610, overdue()),
                envelope("3f6c1a2b-7d8e-4f90-a1b2-c3d4e5f60012", DOSSIER_A, CODE_A, 9, 102_113, apologized()),
                envelope("3f6c1a2b-7d8e-4f90-a1b2-c3d4e5f60013", DOSSIER_A, CODE_A, 6, 100_989, dueDateChanged()),
                envelope("3f6c1a2b-7d8e-4f90-a1b2-c3d4e5f60014", DOSSIER_A, CODE_A, 13, 103_002, returned()),
                envelope("3f6c1a2b-7d8e-4f90-a1b2-c3d4e5f60015", DOSSIER_D, CODE_D, 4, 102_377, stopped()),
                envelope("3f6c1a2b-7d8e-4f90-a1b2-c3d4e5f60016", DOSSIER_E, CODE_E, 2, 101_250, withdrawn()),
                envelope("3f6c1a2b-7d8e-4f90-a1b2-c3d4e5f60017", DOSSIER_A, CODE_A, 10, 102_119, applicantNotified()),
                envelope("3f6c1a2b-7d8e-4f90-a1b2-c3d4e5f60018", DOSSIER_A, CODE_A, 14, 103_009,
                        syncedToNationalPortal()),
                envelope("3f6c1a2b-7d8e-4f90-a1b2-c3d4e5f60019", DOSSIER_D, CODE_D, 5, 102_380,
                        nationalPortalSyncRefused()));
    }

    /** {@link #oneOfEach()} plus variants with the nullable fields null, other units and a procedure without deadline. */
    static List<DossierEventEnvelope> allVariants() {
        Received minimal = new Received(CODE_C, CERTIFIED_COPY, "000.00.31.H40", "000.00.31.H40", Channel.POSTAL,
                APPLICANT, List.of(), null, Instant.parse("2026-11-24T01:00:00Z"), null, "ND118-2025", Due.NONE,
                Instant.parse("2026-11-24T01:00:00Z"), Instant.parse("2026-11-24T10:00:00Z"), null);
        Received committed = new Received(CODE_E, IDENTITY_CARD_COMMITTED, POLICE_DESK, PC06, Channel.ONLINE,
                APPLICANT, List.of("Tờ khai thu nhận thông tin căn cước (mẫu CC01)", "Ảnh chân dung"),
                Instant.parse("2026-11-25T16:20:00Z"), Instant.parse("2026-11-26T00:30:00Z"), "he.thong.dvc",
                "ND118-2025", due("2026-12-03T10:00:00Z", "2026-12-03"), Instant.parse("2026-11-26T00:30:00Z"),
                Instant.parse("2026-11-26T00:30:00Z"), LOOKUP_SECRET_HASH);
        RefusedAtReception refusedBare = new RefusedAtReception(CODE_D, null, null, null, null, APPLICANT, null,
                Instant.parse("2026-11-25T03:00:00Z"), null, "Hồ sơ không thuộc thẩm quyền giải quyết");
        DueDateChanged apology = new DueDateChanged(DueChangeReason.APOLOGY, DUE_AFTER_SUPPLEMENT, DUE_AFTER_APOLOGY,
                DUE_AFTER_SUPPLEMENT, NATIONAL_DUE, Instant.parse("2026-12-03T08:00:00Z"));
        DueDateChanged payment = new DueDateChanged(DueChangeReason.PAYMENT_PAUSE, Due.NONE, Due.NONE, Due.NONE,
                Due.NONE, Instant.parse("2026-11-25T02:20:00Z"));
        List<DossierEvent> variants = List.of(minimal, committed, refusedBare,
                new RefusedAfterAppraisal(PC06, null, "Không đủ điều kiện cấp", Instant.parse("2026-11-27T08:10:00Z")),
                new SupplementRequested(PC06, null, List.of("Ảnh chân dung", "Giấy xác nhận thông tin cư trú"), 2,
                        Instant.parse("2026-11-30T02:00:00Z")),
                new SupplementSupplied(List.of(), Instant.parse("2026-12-01T01:00:00Z")),
                new Transferred(PC06, "000.01.20.H40", null, null, null, Instant.parse("2026-12-08T09:00:00Z")),
                new Consulted(PC06, COMMUNE_POLICE, null, null, Instant.parse("2026-11-24T02:00:00Z")),
                new PaymentRequested(50_000L, null, Instant.parse("2026-11-25T02:00:00Z")),
                new PaymentRecorded(50_000L, null, Instant.parse("2026-11-25T02:20:00Z")),
                new Processed(PC06, null, Outcome.DENIED, null, Instant.parse("2026-12-10T02:00:00Z")),
                apology, payment,
                new Returned(ReturnChannel.COUNTER, Instant.parse("2026-12-11T03:45:00Z")),
                new Returned(ReturnChannel.ONLINE, Instant.parse("2026-12-11T03:45:00Z")),
                new Withdrawn(null, Instant.parse("2026-11-26T04:25:00Z")),
                new ApplicantNotified(NoticeKind.RETURNED, NoticeChannel.SMS, 14, false, 8,
                        Instant.parse("2026-12-12T03:45:00Z")),
                new SyncedToNationalPortal(1, 3, Instant.parse("2026-11-25T03:00:05Z")),
                new NationalPortalSyncRefused(2, "ERR_TIMEOUT_DB", null, Instant.parse("2026-11-25T03:10:00Z")));
        List<DossierEventEnvelope> all = new ArrayList<>(oneOfEach());
        long position = 200_000;
        for (DossierEvent event : variants) {
            position++;
            String code = event instanceof Received r ? r.dossierCode()
                    : event instanceof RefusedAtReception r ? r.dossierCode() : CODE_C;
            long version = event instanceof Received || event instanceof RefusedAtReception ? 1 : 2;
            all.add(DossierEventEnvelope.of(UUID.randomUUID(), UUID.randomUUID(), code, version, position,
                    event.at().plusMillis(350), event));
        }
        return all;
    }

    /** The store records an event a fraction of a second after it happened. */
    static DossierEventEnvelope envelope(String eventId, UUID dossierId, String code, long version, long position,
                                         DossierEvent event) {
        return DossierEventEnvelope.of(UUID.fromString(eventId), dossierId, code, version, position,
                event.at().plusMillis(250), event);
    }

    static DossierEventEnvelope ofType(String typeName) {
        return oneOfEach().stream().filter(e -> e.type().equals(typeName)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no fixture of type " + typeName));
    }

    // ------------------------------------------------------------------ what consumers see

    /** The envelope as a consumer reads it: personal data is not published, so it comes back null. */
    static DossierEventEnvelope published(DossierEventEnvelope envelope) {
        return new DossierEventEnvelope(envelope.eventId(), envelope.type(), envelope.schemaVersion(),
                envelope.dossierId(), envelope.dossierCode(), envelope.version(), envelope.position(),
                envelope.occurredAt(), envelope.recordedAt(), published(envelope.data()));
    }

    static DossierEvent published(DossierEvent event) {
        if (event instanceof Received r) {
            return new Received(r.dossierCode(), r.procedure(), r.receivingUnit(), r.competentUnit(), r.channel(),
                    null, r.documents(), r.submittedAt(), r.at(), r.officer(), r.ruleSet(), r.due(),
                    r.countingStartsAt(), r.transferDeadline(), null, r.digitisedDocuments());
        }
        if (event instanceof RefusedAtReception r) {
            return new RefusedAtReception(r.dossierCode(), r.procedure(), r.receivingUnit(), r.competentUnit(),
                    r.channel(), null, r.submittedAt(), r.at(), r.officer(), r.reason());
        }
        return event;
    }
}
