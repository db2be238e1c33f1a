package vn.motcua.dossier.messaging.portal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import vn.motcua.dossier.domain.DossierEvent;
import vn.motcua.dossier.domain.DossierState;
import vn.motcua.dossier.domain.Types;
import vn.motcua.duedate.WorkingCalendar;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;

/**
 * motcua's dossier in the national public-service portal's format (DOMAIN.md §7). The portal's specification is not
 * public: this class is the one place that knows its calls, field names, codes and date format, so it can change
 * when the real one is known. Pure: the copy of a dossier as of a version is a function of the events up to it.
 *
 * <p>Only what the format asks is sent; a value motcua does not have (an officer's title) is left out, not made up.
 */
public final class PortalMapping {
    /** The dossier call. */
    public static final String DOSSIER_CALL = "DongBoHoSoMC";
    /** The progress call: the process control sheet's steps. */
    public static final String PROGRESS_CALL = "CapNhatTienDoHoSoMC";
    /** {@code error_code} of an accepted call. */
    public static final String SUCCESS = "0";
    /** {@code error_code} of a create for a dossier the portal holds already: send it again as an update. */
    public static final String ALREADY_EXISTS = "-2";
    /** {@code error_code} of an update for a dossier the portal does not hold (it lost it): send it as a create. */
    public static final String NOT_HELD = "-3";

    /** Step states of a progress entry: in progress, handed over. */
    static final int STEP_IN_PROGRESS = 1;
    static final int STEP_DONE = 2;

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyyMMddHHmmss")
            .withZone(WorkingCalendar.VIETNAM);
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** The procedure's field (lĩnh vực) from the catalog; null members when the catalog does not say. */
    public record Field(String code, String nameVi) {
        public static final Field UNKNOWN = new Field(null, null);
    }

    private PortalMapping() {
    }

    /** A date as the portal writes it: {@code yyyyMMddHHmmss} in Vietnam time; null stays null. */
    public static String date(Instant at) {
        return at == null ? null : DATE.format(at);
    }

    /** The status code the portal is told (1-10): the domain's, never derived here. */
    public static int status(DossierState s) {
        return s.status().portalCode();
    }

    /**
     * The dossier call for the dossier as of the last of {@code events} ({@code state} is their fold).
     *
     * @param updating false for a dossier the portal does not hold yet, true after
     */
    public static ObjectNode dossierCall(DossierState state, List<DossierEvent> events, Field field,
                                         boolean updating) {
        Field f = field == null ? Field.UNKNOWN : field;
        ObjectNode d = JSON.objectNode();
        put(d, "MaHoSo", state.dossierCode());
        Types.ProcedureTerms p = state.procedure();
        put(d, "MaTTHC", p == null ? null : p.code());
        put(d, "TenTTHC", p == null ? null : p.nameVi());
        put(d, "MaLinhVuc", f.code());
        put(d, "TenLinhVuc", f.nameVi());
        if (state.channel() != null) {
            d.put("KenhThucHien", switch (state.channel()) {
                case COUNTER -> 1;
                case ONLINE -> 2;
                case POSTAL -> 3;
            });
        }
        Types.Applicant a = state.applicant();
        if (a != null) {
            put(d, "ChuHoSo", a.fullName());
            // motcua records a person's 12-digit identification number; anything else is an organisation's code
            d.put("LoaiDoiTuong", a.personalId().matches("[0-9]{12}") ? 1 : 2);
            put(d, "SoGiayToChuHoSo", a.personalId());
            put(d, "SoDienThoai", a.phone());
            put(d, "Email", a.email());
        }
        put(d, "TrichYeuHoSo", p == null ? null : p.nameVi());
        Instant refusedAt = null;
        Instant refusedAtReception = null;
        for (DossierEvent e : events) {
            if (e instanceof DossierEvent.RefusedAtReception r) {
                refusedAt = r.at();
                refusedAtReception = r.at();
            } else if (e instanceof DossierEvent.RefusedAfterAppraisal r) {
                refusedAt = r.at();
            }
        }
        Instant submitted = state.submittedAt() != null ? state.submittedAt()
                : state.receivedAt() != null ? state.receivedAt() : refusedAtReception;
        put(d, "NgayNopHoSo", date(submitted));
        put(d, "NgayTiepNhan", date(state.receivedAt()));
        put(d, "NgayHenTra", date(state.currentDue().at()));
        d.put("TrangThaiHoSo", status(state));
        boolean resultReady = state.status() == Types.Status.PROCESSED
                || state.status() == Types.Status.REFUSED_AFTER_APPRAISAL || state.status() == Types.Status.RETURNED;
        put(d, "NgayKetThucXuLy", resultReady ? date(state.completedAt()) : null);
        put(d, "NgayTra", date(state.returnedAt()));
        put(d, "NgayTuChoi", date(refusedAt));
        put(d, "DonViXuLy", state.competentUnit() != null ? state.competentUnit() : state.receivingUnit());
        d.set("DanhSachHoSoBoSung", supplements(events));
        return body(DOSSIER_CALL, updating, d);
    }

    /** The progress call: one entry per step of the process control sheet; empty when there is no step yet. */
    public static Optional<ObjectNode> progressCall(DossierState state, boolean updating) {
        if (state.steps().isEmpty()) {
            return Optional.empty();
        }
        ObjectNode body = body(PROGRESS_CALL, updating, null);
        ArrayNode data = (ArrayNode) body.get("data");
        for (Types.Step step : state.steps()) {
            ObjectNode e = JSON.objectNode();
            put(e, "MaHoSo", state.dossierCode());
            put(e, "NguoiXuLy", step.officer());
            put(e, "PhongBanXuLy", step.unitCode());
            put(e, "NoiDungXuLy", step.stepName());
            put(e, "ThoiDiemXuLy", date(step.handedOverAt() != null ? step.handedOverAt() : step.startedAt()));
            e.put("TrangThai", step.handedOverAt() != null ? STEP_DONE : STEP_IN_PROGRESS);
            put(e, "NgayBatDau", date(step.startedAt()));
            put(e, "NgayKetThucTheoQuyDinh", date(step.deadline()));
            data.add(e);
        }
        return Optional.of(body);
    }

    /**
     * The portal's error text without any of the applicant's personal data it may echo back, so that what the
     * refusal event keeps is the portal's words only.
     */
    public static String withoutPersonalData(String message, Types.Applicant applicant) {
        if (message == null || applicant == null) {
            return message;
        }
        String out = message;
        for (String value : new String[]{applicant.personalId(), applicant.phone(), applicant.email(),
                applicant.fullName()}) {
            if (value != null && !value.isBlank()) {
                out = out.replace(value, "***");
            }
        }
        return out;
    }

    /**
     * Each supplement request with the date it was asked and supplied, and the due before and after it (the due of
     * the DueDateChanged the supply caused).
     */
    private static ArrayNode supplements(List<DossierEvent> events) {
        ArrayNode list = JSON.arrayNode();
        ObjectNode open = null;
        for (DossierEvent e : events) {
            if (e instanceof DossierEvent.SupplementRequested r) {
                open = JSON.objectNode();
                open.put("LanBoSung", r.requestNumber());
                put(open, "NgayYeuCauBoSung", date(r.at()));
                put(open, "NoiDungYeuCauBoSung", String.join("; ", r.missing()));
                put(open, "HanBoSung", r.supplyBy() == null ? null
                        : r.supplyBy().format(DateTimeFormatter.BASIC_ISO_DATE) + "235959");
                list.add(open);
            } else if (e instanceof DossierEvent.SupplementSupplied s && open != null) {
                put(open, "NgayBoSung", date(s.at()));
            } else if (e instanceof DossierEvent.DueDateChanged c && open != null
                    && c.reason() == Types.DueChangeReason.SUPPLEMENT_RESTART) {
                put(open, "NgayHenTraTruoc", date(c.oldDue().at()));
                put(open, "NgayHenTraMoi", date(c.newDue().at()));
                open = null;
            }
        }
        return list;
    }

    private static ObjectNode body(String service, boolean updating, ObjectNode item) {
        ObjectNode body = JSON.objectNode();
        body.put("service", service);
        body.put("isUpdating", updating);
        ArrayNode data = body.putArray("data");
        if (item != null) {
            data.add(item);
        }
        return body;
    }

    private static void put(ObjectNode node, String name, String value) {
        if (value != null) {
            node.put(name, value);
        }
    }
}
