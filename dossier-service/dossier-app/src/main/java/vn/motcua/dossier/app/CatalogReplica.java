package vn.motcua.dossier.app;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import vn.motcua.catalog.events.CatalogEvent;
import vn.motcua.catalog.events.CatalogEventCodec;
import vn.motcua.catalog.events.CatalogTopics;
import vn.motcua.catalog.events.CommitmentSnapshot;
import vn.motcua.catalog.events.ProcedureSnapshot;
import vn.motcua.catalog.events.ProcedureVersionSnapshot;
import vn.motcua.catalog.events.UnitSnapshot;
import vn.motcua.dossier.domain.Types.ProcedureTerms;
import vn.motcua.dossier.store.ReplicaEntity;
import vn.motcua.duedate.CalendarYear;
import vn.motcua.duedate.PublishedCalendar;
import vn.motcua.duedate.WorkingCalendar;
import vn.motcua.support.ProblemException;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

/**
 * The dossier service's local copy of the catalog (fed by catalog events, see CatalogReplicaConsumer): procedures,
 * unit commitments, units and working calendars. Reception never calls catalog-service, so a catalog outage does not
 * stop the desks. Call inside a session.
 */
@ApplicationScoped
public class CatalogReplica {
    private final vn.motcua.dossier.store.ReplicaRows rows;

    public CatalogReplica(vn.motcua.dossier.store.ReplicaRows rows) {
        this.rows = rows;
    }

    private final CatalogEventCodec codec = new CatalogEventCodec();
    /** The parsed calendar, rebuilt only when a year was added or revised. */
    private final PublishedCalendar calendars = new PublishedCalendar();
    private static final int MAX_PARSED = 20_000;
    private final java.util.Map<java.util.UUID, CatalogEvent> parsed = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The procedure as in force on {@code day}, with the competent unit's commitment then in force; the competent
     * unit must be of a type the procedure names.
     */
    public Uni<ProcedureTerms> terms(String procedureCode, UnitSnapshot competent, LocalDate day, String field) {
        return row(CatalogTopics.PROCEDURES, procedureCode).chain(p -> {
            InForce inForce = inForce(p, procedureCode, competent, day, field);
            return row(CatalogTopics.COMMITMENTS, competent.code() + "/" + procedureCode)
                    .map(c -> terms(inForce, c, day));
        });
    }

    /** A procedure's version in force on a day, for a competent unit that may handle it. */
    private record InForce(ProcedureSnapshot procedure, ProcedureVersionSnapshot version) {
    }

    private InForce inForce(ReplicaEntity p, String procedureCode, UnitSnapshot competent, LocalDate day,
                            String field) {
        if (p == null) {
            throw ProblemException.invalid("procedureCode", "unknown procedure " + procedureCode,
                    "không có thủ tục " + procedureCode);
        }
        ProcedureSnapshot procedure = procedure(p);
        if (procedure.abolishedOn() != null && !day.isBefore(procedure.abolishedOn())) {
            throw ProblemException.invalid("procedureCode", "the procedure was abolished on "
                    + procedure.abolishedOn(), "thủ tục đã bị bãi bỏ từ ngày " + procedure.abolishedOn());
        }
        ProcedureVersionSnapshot version = procedure.versions().stream()
                .filter(v -> !v.effectiveFrom().isAfter(day) && (v.effectiveTo() == null || !v.effectiveTo().isBefore(day)))
                .max(Comparator.comparing(ProcedureVersionSnapshot::effectiveFrom))
                .orElseThrow(() -> ProblemException.invalid("procedureCode", "no version of " + procedureCode
                        + " is in force on " + day, "thủ tục " + procedureCode + " chưa có hiệu lực vào ngày " + day));
        if (!procedure.competentUnitTypes().contains(competent.type())) {
            throw ProblemException.invalid(field, "a " + competent.type() + " is not competent for "
                    + procedureCode + " (competent: " + procedure.competentUnitTypes() + ")",
                    "đơn vị " + competent.code() + " không có thẩm quyền giải quyết thủ tục " + procedureCode);
        }
        return new InForce(procedure, version);
    }

    private ProcedureTerms terms(InForce p, ReplicaEntity c, LocalDate day) {
        CommitmentSnapshot.Period period = c == null ? null : commitment(c).periods().stream()
                .filter(x -> !x.effectiveFrom().isAfter(day) && (x.effectiveTo() == null || !x.effectiveTo().isBefore(day)))
                .findFirst().orElse(null);
        ProcedureVersionSnapshot version = p.version();
        return new ProcedureTerms(p.procedure().code(), version.version(), p.procedure().nameVi(), version.legalTime(),
                period == null ? null : period.committedTime(),
                version.onlineLevel() == null ? null : version.onlineLevel().name(), version.postalReception());
    }

    /**
     * What reception needs from the catalog: both units exist on {@code day}, the competent one may handle the
     * procedure, and the procedure's terms then in force. Fields are named under {@code prefix} in refusals.
     */
    public Uni<ProcedureTerms> reception(String procedureCode, String receivingUnit, String competentUnit,
                                         LocalDate day, String prefix) {
        // the four rows in one query, as the import asks for many receptions': a desk's reception waits for one
        // round trip to the database instead of four
        ReceptionQuery q = new ReceptionQuery(procedureCode, receivingUnit, competentUnit, day, prefix);
        return receptions(List.of(q)).map(answer -> answer.apply(q));
    }

    /** One reception's question to the catalog (see {@link #reception}). */
    public record ReceptionQuery(String procedureCode, String receivingUnit, String competentUnit, LocalDate day,
                                 String prefix) {
    }

    /**
     * Many receptions' questions at once (the bulk import): the rows of every unit, procedure and commitment they
     * name in one query, then each answered by the same checks as {@link #reception}; the function throws the
     * refusal {@link #reception} would fail with.
     */
    public Uni<java.util.function.Function<ReceptionQuery, ProcedureTerms>> receptions(
            java.util.Collection<ReceptionQuery> queries) {
        java.util.Set<java.util.Map.Entry<String, String>> keys = new java.util.LinkedHashSet<>();
        for (ReceptionQuery q : queries) {
            keys.add(java.util.Map.entry(CatalogTopics.UNITS, q.receivingUnit()));
            keys.add(java.util.Map.entry(CatalogTopics.UNITS, q.competentUnit()));
            keys.add(java.util.Map.entry(CatalogTopics.PROCEDURES, q.procedureCode()));
            keys.add(java.util.Map.entry(CatalogTopics.COMMITMENTS, q.competentUnit() + "/" + q.procedureCode()));
        }
        return rows.findAll(keys).map(found -> q -> {
            unitOn(found.get(java.util.Map.entry(CatalogTopics.UNITS, q.receivingUnit())), q.receivingUnit(),
                    q.day(), q.prefix() + "receivingUnit");
            UnitSnapshot competent = unitOn(found.get(java.util.Map.entry(CatalogTopics.UNITS, q.competentUnit())),
                    q.competentUnit(), q.day(), q.prefix() + "competentUnit");
            InForce inForce = inForce(found.get(java.util.Map.entry(CatalogTopics.PROCEDURES, q.procedureCode())),
                    q.procedureCode(), competent, q.day(), q.prefix() + "competentUnit");
            return terms(inForce, found.get(java.util.Map.entry(CatalogTopics.COMMITMENTS,
                    q.competentUnit() + "/" + q.procedureCode())), q.day());
        });
    }

    /** A unit that exists and is not dissolved on {@code day}; 400 naming {@code field} otherwise. */
    public Uni<UnitSnapshot> unit(String code, LocalDate day, String field) {
        return row(CatalogTopics.UNITS, code).map(r -> unitOn(r, code, day, field));
    }

    private UnitSnapshot unitOn(ReplicaEntity r, String code, LocalDate day, String field) {
        if (r == null) {
            throw ProblemException.invalid(field, "unknown unit " + code, "không có đơn vị " + code);
        }
        UnitSnapshot unit = unitOf(r);
        if (unit.validFrom() != null && day.isBefore(unit.validFrom())
                || unit.validTo() != null && day.isAfter(unit.validTo())) {
            throw ProblemException.invalid(field, "unit " + code + " does not exist on " + day,
                    "đơn vị " + code + " không tồn tại vào ngày " + day);
        }
        return unit;
    }

    /** The working calendar of every year the catalog published; re-parsed only when a year was added or revised. */
    public Uni<WorkingCalendar> calendar() {
        return rows.fingerprint(CatalogTopics.CALENDARS).chain(fingerprint -> {
            java.util.Optional<WorkingCalendar> unchanged = calendars.ifUnchanged(fingerprint);
            if (unchanged.isPresent()) {
                return Uni.createFrom().item(unchanged.get());
            }
            return rows.all(CatalogTopics.CALENDARS).map(all -> {
                List<CalendarYear> years = all.stream()
                        .map(r -> ((CatalogEvent.CalendarYearPublished) event(r)).calendar()).toList();
                return calendars.build(fingerprint, years);
            });
        });
    }

    /** The procedure as the catalog last published it, or null when the replica does not hold it. */
    public Uni<ProcedureSnapshot> procedure(String procedureCode) {
        return row(CatalogTopics.PROCEDURES, procedureCode).map(r -> r == null ? null : procedure(r));
    }

    private Uni<ReplicaEntity> row(String topic, String key) {
        return rows.find(topic, key);
    }

    /** A catalog event never changes once published, so its parsed form is kept by event id. */
    private CatalogEvent event(ReplicaEntity r) {
        CatalogEvent cached = parsed.get(r.eventId);
        if (cached != null) {
            return cached;
        }
        CatalogEvent e = codec.read(r.payload.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .orElseThrow(() -> new IllegalStateException("replica row of unknown type " + r.eventType));
        if (parsed.size() > MAX_PARSED) {
            parsed.clear();
        }
        parsed.put(r.eventId, e);
        return e;
    }

    private ProcedureSnapshot procedure(ReplicaEntity r) {
        CatalogEvent e = event(r);
        if (e instanceof CatalogEvent.ProcedurePublished p) {
            return p.procedure();
        }
        if (e instanceof CatalogEvent.ProcedureAmended a) {
            return a.procedure();
        }
        if (e instanceof CatalogEvent.ProcedureAbolished a) {
            return a.procedure();
        }
        throw new IllegalStateException("not a procedure event: " + r.eventType);
    }

    private CommitmentSnapshot commitment(ReplicaEntity r) {
        CatalogEvent e = event(r);
        if (e instanceof CatalogEvent.CommitmentSet s) {
            return s.commitment();
        }
        if (e instanceof CatalogEvent.CommitmentWithdrawn w) {
            return w.commitment();
        }
        throw new IllegalStateException("not a commitment event: " + r.eventType);
    }

    private UnitSnapshot unitOf(ReplicaEntity r) {
        CatalogEvent e = event(r);
        if (e instanceof CatalogEvent.UnitRegistered u) {
            return u.unit();
        }
        if (e instanceof CatalogEvent.UnitUpdated u) {
            return u.unit();
        }
        throw new IllegalStateException("not a unit event: " + r.eventType);
    }
}
