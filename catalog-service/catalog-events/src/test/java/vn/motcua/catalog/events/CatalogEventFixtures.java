package vn.motcua.catalog.events;

import vn.motcua.duedate.CalendarYear;
import vn.motcua.duedate.DayOff;
import vn.motcua.duedate.DayOffKind;
import vn.motcua.duedate.ExtraWorkingDay;
import vn.motcua.duedate.ProcessingTime;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * One realistic instance of every {@link CatalogEvent} subtype, built the way catalog-service builds them (random
 * UUID, an instant with microseconds as the production clock gives, whole entity state). Between them they use every
 * processing-time unit, nullable fields both set and null, and non-ASCII Vietnamese text.
 */
final class CatalogEventFixtures {
    /** The production clock has microsecond precision; the fixtures keep it so the date-time format is exercised. */
    static final Instant OCCURRED_AT = Instant.parse("2025-07-01T01:15:30.123456Z");

    private CatalogEventFixtures() {
    }

    static CatalogEvent.UnitRegistered unitRegistered() {
        return new CatalogEvent.UnitRegistered(UUID.fromString("3f1c9a52-8d4e-4b7a-9c61-2e5d7f80a1b3"), OCCURRED_AT,
                CatalogEvent.SCHEMA_VERSION,
                new UnitSnapshot("26734", "Phường Sài Gòn", UnitType.COMMUNE, "79", LocalDate.of(2025, 7, 1), null));
    }

    static CatalogEvent.UnitUpdated unitUpdated() {
        // A district closed by the two-level local government reform: validTo set, parent is the province.
        return new CatalogEvent.UnitUpdated(UUID.randomUUID(), OCCURRED_AT, CatalogEvent.SCHEMA_VERSION,
                new UnitSnapshot("760", "Quận 1", UnitType.DISTRICT, "79", LocalDate.of(2004, 1, 1),
                        LocalDate.of(2025, 6, 30)));
    }

    static CatalogEvent.UnitRegistered provinceRegistered() {
        // A province has no parent: parentCode is null on the wire.
        return new CatalogEvent.UnitRegistered(UUID.randomUUID(), OCCURRED_AT, CatalogEvent.SCHEMA_VERSION,
                new UnitSnapshot("79", "Thành phố Hồ Chí Minh", UnitType.PROVINCE, null, LocalDate.of(2025, 7, 1),
                        null));
    }

    static ProcedureSnapshot birthRegistration() {
        return new ProcedureSnapshot("1.001193", "Thủ tục đăng ký khai sinh", "HT", "Hộ tịch", ProcedureLevel.COMMUNE,
                List.of(UnitType.COMMUNE), null,
                List.of(new ProcedureVersionSnapshot(1, LocalDate.of(2016, 1, 1), null, ProcessingTime.immediate(),
                        0L, "Miễn lệ phí đăng ký khai sinh đúng hạn", OnlineLevel.FULLY_ONLINE, true, true,
                        List.of("Tờ khai đăng ký khai sinh", "Giấy chứng sinh"), "Luật Hộ tịch năm 2014",
                        "Quyết định 1872/QĐ-BTP")));
    }

    static ProcedureSnapshot buildingPermit() {
        return new ProcedureSnapshot("1.004227", "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ", "XD",
                "Hoạt động xây dựng", ProcedureLevel.COMMUNE, List.of(UnitType.COMMUNE, UnitType.DISTRICT), null,
                List.of(
                        new ProcedureVersionSnapshot(1, LocalDate.of(2021, 1, 1), LocalDate.of(2025, 6, 30),
                                ProcessingTime.workingDays(15), 75_000L, null, OnlineLevel.PARTLY_ONLINE, true, false,
                                List.of("Đơn đề nghị cấp giấy phép xây dựng", "Bản vẽ thiết kế xây dựng"),
                                "Luật Xây dựng năm 2014", "Quyết định 1111/QĐ-BXD"),
                        new ProcedureVersionSnapshot(2, LocalDate.of(2025, 7, 1), null,
                                ProcessingTime.workingDays(14), null, "Theo quy định của HĐND cấp tỉnh",
                                OnlineLevel.FULLY_ONLINE, true, true,
                                List.of("Đơn đề nghị cấp giấy phép xây dựng", "Bản vẽ thiết kế xây dựng"),
                                null, null)));
    }

    static ProcedureSnapshot landCertificateAtDistrict() {
        return new ProcedureSnapshot("2.000635", "Đăng ký, cấp Giấy chứng nhận quyền sử dụng đất lần đầu", "DD",
                null, ProcedureLevel.DISTRICT, List.of(UnitType.DISTRICT), LocalDate.of(2025, 7, 1),
                List.of(
                        new ProcedureVersionSnapshot(1, LocalDate.of(2020, 1, 1), LocalDate.of(2024, 7, 31),
                                ProcessingTime.calendarDays(30), 100_000L, null, OnlineLevel.NONE, false, false,
                                List.of(), null, null),
                        new ProcedureVersionSnapshot(2, LocalDate.of(2024, 8, 1), LocalDate.of(2025, 6, 30),
                                ProcessingTime.noDeadline(), null, null, OnlineLevel.PARTLY_ONLINE, true, false,
                                List.of("Đơn đăng ký đất đai"), "Luật Đất đai năm 2024", null)));
    }

    static CatalogEvent.ProcedurePublished procedurePublished() {
        return new CatalogEvent.ProcedurePublished(UUID.randomUUID(), OCCURRED_AT, CatalogEvent.SCHEMA_VERSION,
                birthRegistration());
    }

    static CatalogEvent.ProcedureAmended procedureAmended() {
        return new CatalogEvent.ProcedureAmended(UUID.randomUUID(), OCCURRED_AT, CatalogEvent.SCHEMA_VERSION, 2,
                buildingPermit());
    }

    static CatalogEvent.ProcedureAbolished procedureAbolished() {
        return new CatalogEvent.ProcedureAbolished(UUID.randomUUID(), OCCURRED_AT, CatalogEvent.SCHEMA_VERSION,
                "Quyết định 2304/QĐ-BNNMT", landCertificateAtDistrict());
    }

    static CatalogEvent.CommitmentSet commitmentSet() {
        return new CatalogEvent.CommitmentSet(UUID.randomUUID(), OCCURRED_AT, CatalogEvent.SCHEMA_VERSION,
                new CommitmentSnapshot("26734", "1.004227", List.of(
                        new CommitmentSnapshot.Period(ProcessingTime.workingDays(12), LocalDate.of(2024, 1, 1),
                                LocalDate.of(2025, 6, 30), null),
                        new CommitmentSnapshot.Period(ProcessingTime.workingDays(10), LocalDate.of(2025, 7, 1), null,
                                "Cam kết rút ngắn 1/3 thời gian giải quyết"))));
    }

    static CatalogEvent.CommitmentWithdrawn commitmentWithdrawn() {
        return new CatalogEvent.CommitmentWithdrawn(UUID.randomUUID(), OCCURRED_AT, CatalogEvent.SCHEMA_VERSION,
                new CommitmentSnapshot("26734", "1.001612", List.of(
                        new CommitmentSnapshot.Period(ProcessingTime.workingHours(4), LocalDate.of(2025, 7, 1),
                                LocalDate.of(2025, 8, 31), "Trả kết quả trong buổi"),
                        new CommitmentSnapshot.Period(ProcessingTime.workingMinutes(90), LocalDate.of(2025, 9, 1),
                                LocalDate.of(2025, 12, 31), null))));
    }

    static CalendarYear calendar2025() {
        return CalendarYear.of(2025,
                List.of(
                        new DayOff(LocalDate.of(2025, 1, 1), DayOffKind.PUBLIC_HOLIDAY, "Tết Dương lịch",
                                "New Year's Day"),
                        new DayOff(LocalDate.of(2025, 1, 27), DayOffKind.COMPENSATORY_DAY_OFF, "Nghỉ Tết Nguyên đán",
                                null),
                        new DayOff(LocalDate.of(2025, 1, 28), DayOffKind.PUBLIC_HOLIDAY, "Tết Nguyên đán",
                                "Lunar New Year"),
                        new DayOff(LocalDate.of(2025, 4, 7), DayOffKind.PUBLIC_HOLIDAY, "Giỗ Tổ Hùng Vương",
                                "Hung Kings Commemoration Day"),
                        new DayOff(LocalDate.of(2025, 5, 2), DayOffKind.SWAPPED_DAY_OFF, "Nghỉ hoán đổi", null),
                        new DayOff(LocalDate.of(2025, 9, 2), DayOffKind.PUBLIC_HOLIDAY, "Quốc khánh",
                                "National Day")),
                List.of(new ExtraWorkingDay(LocalDate.of(2025, 4, 26), "Làm bù cho ngày 02/5/2025",
                        "Make-up working day for 2 May 2025")));
    }

    static CatalogEvent.CalendarYearPublished calendarYearPublished() {
        return new CatalogEvent.CalendarYearPublished(UUID.randomUUID(), OCCURRED_AT, CatalogEvent.SCHEMA_VERSION, 2,
                calendar2025());
    }

    /** Exactly one instance per subtype, in declaration order. */
    static List<CatalogEvent> oneOfEach() {
        return List.of(unitRegistered(), unitUpdated(), procedurePublished(), procedureAmended(),
                procedureAbolished(), commitmentSet(), commitmentWithdrawn(), calendarYearPublished());
    }

    /** {@link #oneOfEach()} plus variants with other nullable fields set or null. */
    static List<CatalogEvent> allVariants() {
        return List.of(unitRegistered(), provinceRegistered(), unitUpdated(), procedurePublished(),
                procedureAmended(), procedureAbolished(),
                new CatalogEvent.ProcedureAbolished(UUID.randomUUID(), OCCURRED_AT, CatalogEvent.SCHEMA_VERSION,
                        null, landCertificateAtDistrict()),
                commitmentSet(), commitmentWithdrawn(), calendarYearPublished(),
                new CatalogEvent.CalendarYearPublished(UUID.randomUUID(), Instant.parse("2024-11-20T03:00:00Z"),
                        CatalogEvent.SCHEMA_VERSION, 1, CalendarYear.standard(2026)));
    }
}
