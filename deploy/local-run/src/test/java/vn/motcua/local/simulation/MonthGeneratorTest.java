package vn.motcua.local.simulation;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import vn.motcua.duedate.CalendarYear;
import vn.motcua.duedate.DayOff;
import vn.motcua.duedate.DayOffKind;
import vn.motcua.duedate.ProcessingTime;
import vn.motcua.duedate.WorkingCalendar;
import vn.motcua.local.simulation.CatalogSnapshot.Commitment;
import vn.motcua.local.simulation.CatalogSnapshot.CriteriaSet;
import vn.motcua.local.simulation.CatalogSnapshot.Procedure;
import vn.motcua.local.simulation.CatalogSnapshot.Unit;
import vn.motcua.local.simulation.CatalogSnapshot.Version;
import vn.motcua.local.simulation.MonthGenerator.PlannedDossier;
import vn.motcua.local.simulation.MonthGenerator.PlannedRating;
import vn.motcua.local.simulation.MonthGenerator.Step;
import vn.motcua.local.simulation.MonthGenerator.Story;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MonthGeneratorTest {
    /** Friday 20 November 2026, 09:40 in Vietnam: the month runs from 21 October. */
    static final Instant NOW = ZonedDateTime.of(2026, 11, 20, 9, 40, 0, 0, WorkingCalendar.VIETNAM).toInstant();
    /** A day off inside the month, as the catalog's calendar data may have one. */
    static final LocalDate DAY_OFF = LocalDate.of(2026, 11, 2);
    static final ObjectMapper JSON = new ObjectMapper();

    static final CatalogSnapshot CATALOG = catalog();
    static final List<PlannedDossier> PLAN = new MonthGenerator(CATALOG, 7, NOW).generate(3000);

    @Test
    void theSameSeedGivesTheSamePlanAndAnotherSeedAnother() {
        List<PlannedDossier> again = new MonthGenerator(CATALOG, 7, NOW).generate(3000);
        assertThat(json(again)).isEqualTo(json(PLAN));
        assertThat(again).extracting(PlannedDossier::ratings).isEqualTo(PLAN.stream().map(PlannedDossier::ratings).toList());
        List<PlannedDossier> other = new MonthGenerator(CATALOG, 8, NOW).generate(3000);
        assertThat(json(other)).isNotEqualTo(json(PLAN));
        // source ids and codes are unique, so the import knows each dossier again on a re-run
        assertThat(PLAN.stream().map(PlannedDossier::sourceId).distinct()).hasSize(3000);
        assertThat(PLAN.stream().map(PlannedDossier::code).distinct()).hasSize(3000);
        assertThat(PLAN).allSatisfy(d -> assertThat(d.code()).matches(
                "\\Q" + d.receivingUnit() + "\\E-\\d{6}-(5\\d{3}|[6-9]\\d{3})"));
    }

    @Test
    void channelsMixAsAtTheDesksAndOnlyWhereTheProcedureAllowsThem() {
        Map<String, Long> channels = PLAN.stream().collect(Collectors.groupingBy(PlannedDossier::channel,
                Collectors.counting()));
        assertThat(channels.get("ONLINE")).isBetween(900L, 1800L);
        assertThat(channels.get("COUNTER")).isBetween(900L, 1800L);
        assertThat(channels.get("POSTAL")).isBetween(60L, 450L);
        for (PlannedDossier d : PLAN) {
            Version v = procedure(d.procedureCode()).versionOn(d.receivedAt().atZone(WorkingCalendar.VIETNAM)
                    .toLocalDate()).orElseThrow();
            if (d.channel().equals("ONLINE")) {
                assertThat(v.online()).as(d.code()).isTrue();
                assertThat(d.submittedAt()).isBeforeOrEqualTo(d.receivedAt());
            }
            if (d.channel().equals("POSTAL")) {
                assertThat(v.postalReception()).as(d.code()).isTrue();
            }
            Unit unit = CATALOG.unit(d.competentUnit()).orElseThrow();
            assertThat(procedure(d.procedureCode()).competentUnitTypes()).contains(unit.type());
            assertThat(unit.activeOn(NOW.atZone(WorkingCalendar.VIETNAM).toLocalDate())).isTrue();
        }
    }

    @Test
    void everyKindOfStoryIsThere() {
        Set<Story> stories = PLAN.stream().map(PlannedDossier::story).collect(Collectors.toSet());
        assertThat(stories).containsExactlyInAnyOrder(Story.values());
        Set<String> commands = PLAN.stream().flatMap(d -> d.history().stream()).map(Step::type)
                .collect(Collectors.toSet());
        assertThat(commands).containsExactlyInAnyOrder("transfers", "supplement-requests", "supplements",
                "payment-requests", "payments", "result", "refusal", "apology", "return", "stop", "withdrawal");
        // hand-overs to another unit and to a second step
        assertThat(PLAN).anySatisfy(d -> assertThat(d.history().stream().filter(s -> s.type().equals("transfers")))
                .hasSizeGreaterThan(1));
        assertThat(PLAN).anySatisfy(d -> assertThat(d.history()).anySatisfy(s -> {
            assertThat(s.type()).isEqualTo("transfers");
            assertThat(s.body().path("toUnit").asText()).isNotEqualTo(d.competentUnit());
        }));
        // still open now: in progress, waiting for the applicant, late with no result yet
        Predicate<PlannedDossier> open = d -> !d.has("result") && !d.has("refusal") && !d.has("withdrawal")
                && !d.has("stop");
        assertThat(PLAN.stream().filter(open).count()).isGreaterThan(60);
        assertThat(PLAN.stream().filter(open.and(d -> d.story() == Story.LATE || d.story() == Story.STALLED))
                .count()).isGreaterThan(10);
        assertThat(PLAN.stream().filter(d -> d.has("result") && !d.has("return")).count()).isGreaterThan(10);
        // late ones with and without an apology
        assertThat(PLAN.stream().filter(d -> d.story() == Story.LATE && d.has("result")).count()).isGreaterThan(50);
        assertThat(PLAN.stream().filter(d -> d.story() == Story.LATE_APOLOGIZED && d.has("apology")
                && d.has("result")).count()).isGreaterThan(20);
        assertThat(PLAN).allSatisfy(d -> d.history().stream().filter(s -> s.type().equals("apology")).forEach(s ->
                assertThat(CATALOG.calendar().isWorkingDay(LocalDate.parse(s.body().path("newDueDate").asText())))
                        .isTrue()));

        List<PlannedRating> ratings = PLAN.stream().flatMap(d -> d.ratings().stream()).toList();
        assertThat(ratings.stream().map(PlannedRating::channel).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder("PAPER", "QR", "KIOSK", "ONLINE");
        assertThat(ratings).anySatisfy(r -> assertThat(r.overall()).isNull());          // no overall mark
        assertThat(ratings).anySatisfy(r -> assertThat(r.multipleMarked()).isNotNull()); // several marks
        assertThat(ratings).anySatisfy(r -> assertThat(r.invalidReason()).isEqualTo("UNREADABLE"));
        assertThat(ratings).anySatisfy(r -> assertThat(r.complaint()).isTrue());
        assertThat(ratings).allSatisfy(r -> assertThat(r.invalidBallot() && !r.channel().equals("PAPER")).isFalse());
        assertThat(PLAN).anySatisfy(d -> assertThat(d.ratings()).hasSize(2));          // a duplicate ballot
        // only returned dossiers are rated, online ratings only for online dossiers, answers of the unit's set
        for (PlannedDossier d : PLAN) {
            if (!d.ratings().isEmpty()) {
                assertThat(d.returnedAt()).isNotNull();
            }
            for (PlannedRating r : d.ratings()) {
                if (r.channel().equals("ONLINE")) {
                    assertThat(d.channel()).isEqualTo("ONLINE");
                }
                String type = CATALOG.unit(d.competentUnit()).orElseThrow().type();
                assertThat(CATALOG.criteriaFor(type, LocalDate.of(2026, 11, 20))).containsAll(r.answers().keySet());
            }
        }
        long complaints = ratings.stream().filter(PlannedRating::complaint).count();
        assertThat(complaints).isBetween(3L, 60L);
    }

    @Test
    void everyInstantIsInOfficeHoursOfAWorkingDayInsideTheMonthAndNeverInTheFuture() {
        WorkingCalendar calendar = CATALOG.calendar();
        Instant monthStart = NOW.minus(Duration.ofDays(30));
        Instant cut = NOW.minus(MonthGenerator.MARGIN);
        for (PlannedDossier d : PLAN) {
            assertThat(d.receivedAt()).as(d.code()).isBetween(monthStart, cut);
            assertThat(MonthGenerator.inOfficeHours(calendar, d.receivedAt())).as(d.code() + " received").isTrue();
            assertThat(d.receivedAt().atZone(WorkingCalendar.VIETNAM).toLocalDate()).isNotEqualTo(DAY_OFF);
            Instant previous = d.receivedAt();
            for (Step s : d.history()) {
                assertThat(s.at()).as(d.code() + " " + s.type()).isAfter(previous).isBeforeOrEqualTo(cut);
                assertThat(MonthGenerator.inOfficeHours(calendar, s.at())).as(d.code() + " " + s.type() + " " + s.at())
                        .isTrue();
                previous = s.at();
            }
            for (PlannedRating r : d.ratings()) {
                if (r.channel().equals("PAPER")) {
                    assertThat(r.collectedAt()).isBetween(d.returnedAt(), cut);
                    assertThat(MonthGenerator.inOfficeHours(calendar, r.collectedAt())).isTrue();
                    assertThat(r.ballotNumber()).matches("[A-Za-z0-9./-]{1,40}");
                }
            }
        }
        // the whole month is covered, not only its last days
        Set<LocalDate> days = PLAN.stream().map(d -> d.receivedAt().atZone(WorkingCalendar.VIETNAM).toLocalDate())
                .collect(Collectors.toSet());
        assertThat(days).contains(LocalDate.of(2026, 10, 21), LocalDate.of(2026, 11, 20));
        assertThat(days).hasSizeGreaterThanOrEqualTo(20);
    }

    @Test
    void theImportDocumentCarriesTheReceptionAndTheHistory() {
        PlannedDossier d = PLAN.stream().filter(x -> x.has("return")).findFirst().orElseThrow();
        var doc = d.toImport(JSON);
        assertThat(doc.path("sourceId").asText()).isEqualTo(d.sourceId());
        assertThat(doc.path("reception").path("receivedAt").asText()).isEqualTo(d.receivedAt().toString());
        assertThat(doc.path("reception").path("applicant").path("personalId").asText())
                .matches("(0(0[1-9]|[1-8][0-9]|9[0-6]))[0-9]{9}");
        assertThat(doc.path("history")).hasSize(d.history().size());
        assertThat(doc.path("history").get(0).path("type").asText()).isEqualTo("transfers");
    }

    @Test
    void mostFeesArePaidOnlineMostComponentsDigitisedAndMostResultsElectronicSoTheDashboardHasFigures() {
        List<String> channels = PLAN.stream().flatMap(d -> d.history().stream()).filter(s -> s.type().equals("payments"))
                .map(s -> s.body().path("channel").asText()).toList();
        assertThat(channels).hasSizeGreaterThan(50).containsOnly("NATIONAL_PORTAL", "PROVINCE_GATEWAY", "DESK");
        long online = channels.stream().filter(c -> !c.equals("DESK")).count();
        assertThat(online).isGreaterThan(channels.size() / 2).isLessThan(channels.size());

        List<Boolean> allDigitised = PLAN.stream().map(d -> d.toImport(JSON).path("reception"))
                .map(r -> r.path("digitisedDocuments").size() == r.path("documents").size()).toList();
        assertThat(allDigitised.stream().filter(b -> b).count()).isGreaterThan(allDigitised.size() / 2)
                .isLessThan(allDigitised.size());

        List<Boolean> electronic = PLAN.stream().flatMap(d -> d.history().stream()).filter(s -> s.type().equals("result"))
                .map(s -> s.body().path("issuedElectronically").asBoolean()).toList();
        assertThat(electronic.stream().filter(b -> b).count()).isGreaterThan(electronic.size() / 2)
                .isLessThan(electronic.size());
    }

    @Test
    void optionsOfTheRunCommand() {
        assertThat(Simulator.Options.parse(new String[0])).isNull();
        assertThat(Simulator.Options.parse(new String[]{"--simulate"}))
                .isEqualTo(new Simulator.Options(Simulator.DEFAULT_DOSSIERS, Simulator.DEFAULT_SEED));
        assertThat(Simulator.Options.parse(new String[]{"--simulate=500", "--simulate-seed=9"}))
                .isEqualTo(new Simulator.Options(500, 9));
        assertThatThrownBy(() -> Simulator.Options.parse(new String[]{"--simulate=lots"}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Simulator.Options.parse(new String[]{"--simulat"}))
                .isInstanceOf(IllegalArgumentException.class);
    }

    // ------------------------------------------------------------------ a small province

    private static List<String> json(List<PlannedDossier> plan) {
        return plan.stream().map(d -> d.toImport(JSON).toString()).toList();
    }

    private static Procedure procedure(String code) {
        return CATALOG.procedures().stream().filter(p -> p.code().equals(code)).findFirst().orElseThrow();
    }

    private static CatalogSnapshot catalog() {
        LocalDate old = LocalDate.of(2020, 1, 1);
        List<Unit> units = List.of(
                new Unit("000.00.00.H40", "Ủy ban nhân dân tỉnh", "PROVINCE", null, old, null),
                new Unit("000.00.01.H40", "Sở Tư pháp", "PROVINCE_DEPARTMENT", "000.00.00.H40", old, null),
                new Unit("000.00.20.H40", "Công an tỉnh", "PROVINCIAL_POLICE", "000.00.00.H40", old, null),
                new Unit("000.01.20.H40", "Phòng PC06", "POLICE_DIVISION", "000.00.20.H40", old, null),
                new Unit("000.01.90.H40", "Ủy ban nhân dân phường Thành Vinh", "COMMUNE", "000.00.00.H40",
                        LocalDate.of(2025, 7, 1), null),
                new Unit("000.00.21.H40", "Ủy ban nhân dân thành phố Vinh", "DISTRICT", "000.00.00.H40", old,
                        LocalDate.of(2025, 6, 30)));
        List<Procedure> procedures = List.of(
                procedure("2.000200", Set.of("PROVINCIAL_POLICE", "POLICE_DIVISION"), ProcessingTime.workingDays(7),
                        "PARTLY_ONLINE", false),
                procedure("1.001456", Set.of("PROVINCIAL_POLICE", "POLICE_DIVISION"), ProcessingTime.workingDays(8),
                        "FULLY_ONLINE", false),
                procedure("NA-DKX-001", Set.of("PROVINCIAL_POLICE"), ProcessingTime.workingHours(8), "FULLY_ONLINE",
                        false),
                procedure("NA-CC-001", Set.of("PROVINCIAL_POLICE"), ProcessingTime.workingDays(7), "NONE", false),
                procedure("1.001193", Set.of("COMMUNE"), ProcessingTime.immediate(), "FULLY_ONLINE", true),
                procedure("1.004873", Set.of("COMMUNE"), ProcessingTime.workingDays(3), "FULLY_ONLINE", true),
                procedure("NA-XD-001", Set.of("COMMUNE", "DISTRICT"), ProcessingTime.calendarDays(15), "PARTLY_ONLINE",
                        true),
                procedure("2.001159", Set.of("COMMUNE"), ProcessingTime.noDeadline(), "FULLY_ONLINE", false),
                procedure("2.001610", Set.of("PROVINCE_DEPARTMENT"), ProcessingTime.workingDays(3), "FULLY_ONLINE",
                        true),
                procedure("1.014199", Set.of("PROVINCE", "PROVINCE_DEPARTMENT"), ProcessingTime.workingDays(10),
                        "PARTLY_ONLINE", true));
        Map<String, List<Commitment>> commitments = Map.of("000.00.20.H40/2.000200",
                List.of(new Commitment(ProcessingTime.workingDays(3), LocalDate.of(2025, 1, 1), null)));
        WorkingCalendar calendar = WorkingCalendar.of(List.of(
                CalendarYear.of(2026, List.of(new DayOff(DAY_OFF, DayOffKind.PUBLIC_HOLIDAY, "Ngày nghỉ", "Day off")),
                        List.of()),
                CalendarYear.standard(2027)));
        List<CriteriaSet> criteria = List.of(
                new CriteriaSet("POLICE", 1, Set.of("PROVINCIAL_POLICE", "POLICE_DIVISION"), LocalDate.of(2025, 9, 1),
                        List.of("publication", "access", "reception", "processing-time", "result")),
                new CriteriaSet("SIPAS", 1, new HashSet<>(Arrays.asList("COMMUNE", "PROVINCE", "PROVINCE_DEPARTMENT")),
                        LocalDate.of(2017, 1, 1), List.of("access", "procedure", "civil-servant", "result")));
        return new CatalogSnapshot(units, procedures, commitments, calendar, criteria);
    }

    private static Procedure procedure(String code, Set<String> types, ProcessingTime time, String online,
                                       boolean postal) {
        return new Procedure(code, "Thủ tục " + code, types, null,
                List.of(new Version(LocalDate.of(2024, 1, 1), null, time, online, postal, postal)));
    }
}
