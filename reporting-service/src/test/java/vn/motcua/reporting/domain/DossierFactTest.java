package vn.motcua.reporting.domain;

import org.junit.jupiter.api.Test;
import vn.motcua.dossier.domain.DossierEvent;
import vn.motcua.dossier.domain.Types;
import vn.motcua.duedate.ProcessingTime;
import vn.motcua.duedate.Timeliness;
import vn.motcua.duedate.WorkingCalendar;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Given a dossier's events, the fact row holds what the figures need, the dues apart. */
class DossierFactTest {
    static final ZoneId VN = ZoneId.of("Asia/Ho_Chi_Minh");
    static final WorkingCalendar WEEKENDS_ONLY = WorkingCalendar.of(List.of());
    static final Types.ProcedureTerms TERMS = new Types.ProcedureTerms("1.0001", 2, "Thủ tục",
            ProcessingTime.workingDays(5), ProcessingTime.workingDays(3), "FULLY_ONLINE", true);

    static Instant vn(String t) {
        return LocalDateTime.parse(t).atZone(VN).toInstant();
    }

    static Types.Due due(String date) {
        LocalDate d = LocalDate.parse(date);
        return new Types.Due(d.atTime(17, 0).atZone(VN).toInstant(), d);
    }

    static DossierFact given(DossierEvent... events) {
        DossierFact f = new DossierFact(UUID.randomUUID(), "X-1");
        long v = 0;
        for (DossierEvent e : events) {
            f.apply(++v, e, WEEKENDS_ONLY, 1);
        }
        return f;
    }

    // Monday 5 October 2026, 09:00; 3 working days committed: due Thursday 8 October
    static DossierEvent.Received received() {
        return new DossierEvent.Received("X-1", TERMS, "R", "C", Types.Channel.ONLINE,
                new Types.Applicant("A", "001099012345", null, null), List.of(), vn("2026-10-05T09:00"),
                vn("2026-10-05T09:00"), "o", "ND118-2025", due("2026-10-08"), vn("2026-10-05T09:00"),
                vn("2026-10-05T17:00"), null);
    }

    /**
     * DOMAIN.md §6, the field's headline case: a procedure of 1 working day that the unit committed to do in 180
     * minutes is judged by the instant (as dossier-service judges it): after the due instant is late, also on the
     * due date. Reload the fact between events, as the projection does, so the applied unit must survive the row.
     */
    @Test
    void aDayProcedureCommittedInMinutesIsLateAfterTheDueInstantOnTheDueDate() {
        Types.ProcedureTerms minutes = new Types.ProcedureTerms("1.010052", 1, "Chứng thực bản sao",
                ProcessingTime.workingDays(1), ProcessingTime.workingMinutes(180), "PARTLY_ONLINE", false);
        Types.Due due = new Types.Due(vn("2026-10-05T12:00"), LocalDate.parse("2026-10-05"));
        DossierFact f = given(new DossierEvent.Received("X-1", minutes, "R", "C", Types.Channel.COUNTER,
                new Types.Applicant("A", "001099012345", null, null), List.of(), vn("2026-10-05T09:00"),
                vn("2026-10-05T09:00"), "o", "ND118-2025", due, vn("2026-10-05T09:00"), vn("2026-10-05T15:00"), null));
        assertThat(f.appliedUnit).isEqualTo("WORKING_MINUTES");
        f.apply(2, new DossierEvent.Processed("C", "o", Types.Outcome.GRANTED, "KQ", vn("2026-10-05T15:00")),
                WEEKENDS_ONLY, 1);
        assertThat(f.recordTimeliness).as("completed 3 hours after the due instant, on the due date").isEqualTo(Timeliness.LATE);
        assertThat(f.nationalTimeliness).isEqualTo(Timeliness.LATE);
        assertThat(given(new DossierEvent.Received("X-1", minutes, "R", "C", Types.Channel.COUNTER,
                        new Types.Applicant("A", "001099012345", null, null), List.of(), vn("2026-10-05T09:00"),
                        vn("2026-10-05T09:00"), "o", "ND118-2025", due, vn("2026-10-05T09:00"), vn("2026-10-05T15:00"), null),
                new DossierEvent.Processed("C", "o", Types.Outcome.GRANTED, "KQ", vn("2026-10-05T11:59"))).recordTimeliness)
                .isEqualTo(Timeliness.EARLY);
    }

    @Test
    void onTimeOnTheDueDateAndTimeUsedInWorkingDaysAgainstTheLegalTime() {
        DossierFact f = given(received(), new DossierEvent.Processed("C", "o", Types.Outcome.GRANTED, "KQ",
                vn("2026-10-08T16:59")));
        assertThat(f.recordTimeliness).isEqualTo(Timeliness.ON_TIME);
        assertThat(f.nationalTimeliness).isEqualTo(Timeliness.ON_TIME);
        assertThat(f.usedAmount).isEqualByComparingTo("3"); // Tue, Wed, Thu
        assertThat(f.usedRatio).isEqualByComparingTo(new BigDecimal("0.6")); // of 5 legal days
        assertThat(f.committedShorter).isTrue();
        assertThat(f.steps).hasSize(1).first().satisfies(s -> assertThat(s.endedAt()).isEqualTo(vn("2026-10-08T16:59")));
    }

    @Test
    void aRestartingSupplementMovesTheDueOfRecordAndTheNationalDueApart() {
        DossierFact f = given(received(),
                new DossierEvent.SupplementRequested("C", "o", List.of("B"), 1, vn("2026-10-06T10:00")),
                new DossierEvent.SupplementSupplied(List.of("B"), vn("2026-10-07T10:00")),
                new DossierEvent.DueDateChanged(Types.DueChangeReason.SUPPLEMENT_RESTART, due("2026-10-08"),
                        due("2026-10-12"), due("2026-10-12"), due("2026-10-09"), vn("2026-10-07T10:00")),
                new DossierEvent.Processed("C", "o", Types.Outcome.GRANTED, "KQ", vn("2026-10-12T10:00")));
        assertThat(f.recordTimeliness).isEqualTo(Timeliness.ON_TIME);
        assertThat(f.nationalTimeliness).isEqualTo(Timeliness.LATE);
        assertThat(f.dueReceptionDate).isEqualTo(LocalDate.of(2026, 10, 8));
        assertThat(f.waits).containsExactly(new DossierFact.Wait("SUPPLEMENT", vn("2026-10-06T10:00"), vn("2026-10-07T10:00")));
        assertThat(f.dueHistory).extracting(DossierFact.DueMark::nationalDate)
                .containsExactly(LocalDate.of(2026, 10, 8), LocalDate.of(2026, 10, 9));
    }

    @Test
    void aSecondSupplementRequestMakesItNationallyLateEvenWhenOnTimeByLaw() {
        DossierFact f = given(received(),
                new DossierEvent.SupplementRequested("C", "o", List.of("B"), 1, vn("2026-10-05T10:00")),
                new DossierEvent.SupplementSupplied(List.of("B"), vn("2026-10-05T11:00")),
                new DossierEvent.SupplementRequested("C", "o", List.of("D"), 2, vn("2026-10-06T10:00")),
                new DossierEvent.SupplementSupplied(List.of("D"), vn("2026-10-06T11:00")),
                new DossierEvent.Processed("C", "o", Types.Outcome.GRANTED, "KQ", vn("2026-10-07T10:00")));
        assertThat(f.recordTimeliness).isEqualTo(Timeliness.EARLY);
        assertThat(f.nationalTimeliness).isEqualTo(Timeliness.LATE);
        assertThat(f.secondSupplementAt).isEqualTo(vn("2026-10-06T10:00"));
    }

    @Test
    void anApologyKeepsTheDueOfRecordAndCountsOnlyWhenSentAWorkingDayAhead() {
        DossierFact inTime = given(received(),
                new DossierEvent.Apologized("C", "quá tải", due("2026-10-14"), vn("2026-10-07T10:00")),
                new DossierEvent.DueDateChanged(Types.DueChangeReason.APOLOGY, due("2026-10-08"), due("2026-10-14"),
                        due("2026-10-08"), due("2026-10-08"), vn("2026-10-07T10:00")),
                new DossierEvent.Processed("C", "o", Types.Outcome.GRANTED, "KQ", vn("2026-10-13T10:00")));
        assertThat(inTime.recordTimeliness).isEqualTo(Timeliness.LATE);
        assertThat(inTime.apologyTimely).isTrue();
        assertThat(inTime.rescheduledDueDate).isEqualTo(LocalDate.of(2026, 10, 14));
        assertThat(inTime.dueRecordDate).isEqualTo(LocalDate.of(2026, 10, 8));

        // sent on the due date itself: no working day left before it
        DossierFact tooLate = given(received(),
                new DossierEvent.Apologized("C", "quá tải", due("2026-10-14"), vn("2026-10-08T08:00")));
        assertThat(tooLate.apologyTimely).isFalse();
    }

    @Test
    void withdrawalIsNotACompletionAndRedeliveryIsTheCallersToSkip() {
        DossierFact f = given(received(), new DossierEvent.Withdrawn("rút", vn("2026-10-06T10:00")));
        assertThat(f.completedAt).isNull();
        assertThat(f.recordTimeliness).isNull();
        assertThat(f.withdrawnAt).isEqualTo(vn("2026-10-06T10:00"));
        assertThat(f.lastVersion).isEqualTo(2);
    }

    static DossierEvent.Received receivedWith(List<String> documents, List<String> digitised) {
        DossierEvent.Received r = received();
        return new DossierEvent.Received(r.dossierCode(), r.procedure(), r.receivingUnit(), r.competentUnit(),
                r.channel(), r.applicant(), documents, r.submittedAt(), r.at(), r.officer(), r.ruleSet(), r.due(),
                r.countingStartsAt(), r.transferDeadline(), null, digitised);
    }

    @Test
    void aDossierIsDigitisedWhenEveryComponentOfTheReceptionAndItsSupplementsWas() {
        List<String> docs = List.of("Tờ khai", "Ảnh");
        Instant asked = vn("2026-10-05T10:00");
        Instant supplied = vn("2026-10-05T11:00");

        assertThat(given(receivedWith(docs, docs)).digitisedAll).isTrue();
        assertThat(given(receivedWith(docs, List.of("Ảnh"))).digitisedAll).isFalse();
        assertThat(given(receivedWith(docs, null)).digitisedAll).as("not said").isNull();
        // a supplement on paper makes it not all digitised; one that does not say changes nothing
        assertThat(given(receivedWith(docs, docs), new DossierEvent.SupplementRequested("C", "o", List.of("Bản sao"), 1, asked),
                new DossierEvent.SupplementSupplied(List.of("Bản sao"), supplied, List.of())).digitisedAll).isFalse();
        assertThat(given(receivedWith(docs, docs), new DossierEvent.SupplementRequested("C", "o", List.of("Bản sao"), 1, asked),
                new DossierEvent.SupplementSupplied(List.of("Bản sao"), supplied)).digitisedAll).isTrue();
    }

    @Test
    void theFirstPaymentThatSaysItsChannelDecidesWhetherTheFeeWasPaidOnline() {
        Instant asked = vn("2026-10-05T10:00");
        DossierFact f = given(received(), new DossierEvent.PaymentRequested(20_000, "Lệ phí", asked),
                new DossierEvent.PaymentRecorded(20_000, "BL-1", vn("2026-10-05T10:30"),
                        Types.PaymentChannel.NATIONAL_PORTAL));
        assertThat(f.paidOnline).isTrue();
        assertThat(f.paymentChannel).isEqualTo("NATIONAL_PORTAL");
        assertThat(f.paidAt).isEqualTo(vn("2026-10-05T10:30"));

        DossierFact unsaid = given(received(), new DossierEvent.PaymentRequested(20_000, "Lệ phí", asked),
                new DossierEvent.PaymentRecorded(20_000, "BL-1", vn("2026-10-05T10:30")));
        assertThat(unsaid.paidAt).isNull();
        assertThat(unsaid.paidOnline).isNull();
    }

    @Test
    void thePortalsLatestAnswerDecidesWhetherTheDossierIsSynchronised() {
        DossierFact refused = given(received(), new DossierEvent.SyncedToNationalPortal(1, 2, vn("2026-10-05T09:01")),
                new DossierEvent.NationalPortalSyncRefused(1, "-1", "Mã thủ tục không tồn tại", vn("2026-10-05T09:02")));
        assertThat(refused.syncState).isEqualTo("REFUSED");
        assertThat(refused.syncErrorCode).isEqualTo("-1");
        assertThat(refused.syncErrorMessage).isEqualTo("Mã thủ tục không tồn tại");

        DossierFact resent = given(received(),
                new DossierEvent.NationalPortalSyncRefused(1, "-1", "Mã thủ tục không tồn tại", vn("2026-10-05T09:02")),
                new DossierEvent.SyncedToNationalPortal(1, 2, vn("2026-10-05T10:00")));
        assertThat(resent.syncState).isEqualTo("SYNCED");
        assertThat(resent.syncErrorCode).isNull();
        assertThat(resent.syncAt).isEqualTo(vn("2026-10-05T10:00"));
    }

    @Test
    void theResultSaysWhetherItWasIssuedElectronically() {
        DossierFact f = given(received(), new DossierEvent.Processed("C", "o", Types.Outcome.GRANTED, "KQ-1",
                vn("2026-10-06T09:00"), true));
        assertThat(f.resultElectronic).isTrue();
        assertThat(given(received(), new DossierEvent.Processed("C", "o", Types.Outcome.GRANTED, "KQ-1",
                vn("2026-10-06T09:00"))).resultElectronic).isNull();
    }

    /** The fact as read back by a later batch, then one more event: from when it changes what a period sums. */
    static Instant changedSinceAfter(DossierFact read, DossierEvent next) {
        read.figuresChangedSince = null; // a fact read from the tables has changed nothing yet
        read.apply(read.lastVersion + 1, next, WEEKENDS_ONLY, 1);
        return read.figuresChangedSince;
    }

    @Test
    void anEventChangesTheSummedFiguresFromItsOwnInstantOrFromItsReceptionsPeriodOrNotAtAll() {
        Instant received = vn("2026-10-05T09:00");
        Instant later = vn("2026-11-10T09:00"); // a month on: October is closed by then
        assertThat(given(received()).figuresChangedSince).as("a new dossier: from its reception").isEqualTo(received);

        // a hand-over, a consultation: no summed figure moves
        assertThat(changedSinceAfter(given(received()),
                new DossierEvent.Transferred("R", "C", "thẩm định", "o", null, later))).isNull();
        assertThat(changedSinceAfter(given(received()),
                new DossierEvent.Consulted("C", "K", "?", null, later))).isNull();
        // counted in the period of its own instant, and the ones after (in progress, overdue at their end)
        for (DossierEvent e : List.of(new DossierEvent.Processed("C", "o", Types.Outcome.GRANTED, "KQ-1", later),
                new DossierEvent.Withdrawn("rút", later), new DossierEvent.Overdue(due("2026-10-08"), later),
                new DossierEvent.Apologized("C", "chậm", due("2026-11-20"), later),
                new DossierEvent.SupplementRequested("C", "o", List.of("Bản sao"), 1, later),
                new DossierEvent.PaymentRequested(20_000, "Lệ phí", later),
                new DossierEvent.ApplicantNotified(Types.NoticeKind.RESULT_READY, Types.NoticeChannel.SMS, 2, true, 1,
                        later))) {
            assertThat(changedSinceAfter(given(received()), e)).as(e.getClass().getSimpleName()).isEqualTo(later);
        }
        DossierFact done = given(received(), new DossierEvent.Processed("C", "o", Types.Outcome.GRANTED, "KQ-1",
                vn("2026-10-07T10:00")));
        assertThat(changedSinceAfter(done, new DossierEvent.Returned(Types.ReturnChannel.COUNTER, later)))
                .isEqualTo(later);
        assertThat(changedSinceAfter(given(received()), new DossierEvent.Overdue(due("2026-10-08"), later)))
                .isEqualTo(later);
        DossierFact overdue = given(received(), new DossierEvent.Overdue(due("2026-10-08"), vn("2026-10-09T00:00")));
        assertThat(changedSinceAfter(overdue, new DossierEvent.Overdue(due("2026-10-08"), later)))
                .as("overdue already: the first time counts").isNull();

        // counted with the dossiers received in its period: the portal's answer, a supplement on paper
        assertThat(changedSinceAfter(given(received()), new DossierEvent.SyncedToNationalPortal(1, 2, later)))
                .isEqualTo(received);
        DossierFact synced = given(received(), new DossierEvent.SyncedToNationalPortal(1, 2, vn("2026-10-05T09:01")));
        assertThat(changedSinceAfter(synced, new DossierEvent.SyncedToNationalPortal(3, 4, later)))
                .as("synchronised again: the same state").isNull();
        List<String> docs = List.of("Tờ khai");
        DossierFact asked = given(receivedWith(docs, docs),
                new DossierEvent.SupplementRequested("C", "o", List.of("Bản sao"), 1, vn("2026-10-05T10:00")));
        assertThat(changedSinceAfter(asked, new DossierEvent.SupplementSupplied(List.of("Bản sao"), later, List.of())))
                .as("supplied on paper").isEqualTo(received);
        // a notice sent again leaves the period of its earlier receipt, which the fact does not hold
        assertThat(changedSinceAfter(given(received()), new DossierEvent.ApplicantNotified(Types.NoticeKind.RECEIPT,
                Types.NoticeChannel.SMS, 1, true, 2, later))).isEqualTo(received);
    }

    @Test
    void aCopyHoldsEveryFieldAndSharesNoListWithTheOriginal() throws Exception {
        // every field set to something a new fact does not hold, so a field the copy forgets shows
        DossierFact f = given(received(), new DossierEvent.Processed("C", "o", Types.Outcome.GRANTED, "KQ-1",
                vn("2026-10-06T09:00"), true));
        int n = 0;
        for (java.lang.reflect.Field field : DossierFact.class.getDeclaredFields()) {
            if (java.lang.reflect.Modifier.isStatic(field.getModifiers())
                    || java.lang.reflect.Modifier.isFinal(field.getModifiers())) {
                continue;
            }
            n++;
            Class<?> t = field.getType();
            Object value = t == String.class ? "s" + n : t == long.class || t == Long.class ? (long) n
                    : t == int.class || t == Integer.class ? n : t == boolean.class || t == Boolean.class ? Boolean.TRUE
                    : t == Instant.class ? Instant.ofEpochSecond(n) : t == LocalDate.class ? LocalDate.ofEpochDay(n)
                    : t == BigDecimal.class ? BigDecimal.valueOf(n) : t == Timeliness.class ? Timeliness.LATE
                    : t == UUID.class ? new UUID(n, n) : null;
            if (t == List.class) {
                continue; // filled by the fold above
            }
            assertThat(value).as("a value for %s", field.getName()).isNotNull();
            field.set(f, value);
        }
        f.newNotices.add(new DossierFact.Notice(2, "RECEIPT", "SMS", true, 1, vn("2026-10-05T09:01")));
        f.waits.add(new DossierFact.Wait("SUPPLEMENT", vn("2026-10-05T10:00"), null));
        DossierFact copy = f.copy();
        assertThat(copy).usingRecursiveComparison().isEqualTo(f);
        assertThat(copy.steps).isNotSameAs(f.steps).isNotEmpty();
        assertThat(copy.dueHistory).isNotSameAs(f.dueHistory).isNotEmpty();
        assertThat(copy.waits).isNotSameAs(f.waits).isNotEmpty();
        assertThat(copy.newNotices).isNotSameAs(f.newNotices).isNotEmpty();
        copy.apply(copy.lastVersion + 1, new DossierEvent.Returned(Types.ReturnChannel.COUNTER, vn("2026-10-07T09:00")),
                WEEKENDS_ONLY, 1);
        assertThat(f.returnedAt).as("the original stays as it was").isNotEqualTo(copy.returnedAt);
    }
}
