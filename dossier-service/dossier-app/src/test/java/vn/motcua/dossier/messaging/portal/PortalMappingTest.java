package vn.motcua.dossier.messaging.portal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import vn.motcua.contract.JsonSchemaDocument;
import vn.motcua.dossier.domain.Dossier;
import vn.motcua.dossier.domain.DossierEvent;
import vn.motcua.dossier.domain.DossierState;
import vn.motcua.dossier.domain.Types;
import vn.motcua.duedate.ProcessingTime;
import vn.motcua.testinfra.NationalPortalStandIn;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mapping to the portal's format, on a dossier's events: Vietnam-time dates, the domain's status codes, the
 * supplements with the due before and after, one progress entry per step with its deadline, nothing the format does
 * not ask; and every body valid against the schema the portal stand-in checks.
 */
class PortalMappingTest {
    private static final JsonSchemaDocument FORMAT = JsonSchemaDocument.fromClassPath(NationalPortalStandIn.SCHEMA,
            NationalPortalStandIn.class.getClassLoader());
    private static final Types.ProcedureTerms ID_CARD = new Types.ProcedureTerms("2.000200", 1,
            "Cấp thẻ căn cước cho công dân từ đủ 14 tuổi trở lên", ProcessingTime.workingDays(7), null,
            "PARTLY_ONLINE", false);
    private static final Types.Applicant APPLICANT = new Types.Applicant("Trần Thị Hương", "040196012345",
            "0983123456", "huong.tran@example.vn");
    private static final String DESK = "000.00.20.H40";
    private static final String PC06 = "000.20.06.H40";
    private static final PortalMapping.Field FIELD = new PortalMapping.Field("G09-CA03", "Cấp, quản lý căn cước");

    private static Types.Due due(String at) {
        Instant i = Instant.parse(at);
        return new Types.Due(i, i.atZone(java.time.ZoneId.of("Asia/Ho_Chi_Minh")).toLocalDate());
    }

    /** Received Monday 08:15 Vietnam time, handed to PC06, a supplement (due restarted), processed, returned. */
    private static List<DossierEvent> life() {
        List<DossierEvent> events = new ArrayList<>();
        events.add(new DossierEvent.Received("000.00.20.H40-260302-0001", ID_CARD, DESK, PC06, Types.Channel.ONLINE,
                APPLICANT, List.of("Tờ khai"), Instant.parse("2026-03-01T16:20:00Z"),
                Instant.parse("2026-03-02T01:15:00Z"), "tiep.nhan", "ND118-2025", due("2026-03-11T10:00:00Z"),
                Instant.parse("2026-03-02T01:15:00Z"), Instant.parse("2026-03-02T10:00:00Z"), null));
        events.add(new DossierEvent.Transferred(DESK, PC06, "Thẩm định", "tiep.nhan",
                Instant.parse("2026-03-09T10:00:00Z"), Instant.parse("2026-03-02T02:00:00Z")));
        events.add(new DossierEvent.SupplementRequested(PC06, "tham.dinh", List.of("Ảnh chân dung", "Giấy xác nhận cư trú"),
                1, Instant.parse("2026-03-03T03:00:00Z"), LocalDate.parse("2026-03-06")));
        events.add(new DossierEvent.SupplementSupplied(List.of("Ảnh chân dung"), Instant.parse("2026-03-05T02:00:00Z")));
        events.add(new DossierEvent.DueDateChanged(Types.DueChangeReason.SUPPLEMENT_RESTART,
                due("2026-03-11T10:00:00Z"), due("2026-03-16T10:00:00Z"), due("2026-03-16T10:00:00Z"),
                due("2026-03-13T10:00:00Z"), Instant.parse("2026-03-05T02:00:00Z")));
        events.add(new DossierEvent.Processed(PC06, "tham.dinh", Types.Outcome.GRANTED, "CCCD-1",
                Instant.parse("2026-03-12T08:00:00Z")));
        events.add(new DossierEvent.Returned(Types.ReturnChannel.COUNTER, Instant.parse("2026-03-13T02:30:00Z")));
        return events;
    }

    @Test
    void theDossierCallCarriesTheFieldsTheFormatAsksInVietnamTime() {
        List<DossierEvent> events = life();
        DossierState state = Dossier.replay(events);
        JsonNode d = PortalMapping.dossierCall(state, events, FIELD, true).get("data").get(0);

        assertThat(d.get("MaHoSo").asText()).isEqualTo("000.00.20.H40-260302-0001");
        assertThat(d.get("MaLinhVuc").asText()).isEqualTo("G09-CA03");
        assertThat(d.get("KenhThucHien").asInt()).isEqualTo(2);
        assertThat(d.get("LoaiDoiTuong").asInt()).isEqualTo(1);
        // 01:15Z is 08:15 in Vietnam (UTC+7); submitted online the evening before
        assertThat(d.get("NgayTiepNhan").asText()).isEqualTo("20260302081500");
        assertThat(d.get("NgayNopHoSo").asText()).isEqualTo("20260301232000");
        assertThat(d.get("NgayHenTra").asText()).isEqualTo("20260316170000");
        assertThat(d.get("TrangThaiHoSo").asInt()).isEqualTo(state.status().portalCode()).isEqualTo(10);
        assertThat(d.get("NgayKetThucXuLy").asText()).isEqualTo("20260312150000");
        assertThat(d.get("NgayTra").asText()).isEqualTo("20260313093000");
        assertThat(d.has("NgayTuChoi")).isFalse();
        JsonNode supplement = d.get("DanhSachHoSoBoSung").get(0);
        assertThat(supplement.get("NgayYeuCauBoSung").asText()).isEqualTo("20260303100000");
        assertThat(supplement.get("NoiDungYeuCauBoSung").asText()).isEqualTo("Ảnh chân dung; Giấy xác nhận cư trú");
        assertThat(supplement.get("HanBoSung").asText()).isEqualTo("20260306235959");
        assertThat(supplement.get("NgayBoSung").asText()).isEqualTo("20260305090000");
        assertThat(supplement.get("NgayHenTraTruoc").asText()).isEqualTo("20260311170000");
        assertThat(supplement.get("NgayHenTraMoi").asText()).isEqualTo("20260316170000");
    }

    @Test
    void everyVersionOfTheLifeIsAValidBodyAndItsStatusIsTheDomains() {
        List<DossierEvent> events = life();
        for (int v = 1; v <= events.size(); v++) {
            List<DossierEvent> upTo = events.subList(0, v);
            DossierState state = Dossier.replay(upTo);
            ObjectNode call = PortalMapping.dossierCall(state, upTo, FIELD, v > 1);
            assertThat(FORMAT.validate(call.toString())).as("version %d: %s", v, call).isEmpty();
            assertThat(call.get("data").get(0).get("TrangThaiHoSo").asInt()).isEqualTo(state.status().portalCode());
            ObjectNode progress = PortalMapping.progressCall(state, v > 1).orElseThrow();
            assertThat(FORMAT.validate(progress.toString())).as("version %d: %s", v, progress).isEmpty();
        }
    }

    @Test
    void progressHasOneEntryPerStepWithItsDeadline() {
        List<DossierEvent> events = life().subList(0, 2);
        JsonNode data = PortalMapping.progressCall(Dossier.replay(events), true).orElseThrow().get("data");

        assertThat(data).hasSize(2);
        assertThat(data.get(0).get("PhongBanXuLy").asText()).isEqualTo(DESK);
        assertThat(data.get(0).get("TrangThai").asInt()).isEqualTo(2);
        assertThat(data.get(0).get("ThoiDiemXuLy").asText()).isEqualTo("20260302090000");
        assertThat(data.get(0).get("NgayKetThucTheoQuyDinh").asText()).isEqualTo("20260302170000");
        assertThat(data.get(1).get("PhongBanXuLy").asText()).isEqualTo(PC06);
        assertThat(data.get(1).get("NoiDungXuLy").asText()).isEqualTo("Thẩm định");
        assertThat(data.get(1).get("TrangThai").asInt()).isEqualTo(1);
        assertThat(data.get(1).get("NgayKetThucTheoQuyDinh").asText()).isEqualTo("20260309170000");
        assertThat(data.get(1).has("ChucDanh")).as("motcua keeps no titles: left out, not made up").isFalse();
    }

    @Test
    void aDossierRefusedAtReceptionIsStatusThreeWithItsDateAndNoProgress() {
        List<DossierEvent> events = List.of(new DossierEvent.RefusedAtReception("000.00.20.H40-260302-0002", ID_CARD,
                DESK, DESK, Types.Channel.COUNTER, APPLICANT, null, Instant.parse("2026-03-02T03:00:00Z"), "tiep.nhan",
                "Hồ sơ không thuộc thẩm quyền"));
        DossierState state = Dossier.replay(events);
        ObjectNode call = PortalMapping.dossierCall(state, events, PortalMapping.Field.UNKNOWN, false);

        assertThat(FORMAT.validate(call.toString())).isEmpty();
        JsonNode d = call.get("data").get(0);
        assertThat(d.get("TrangThaiHoSo").asInt()).isEqualTo(3);
        assertThat(d.get("NgayTuChoi").asText()).isEqualTo("20260302100000");
        assertThat(d.get("NgayNopHoSo").asText()).isEqualTo("20260302100000");
        assertThat(d.has("MaLinhVuc")).isFalse();
        assertThat(PortalMapping.progressCall(state, false)).isEmpty();
    }

    @Test
    void thePortalsErrorKeepsNoneOfTheApplicantsDataItEchoes() {
        assertThat(PortalMapping.withoutPersonalData("Số CCCD 040196012345 của Trần Thị Hương sai định dạng", APPLICANT))
                .isEqualTo("Số CCCD *** của *** sai định dạng");
        assertThat(PortalMapping.withoutPersonalData(null, APPLICANT)).isNull();
    }

    @Test
    void theClientTellsRefusalsFromOutages() {
        assertThat(PortalClient.answer(200, "{\"error_code\":\"0\"}")).isInstanceOf(PortalClient.Accepted.class);
        assertThat(PortalClient.answer(200, "{\"error_code\":\"-2\",\"message\":\"đã tồn tại\"}"))
                .isInstanceOf(PortalClient.AlreadyExists.class);
        assertThat(PortalClient.answer(200, "{\"error_code\":\"-3\"}")).isInstanceOf(PortalClient.NotHeld.class);
        assertThat(PortalClient.answer(200, "{\"error_code\":\"-1\",\"message\":\"Sai mã TTHC\"}"))
                .isEqualTo(new PortalClient.Refused("-1", "Sai mã TTHC"));
        assertThat(PortalClient.answer(400, "{\"error_code\":\"-1\",\"message\":\"x\"}"))
                .isInstanceOf(PortalClient.Refused.class);
        assertThat(PortalClient.answer(503, "{\"error_code\":\"-1\"}")).isInstanceOf(PortalClient.Unavailable.class);
        assertThat(PortalClient.answer(401, "")).isInstanceOf(PortalClient.Unavailable.class);
        assertThat(PortalClient.answer(200, "<html>proxy</html>")).isInstanceOf(PortalClient.Unavailable.class);
    }
}
