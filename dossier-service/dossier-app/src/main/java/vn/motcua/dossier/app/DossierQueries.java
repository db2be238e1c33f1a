package vn.motcua.dossier.app;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import vn.motcua.dossier.domain.DossierState;
import vn.motcua.dossier.domain.Types.Status;
import vn.motcua.dossier.store.DossierStore;
import vn.motcua.dossier.store.DossierViewEntity;
import vn.motcua.support.ProblemException;
import vn.motcua.support.security.Caller;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Reads: a dossier from its stream (now or as of an instant), work queues and lookups from the read table. */
@ApplicationScoped
public class DossierQueries {
    /** A row of a work queue. */
    public record QueueItem(UUID id, String code, String procedureCode, String procedureName, String status,
                            String receivingUnit, String competentUnit, String currentUnit, String applicantName,
                            Instant receivedAt, Instant dueAt, LocalDate dueDate, boolean overdue, boolean apologized,
                            int version) {
    }

    public record Page<T>(List<T> items, int page, int size, long total) {
    }

    /** An event of a dossier's stream, its personal data left out for callers who may not see it. */
    public record EventView(UUID eventId, String type, int version, long position, Instant occurredAt,
                            Instant recordedAt, Object data) {
    }

    /** What the citizen's lookup finds: status and dates, no personal data. */
    public record Lookup(String code, String procedureName, Status status, Instant receivedAt, Instant dueAt,
                         LocalDate dueDate, boolean overdue, Instant completedAt, Instant returnedAt) {
    }

    private final DossierStore store;
    private final DossierCommands commands;
    private final CatalogReplica catalog;
    private final vn.motcua.dossier.store.DataProtection protection;

    public DossierQueries(DossierStore store, DossierCommands commands, CatalogReplica catalog,
                          vn.motcua.dossier.store.DataProtection protection) {
        this.protection = protection;
        this.store = store;
        this.commands = commands;
        this.catalog = catalog;
    }

    /** A dossier's state now, or as of an instant (the events that had happened by then). */
    public Uni<DossierSnapshot> get(Caller caller, String ref, Instant asOf) {
        return Panache.withSession(() -> commands.resolve(ref).chain(id -> store.load(id).chain(all -> {
            if (!all.exists()) {
                throw DossierAccess.notFound(ref);
            }
            // who may see it is decided on the dossier as it is now, whatever instant is asked for
            DossierAccess.requireSee(caller, all.state(), ref);
            DossierStore.Stream stream = asOf == null ? all : all.upTo(asOf);
            if (!stream.exists()) {
                throw ProblemException.invalid("asOf", "is before the dossier existed",
                        "trước thời điểm hồ sơ được tạo");
            }
            return catalog.calendar().map(cal -> commands.snapshot(id, stream.version(), stream.state(),
                    DossierAccess.seesPersonalData(caller, all.state()), commands.context(cal), asOf, null));
        })));
    }

    public Uni<DossierSnapshot> controlSheet(Caller caller, String ref) {
        return Panache.withSession(() -> commands.resolve(ref).chain(id -> store.load(id).map(stream -> {
            if (!stream.exists()) {
                throw DossierAccess.notFound(ref);
            }
            DossierAccess.requireSee(caller, stream.state(), ref);
            return new DossierSnapshot(id, stream.version(), stream.state(), false, null, null, null);
        })));
    }

    public Uni<List<EventView>> events(Caller caller, String ref) {
        return Panache.withSession(() -> commands.resolve(ref).chain(id -> store.load(id).map(stream -> {
            if (!stream.exists()) {
                throw DossierAccess.notFound(ref);
            }
            DossierAccess.requireSee(caller, stream.state(), ref);
            boolean personal = DossierAccess.seesPersonalData(caller, stream.state());
            return stream.events().stream().map(e -> new EventView(e.eventId(),
                    vn.motcua.dossier.events.DossierEventType.of(e.event()).typeName(), e.version(), e.position(),
                    e.event().at(), e.recordedAt(), redacted(e.event(), personal))).toList();
        })));
    }

    /** Work-queue filters. {@code scope}: which of the dossier's units must match. */
    public record QueueFilter(String unit, String scope, List<Status> statuses, Integer dueWithinHours,
                              Boolean overdue, String procedureCode, int page, int size) {
    }

    public Uni<Page<QueueItem>> queue(Caller caller, QueueFilter f) {
        if (f.unit() == null && !caller.readsEverything()) {
            throw ProblemException.invalid("unit", "is required (the unit whose queue to show)",
                    "cần chọn đơn vị");
        }
        if (f.unit() != null && !caller.readsEverything() && !caller.mayActFor(f.unit())) {
            throw new ProblemException(403, "unit-not-allowed", "You may not see the queue of unit " + f.unit(),
                    "Bạn không được xem hồ sơ của đơn vị " + f.unit(), List.of());
        }
        StringBuilder q = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (f.unit() != null) {
            String column = switch (f.scope() == null ? "current" : f.scope()) {
                case "current" -> "currentUnit";
                case "competent" -> "competentUnit";
                case "receiving" -> "receivingUnit";
                default -> throw ProblemException.invalid("scope", "must be current, competent or receiving",
                        "phải là current, competent hoặc receiving");
            };
            q.append(" and ").append(column).append(" = :unit");
            params.put("unit", f.unit());
        }
        if (f.statuses() != null && !f.statuses().isEmpty()) {
            q.append(" and status in :statuses");
            params.put("statuses", f.statuses().stream().map(Enum::name).toList());
        }
        if (f.procedureCode() != null) {
            q.append(" and procedureCode = :procedure");
            params.put("procedure", f.procedureCode());
        }
        if (f.overdue() != null) {
            q.append(" and overdue = :overdue");
            params.put("overdue", f.overdue());
        }
        if (f.dueWithinHours() != null) {
            // "due within N working hours": the instant N office hours from now on the working calendar
            return Panache.withSession(() -> catalog.calendar().chain(cal -> {
                Instant now = commands.clock().instant();
                Instant limit = cal.addOfficeTime(now, Duration.ofHours(f.dueWithinHours()));
                q.append(" and open = true and dueAt is not null and dueAt <= :limit");
                params.put("limit", limit);
                return page(caller, q.toString(), params, f);
            }));
        }
        return Panache.withSession(() -> page(caller, q.toString(), params, f));
    }

    private Uni<Page<QueueItem>> page(Caller caller, String where, Map<String, Object> params,
                                                  QueueFilter f) {
        var query = DossierViewEntity.<DossierViewEntity>find(where, Sort.by("dueAt", Sort.Direction.Ascending,
                        Sort.NullPrecedence.NULLS_LAST).and("receivedAt").and("dossierId"), params)
                .page(io.quarkus.panache.common.Page.of(f.page(), f.size()));
        boolean personal = !caller.readsEverything() || caller.admin();
        return query.list().chain(rows -> query.count().map(total -> new Page<>(rows.stream()
                .map(v -> new QueueItem(v.dossierId, v.dossierCode, v.procedureCode, v.procedureName, v.status,
                        v.receivingUnit, v.competentUnit, v.currentUnit, personal ? v.applicantName : null,
                        v.receivedAt, v.dueAt, v.dueDate, v.overdue, v.apologized, v.lastVersion))
                .toList(), f.page(), f.size(), total)));
    }

    /** The citizen's lookup: code + receipt secret; a wrong secret and an unknown code get the same answer. */
    public Uni<Lookup> lookup(String code, String secret) {
        return Panache.withSession(() -> DossierViewEntity.<DossierViewEntity>find("dossierCode", code).firstResult()
                .map(v -> {
                    if (v == null || secret == null
                            || !protection.lookupMatches(v.lookupSecretHash, secret.trim().toUpperCase())) {
                        throw new ProblemException(404, "not-found",
                                "No dossier with this code and secret",
                                "Không tìm thấy hồ sơ với mã và mã tra cứu này", List.of());
                    }
                    return new Lookup(v.dossierCode, v.procedureName, Status.valueOf(v.status), v.receivedAt, v.dueAt,
                            v.dueDate, v.overdue, v.completedAt, v.returnedAt);
                }));
    }

    /** The receipt secret's hash is never shown; the applicant only to those who may see personal data. */
    private static Object redacted(vn.motcua.dossier.domain.DossierEvent e, boolean personal) {
        if (e instanceof vn.motcua.dossier.domain.DossierEvent.Received r) {
            return new vn.motcua.dossier.domain.DossierEvent.Received(r.dossierCode(), r.procedure(),
                    r.receivingUnit(), r.competentUnit(), r.channel(), personal ? r.applicant() : null, r.documents(), r.submittedAt(), r.at(),
                    r.officer(), r.ruleSet(), r.due(), r.countingStartsAt(), r.transferDeadline(), null);
        }
        if (e instanceof vn.motcua.dossier.domain.DossierEvent.RefusedAtReception r && !personal) {
            return new vn.motcua.dossier.domain.DossierEvent.RefusedAtReception(r.dossierCode(), r.procedure(),
                    r.receivingUnit(), r.competentUnit(), r.channel(), null, r.submittedAt(), r.at(), r.officer(),
                    r.reason());
        }
        return e;
    }
}
