package vn.motcua.dossier.domain;

import vn.motcua.dossier.domain.DossierCommand.Apologize;
import vn.motcua.dossier.domain.DossierCommand.MarkOverdue;
import vn.motcua.dossier.domain.DossierCommand.Receive;
import vn.motcua.dossier.domain.DossierCommand.RecordResult;
import vn.motcua.dossier.domain.DossierCommand.RequestSupplement;
import vn.motcua.dossier.domain.DossierCommand.Transfer;
import vn.motcua.dossier.domain.DossierEvent.Processed;
import vn.motcua.dossier.domain.DossierEvent.Received;
import vn.motcua.dossier.domain.DossierEvent.Transferred;
import vn.motcua.dossier.domain.Types.Applicant;
import vn.motcua.dossier.domain.Types.Channel;
import vn.motcua.dossier.domain.Types.Due;
import vn.motcua.dossier.domain.Types.Outcome;
import vn.motcua.dossier.domain.Types.ProcedureTerms;
import vn.motcua.duedate.ProcessingTime;
import vn.motcua.duedate.WorkingCalendar;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.List;

/** Units, people, procedures and instants (all in Vietnam time) shared by the dossier tests. */
final class Fixtures {
    static final Dossier.Context CONTEXT = new Dossier.Context(TestCalendar.VIETNAM_2025, RuleSet.defaults());

    static final String CODE = "H40.22-250303-0001";
    static final String DESK = "H40.22-MC";            // one-stop desk of the provincial police
    static final String POLICE = "H40.22-PC06";        // competent unit: administrative police division
    static final String LEADERSHIP = "H40.22";         // the provincial police's leaders sign the result
    static final String RECEPTION_OFFICER = "can.bo.mot.cua";
    static final String APPRAISER = "can.bo.tham.dinh";
    static final String LEADER = "lanh.dao.phe.duyet";

    static final Applicant APPLICANT = new Applicant("Nguyễn Văn An", "040095001234", "0912345678",
            "an.nguyen@example.vn");
    static final List<String> DOCS = List.of("Tờ khai thay đổi thông tin cư trú (CT01)", "Giấy tờ chứng minh chỗ ở");
    static final List<String> MISSING = List.of("Bản sao hợp đồng thuê nhà có công chứng");

    static final ProcedureTerms TWO_DAYS = procedure("1.004200", ProcessingTime.workingDays(2), null, "FULLY_ONLINE",
            true);
    static final ProcedureTerms THREE_DAYS = procedure("1.004194", ProcessingTime.workingDays(3), null,
            "FULLY_ONLINE", true);
    static final ProcedureTerms FIVE_DAYS = procedure("1.004222", ProcessingTime.workingDays(5), null,
            "PARTLY_ONLINE", true);
    /** Legal time 5 working days, the unit commits to 3. */
    static final ProcedureTerms COMMITTED_THREE_OF_FIVE = procedure("1.001612", ProcessingTime.workingDays(5),
            ProcessingTime.workingDays(3), "PARTLY_ONLINE", true);
    /** One of the procedures cut from 1 working day to 180 minutes. */
    static final ProcedureTerms MINUTES_180 = procedure("1.010052", ProcessingTime.workingDays(1),
            ProcessingTime.workingMinutes(180), "FULLY_ONLINE", true);
    static final ProcedureTerms NO_DEADLINE = procedure("2.000100", ProcessingTime.noDeadline(), null,
            "PARTLY_ONLINE", true);
    /** No online service, no postal reception: counter only. */
    static final ProcedureTerms COUNTER_ONLY = procedure("1.003001", ProcessingTime.workingDays(3), null, "NONE",
            false);

    private Fixtures() {
    }

    static ProcedureTerms procedure(String code, ProcessingTime legal, ProcessingTime committed, String onlineLevel,
                                    boolean postal) {
        return new ProcedureTerms(code, 1, "Thủ tục " + code, legal, committed, onlineLevel, postal);
    }

    // ------------------------------------------------------------------ time (Vietnam, UTC+7)

    static Instant vn(int year, int month, int day, int hour, int minute) {
        return ZonedDateTime.of(year, month, day, hour, minute, 0, 0, WorkingCalendar.VIETNAM).toInstant();
    }

    static Instant vn(String localDateTime) {
        return java.time.LocalDateTime.parse(localDateTime).atZone(WorkingCalendar.VIETNAM).toInstant();
    }

    static Due due(int year, int month, int day, int hour, int minute) {
        return new Due(vn(year, month, day, hour, minute), LocalDate.of(year, month, day));
    }

    static Due closeOfOffice(int year, int month, int day) {
        return due(year, month, day, 17, 0);
    }

    // ------------------------------------------------------------------ commands

    static Receive receive(ProcedureTerms procedure, Channel channel, Instant at) {
        return new Receive(CODE, procedure, DESK, POLICE, channel, APPLICANT, DOCS, at, at, RECEPTION_OFFICER, null);
    }

    static Transfer transfer(String toUnit, String stepName, String officer, Instant stepDeadline, Instant at) {
        return new Transfer(toUnit, stepName, officer, stepDeadline, at);
    }

    static RequestSupplement requestSupplement(Instant at) {
        return new RequestSupplement(null, APPRAISER, MISSING, at);
    }

    static RecordResult recordResult(Instant at) {
        return new RecordResult(null, LEADER, Outcome.GRANTED, "QD-123/CAT-PC06", at);
    }

    static Apologize apologize(LocalDate newDueDate, Instant at) {
        return new Apologize(POLICE, "Cần xác minh thêm thông tin tại Công an xã", newDueDate, at);
    }

    static MarkOverdue markOverdue(Instant at) {
        return new MarkOverdue(at);
    }

    // ------------------------------------------------------------------ events

    /** Received at the counter inside office hours before 1 July 2025: counting starts at once, Decree 61. */
    static Received receivedAtCounter(ProcedureTerms procedure, Instant at, Due due, Instant transferDeadline) {
        return received(procedure, Channel.COUNTER, at, at, "ND61-2018", due, transferDeadline);
    }

    static Received received(ProcedureTerms procedure, Channel channel, Instant at, Instant countingStartsAt,
                             String ruleSet, Due due, Instant transferDeadline) {
        return new Received(CODE, procedure, DESK, POLICE, channel, APPLICANT, DOCS, at, at, RECEPTION_OFFICER, ruleSet,
                due, countingStartsAt, transferDeadline, null);
    }

    static Transferred toAppraisal(Instant stepDeadline, Instant at) {
        return new Transferred(DESK, POLICE, "appraisal", APPRAISER, stepDeadline, at);
    }

    static Processed processed(String unit, Instant at) {
        return new Processed(unit, LEADER, Outcome.GRANTED, "QD-123/CAT-PC06", at);
    }
}
