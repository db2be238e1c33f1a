package vn.motcua.dossier.app;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import vn.motcua.dossier.domain.Dossier;
import vn.motcua.dossier.domain.DossierCode;
import vn.motcua.dossier.domain.DossierCommand;
import vn.motcua.dossier.domain.DossierEvent;
import vn.motcua.dossier.domain.DossierState;
import vn.motcua.dossier.domain.Notices;
import vn.motcua.dossier.domain.Types;
import vn.motcua.dossier.domain.RuleSet;
import vn.motcua.dossier.store.DossierCodes;
import vn.motcua.dossier.store.DossierStore;
import vn.motcua.dossier.store.DossierViewEntity;
import vn.motcua.duedate.Timeliness;
import vn.motcua.duedate.WorkingCalendar;
import vn.motcua.support.ProblemException;
import vn.motcua.support.security.Caller;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

import static vn.motcua.dossier.app.RuleRefusals.asProblem;
import static vn.motcua.dossier.app.RuleRefusals.decide;

/**
 * Runs commands: load the stream, check the caller and the expected version, decide, append with the outbox, update
 * the read table, remember the answer for the Idempotency-Key — one transaction, so a refused command appends nothing
 * and an accepted one is all there or not at all.
 */
@ApplicationScoped
public class DossierCommands {
    private final DossierStore store;
    private final CatalogReplica catalog;
    private final ViewProjector projector;
    private final Clock clock;
    private final List<RuleSet> ruleSets;
    private final IdempotentRequests idempotent;
    private final DossierCodes codes;
    private final LookupSecrets secrets;
    private final vn.motcua.dossier.store.NoticeStore notices;
    private final boolean noticesEnabled;
    private final vn.motcua.dossier.store.DataProtection protection;
    private final vn.motcua.dossier.store.PortalSyncStore portalSync;
    private final java.util.Optional<java.time.Duration> maxBackdating;
    /** Events per write statement of an import: enough to amortise the round trip, few enough to bound memory. */
    private final int eventsPerStatement;

    /** What a new dossier needs besides the procedure terms, which come from the catalog replica. */
    public record Intake(String procedureCode, String receivingUnit, String competentUnit, Instant at) {
    }

    public DossierCommands(DossierStore store, CatalogReplica catalog, ViewProjector projector, Clock clock,
                           RulesConfig rules, IdempotentRequests idempotent, DossierCodes codes,
                           LookupSecrets secrets, vn.motcua.dossier.store.NoticeStore notices,
                           @org.eclipse.microprofile.config.inject.ConfigProperty(name = "motcua.notices.enabled",
                                   defaultValue = "false") boolean noticesEnabled,
                           vn.motcua.dossier.store.DataProtection protection,
                           @org.eclipse.microprofile.config.inject.ConfigProperty(name = "motcua.reception.max-backdating")
                           java.util.Optional<java.time.Duration> maxBackdating,
                           vn.motcua.dossier.store.PortalSyncStore portalSync,
                           @org.eclipse.microprofile.config.inject.ConfigProperty(
                                   name = "motcua.import.events-per-statement", defaultValue = "5000")
                           int eventsPerStatement,
                           @org.eclipse.microprofile.config.inject.ConfigProperty(
                                   name = "motcua.reception.max-group", defaultValue = "50")
                           int maxReceptionGroup,
                           io.micrometer.core.instrument.MeterRegistry metrics) {
        if (eventsPerStatement < 1) {
            throw new IllegalArgumentException("motcua.import.events-per-statement must be at least 1");
        }
        this.eventsPerStatement = eventsPerStatement;
        this.maxBackdating = maxBackdating;
        this.portalSync = portalSync;
        this.notices = notices;
        this.protection = protection;
        this.noticesEnabled = noticesEnabled;
        this.store = store;
        this.catalog = catalog;
        this.projector = projector;
        this.clock = clock;
        this.ruleSets = rules.ruleSets();
        this.idempotent = idempotent;
        this.codes = codes;
        this.secrets = secrets;
        io.micrometer.core.instrument.DistributionSummary groups = io.micrometer.core.instrument.DistributionSummary
                .builder("motcua_reception_group_size")
                .description("Receptions written by one transaction at one unit and day (1: alone)")
                .register(metrics);
        this.receptions = new GroupCommit<>(maxReceptionGroup, this::receiveAlone, this::receiveTogether,
                groups::record);
    }

    /** Receptions of one unit and day: they all wait on its code counter, so those that wait go in together. */
    private final GroupCommit<ReceptionLane, Reception, IdempotentRequests.Result> receptions;

    /** What receptions queue on: the receiving unit's day counter of codes. */
    private record ReceptionLane(String unit, LocalDate day) {
    }

    /** One reception, checked and waiting for its transaction. */
    private record Reception(Caller caller, Intake intake, LocalDate day, Instant now,
                             IdempotentRequests.Idempotency idem, String keyHash, NewDossier command,
                             Function<DossierSnapshot, Object> answer) {
        CatalogReplica.ReceptionQuery query() {
            return new CatalogReplica.ReceptionQuery(intake.procedureCode(), intake.receivingUnit(),
                    intake.competentUnit(), day, "");
        }
    }

    public Clock clock() {
        return clock;
    }

    // ------------------------------------------------------------------ new dossiers

    /**
     * Receives (or refuses at reception) a new dossier. {@code command} builds the domain command from the procedure
     * terms, the new code and the lookup secret's hash; {@code answer} writes the response body from the new dossier.
     */
    public Uni<IdempotentRequests.Result> create(Caller caller, Intake intake, IdempotentRequests.Idempotency idem,
                                                 NewDossier command, Function<DossierSnapshot, Object> answer) {
        caller.requireActFor(intake.receivingUnit(), "receivingUnit");
        Instant now = clock.instant();
        requireNotFuture(intake.at(), now, "receivedAt");
        Instant earliest = maxBackdating.map(now::minus).orElseGet(() -> now.atZone(WorkingCalendar.VIETNAM)
                .toLocalDate().atStartOfDay(WorkingCalendar.VIETNAM).toInstant());
        if (intake.at().isBefore(earliest)) {
            // a live desk records what happens today; history (with its own instants) goes through the import
            throw ProblemException.invalid("receivedAt", "must not be before " + maxBackdating.map(d -> d + " ago")
                            .orElse("the start of today (Vietnam time)") + "; older dossiers go through the import",
                    "thời điểm tiếp nhận không được trước " + maxBackdating.map(d -> d + " so với hiện tại")
                            .orElse("đầu ngày hôm nay") + "; hồ sơ cũ hơn phải nhập qua chức năng nhập dữ liệu");
        }
        LocalDate day = intake.at().atZone(WorkingCalendar.VIETNAM).toLocalDate();
        String keyHash = idempotent.keyHash(caller, idem);
        return receptions.submit(new ReceptionLane(intake.receivingUnit(), day),
                new Reception(caller, intake, day, now, idem, keyHash, command, answer));
    }

    /** A reception in its own transaction (nothing else waited for its unit's counter). */
    private Uni<IdempotentRequests.Result> receiveAlone(Reception r) {
        // the catalog's rows, the calendar, the event's position and the day's next code do not wait for each
        // other: the statements go out together on the transaction's connection (pipelined), one round trip instead
        // of four. The code last: its counter row stays locked until the commit (codes have no gaps), and every
        // reception of the unit that day waits for it, so it is taken as late as it can be. A refusal by the catalog
        // still wins, and the code it took is rolled back with the transaction.
        Intake intake = r.intake();
        return ConflictRetries.reception(idempotent.once(r.caller(), r.idem(), remember -> Uni.combine().all().unis(
                        catalog.reception(intake.procedureCode(), intake.receivingUnit(), intake.competentUnit(),
                                r.day(), ""),
                        catalog.calendar(), store.positions(1), codes.next(intake.receivingUnit(), r.day())).asTuple()
                .chain(found -> {
                    vn.motcua.support.tracing.DossierLogContext.about(found.getItem4());
                    Received received = receive(r, found.getItem1(), found.getItem4(), context(found.getItem2()),
                            remember);
                    return store.write(received.write(), found.getItem3()).replaceWith(received.result());
                })));
    }

    /** A reception decided: its answer and its write (with the answer to remember, if it came with a key). */
    private record Received(IdempotentRequests.Result result, DossierStore.Write write) {
    }

    /** Decides a reception with its code; the rules' refusal is thrown. */
    private Received receive(Reception r, Types.ProcedureTerms terms, String code, Dossier.Context ctx,
                             IdempotentRequests.Remember remember) {
        String secret = secrets.next();
        DossierCommand c = r.command().build(terms, code, protection.lookupHash(secret));
        List<DossierEvent> events = decide(DossierState.NEW, c, ctx);
        UUID id = UUID.randomUUID();
        Planned planned = plan(id, code, 0, null, DossierState.NEW, events, null, r.now(), secret);
        IdempotentRequests.Result result = idempotent.answer(201, id, events.size(), r.answer().apply(
                snapshot(id, events.size(), planned.state(), true, ctx, null, secret)));
        return new Received(result, remember == null ? planned.write()
                : planned.write().withAnswer(remember.take(result)));
    }

    /**
     * Receptions that waited for the same unit's counter, in one transaction: one query for their keys' first
     * answers, their catalog rows, the calendar, their positions and as many codes as they are, pipelined; each
     * decided in arrival order, the codes given in that order to those the catalog and the rules accept (so they stay
     * without gaps); one write; the unused codes given back. A member whose key came twice in the group waits for the
     * group and runs after it (it then finds its first answer). If the group's transaction fails as a whole (a key
     * another instance answered meanwhile, a deadlock), each member runs again alone, so every caller gets the
     * answer a reception of its own would have had; when the database is unreachable, every member gets that at once.
     */
    private Uni<List<GroupCommit.Outcome<IdempotentRequests.Result>>> receiveTogether(List<Reception> group) {
        List<GroupCommit.Outcome<IdempotentRequests.Result>> outcomes = new ArrayList<>(
                java.util.Collections.nCopies(group.size(), null));
        List<Integer> members = new ArrayList<>();
        List<Integer> later = new ArrayList<>();
        java.util.Set<String> keys = new java.util.HashSet<>();
        for (int i = 0; i < group.size(); i++) {
            String key = group.get(i).keyHash();
            (key == null || keys.add(key) ? members : later).add(i);
        }
        return Panache.withTransaction(() -> receiveGroup(group, members, outcomes))
                .onFailure().recoverWithUni(e -> {
                    if (vn.motcua.support.DatabaseErrors.unavailable(e)) {
                        // each alone would wait for the database in turn: all get the outage's 503 at once
                        return Uni.createFrom().failure(e);
                    }
                    LOG.debugf("a group of %d receptions failed as a whole (%s): each runs alone", members.size(),
                            e.toString());
                    return oneByOne(group, members, outcomes);
                })
                .chain(() -> oneByOne(group, later, outcomes))
                .replaceWith(outcomes);
    }

    private Uni<Void> receiveGroup(List<Reception> group, List<Integer> members,
                                   List<GroupCommit.Outcome<IdempotentRequests.Result>> outcomes) {
        Reception first = group.get(members.get(0));
        String unit = first.intake().receivingUnit();
        LocalDate day = first.day();
        int n = members.size();
        List<String> keyHashes = members.stream().map(i -> group.get(i).keyHash()).filter(k -> k != null).toList();
        return Uni.combine().all().unis(
                        keyHashes.isEmpty() ? Uni.createFrom().item(java.util.Map.<String,
                                vn.motcua.dossier.store.IdempotencyEntity>of()) : store.answers(keyHashes),
                        catalog.receptions(members.stream().map(i -> group.get(i).query()).toList()),
                        catalog.calendar(), store.positions(n), codes.next(unit, day, n)).asTuple()
                .chain(found -> {
                    Dossier.Context ctx = context(found.getItem3());
                    int firstSequence = found.getItem5();
                    List<DossierStore.Write> writes = new ArrayList<>();
                    for (int i : members) {
                        Reception r = group.get(i);
                        try {
                            vn.motcua.dossier.store.IdempotencyEntity answered = r.keyHash() == null ? null
                                    : found.getItem1().get(r.keyHash());
                            if (answered != null) {
                                outcomes.set(i, GroupCommit.Outcome.answered(idempotent.replay(answered, r.idem())));
                                continue;
                            }
                            Types.ProcedureTerms terms = found.getItem2().apply(r.query());
                            String code = DossierCode.of(unit, day, firstSequence + writes.size());
                            Received received = receive(r, terms, code, ctx,
                                    r.keyHash() == null ? null : idempotent.remember(r.keyHash(), r.caller(), r.idem()));
                            writes.add(received.write());
                            outcomes.set(i, GroupCommit.Outcome.answered(received.result()));
                        } catch (RuntimeException refused) {
                            outcomes.set(i, GroupCommit.Outcome.failed(refused));
                        }
                    }
                    Uni<Void> written = writes.isEmpty() ? Uni.createFrom().voidItem()
                            : store.write(writes, found.getItem4());
                    int unused = n - writes.size();
                    return unused == 0 ? written : written.chain(() -> codes.giveBack(unit, day, unused));
                });
    }

    private Uni<Void> oneByOne(List<Reception> group, List<Integer> members,
                               List<GroupCommit.Outcome<IdempotentRequests.Result>> outcomes) {
        if (members.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return io.smallrye.mutiny.Multi.createFrom().iterable(members)
                .onItem().transformToUniAndConcatenate(i -> receiveAlone(group.get(i))
                        .map(GroupCommit.Outcome::answered)
                        .onFailure().recoverWithItem(GroupCommit.Outcome::failed)
                        .invoke(o -> outcomes.set(i, o)))
                .collect().last().replaceWithVoid();
    }

    /** Builds the domain command for a new dossier. */
    @FunctionalInterface
    public interface NewDossier {
        DossierCommand build(vn.motcua.dossier.domain.Types.ProcedureTerms terms, String code, String secretHash);
    }

    // ------------------------------------------------------------------ existing dossiers

    /**
     * Runs a command on an existing dossier (by id or code). {@code ifMatch}: the version the caller read, or null.
     * Without {@code ifMatch} the caller asked for no particular version: losing the append to another writer (a
     * colleague, the overdue watcher, a notice's receipt) decides the command again on the newer stream, a few times,
     * instead of answering 409; the rules still refuse what the newer state does not allow.
     */
    public Uni<IdempotentRequests.Result> execute(Caller caller, String ref, Integer ifMatch,
                                                  IdempotentRequests.Idempotency idem,
                                                  Function<DossierState, DossierCommand> command,
                                                  Function<DossierSnapshot, Object> answer) {
        Uni<IdempotentRequests.Result> once = Uni.createFrom().deferred(() -> executeOnce(caller, ref, ifMatch, idem,
                command, answer));
        return ConflictRetries.command(once, ifMatch != null);
    }

    private Uni<IdempotentRequests.Result> executeOnce(Caller caller, String ref, Integer ifMatch,
                                                       IdempotentRequests.Idempotency idem,
                                                       Function<DossierState, DossierCommand> command,
                                                       Function<DossierSnapshot, Object> answer) {
        // the stream and the calendar go out together on the transaction's connection (pipelined): one round trip
        return idempotent.once(caller, idem, remember -> resolve(ref).chain(id -> Uni.combine().all()
                .unis(store.load(id), catalog.calendar()).asTuple().chain(loaded -> {
            DossierStore.Stream stream = loaded.getItem1();
            WorkingCalendar calendar = loaded.getItem2();
            if (!stream.exists()) {
                throw DossierAccess.notFound(ref);
            }
            DossierAccess.requireActOn(caller, stream.state(), ref);
            if (ifMatch != null && ifMatch != stream.version()) {
                throw DossierStore.versionConflict();
            }
            DossierCommand c = command.apply(stream.state());
            if (c instanceof DossierCommand.RecordResult || c instanceof DossierCommand.RefuseAfterAppraisal) {
                DossierAccess.requireDecideOn(caller, stream.state());
            }
            Dossier.Context ctx = context(calendar);
            List<DossierEvent> events = withOverdueFirst(stream.state(), c, ctx);
            Instant now = clock.instant();
            int version = stream.version() + events.size();
            return appendAndProject(id, stream.state().dossierCode(), stream.version(), stream.lastHash(),
                    stream.state(), events, null, now, null, state -> idempotent.answer(200, id, version,
                            answer.apply(snapshot(id, version, state, true, ctx, null, null))), remember);
        })));
    }

    /**
     * The overdue watcher's command: appends DossierOverdue if the due has passed. Returns whether it appended.
     * Runs in its own transaction; losing a race to another instance is not an error.
     */
    public Uni<Boolean> markOverdue(UUID id) {
        return Panache.withTransaction(() -> store.load(id).chain(stream -> {
            if (!stream.exists()) {
                return Uni.createFrom().item(false);
            }
            return catalog.calendar().chain(calendar -> {
                List<DossierEvent> events = Dossier.decide(stream.state(),
                        new DossierCommand.MarkOverdue(clock.instant()), context(calendar));
                if (events.isEmpty()) {
                    // nothing to record (already overdue, paused, completed): make the row say so
                    return projector.project(id, stream.state(), stream.version(), null, clock.instant())
                            .replaceWith(false);
                }
                return appendAndProject(id, stream.state().dossierCode(), stream.version(), stream.lastHash(),
                        stream.state(), events, null, clock.instant(), null).replaceWith(true);
            });
        })).onFailure(ConflictRetries::isConflict).recoverWithItem(false);
    }

    /** One historical dossier to import (see {@link #importBatch}). */
    public record ImportItem(UUID id, String sourceKey, String code, Intake intake, NewDossier receive,
                             List<Function<DossierState, DossierCommand>> history) {
        /** The same source key gives the same id (computed once: a batch asks for it several times). */
        public static ImportItem of(String sourceKey, String code, Intake intake, NewDossier receive,
                                    List<Function<DossierState, DossierCommand>> history) {
            return new ImportItem(UUID.nameUUIDFromBytes(("motcua-import:" + sourceKey)
                    .getBytes(StandardCharsets.UTF_8)), sourceKey, code, intake, receive, history);
        }

        LocalDate day() {
            return intake.at().atZone(WorkingCalendar.VIETNAM).toLocalDate();
        }
    }

    /** What became of an imported dossier: the events appended (0: it was imported before), or why it was refused. */
    public record ImportOutcome(int events, RuntimeException refusal) {
        static ImportOutcome refused(RuntimeException why) {
            return new ImportOutcome(0, why);
        }
    }

    /**
     * Imports historical dossiers: for each, reception and every later command with their original instants,
     * decided by the same rules, so it produces the same events a live dossier would. A dossier's source key
     * identifies it: importing it again changes nothing. The batch is one transaction of a few statements (what is
     * there already, the catalog rows it names, one write of every accepted dossier, the code counters); a dossier
     * the rules refuse is reported and the others go in. When the batch's write fails as a whole (another import of
     * the same dossiers or codes committed first), each dossier is imported again in its own transaction, so the
     * outcome is the one a dossier-by-dossier import gives.
     */
    public Uni<List<ImportOutcome>> importBatch(Caller caller, List<ImportItem> items) {
        ImportOutcome[] outcomes = new ImportOutcome[items.size()];
        List<Integer> candidates = new ArrayList<>();
        Instant now = clock.instant();
        for (int i = 0; i < items.size(); i++) {
            try {
                precheck(caller, items.get(i), now);
                candidates.add(i);
            } catch (RuntimeException refused) {
                outcomes[i] = ImportOutcome.refused(refused);
            }
        }
        if (candidates.isEmpty()) {
            return Uni.createFrom().item(List.of(outcomes));
        }
        return Panache.withTransaction(() -> importTogether(items, candidates, now))
                .onFailure().recoverWithUni(e -> {
                    LOG.warnf("an import batch of %d dossiers was refused as a whole (%s): importing them one by one",
                            candidates.size(), e.toString());
                    return oneByOne(caller, items, candidates);
                })
                .map(decided -> {
                    candidates.forEach(i -> outcomes[i] = decided.get(i));
                    return List.of(outcomes);
                });
    }

    private static final org.jboss.logging.Logger LOG = org.jboss.logging.Logger.getLogger(DossierCommands.class);

    /** What the live desk checks before the rules, needing no database. */
    private void precheck(Caller caller, ImportItem item, Instant now) {
        caller.requireActFor(item.intake().receivingUnit(), "receivingUnit");
        requireNotFuture(item.intake().at(), now, "reception.receivedAt");
        asProblem(() -> DossierCode.requireFor(item.code(), item.intake().receivingUnit(), item.day()));
    }

    private Uni<java.util.Map<Integer, ImportOutcome>> importTogether(List<ImportItem> items, List<Integer> candidates,
                                                                      Instant now) {
        List<UUID> ids = candidates.stream().map(i -> items.get(i).id()).toList();
        List<String> codes = candidates.stream().map(i -> items.get(i).code()).toList();
        return store.taken(ids, codes).chain(taken -> {
            // a batch sent again asks the catalog nothing
            List<CatalogReplica.ReceptionQuery> queries = candidates.stream()
                    .filter(i -> !taken.dossiers().contains(items.get(i).id())).map(i -> query(items.get(i))).toList();
            if (queries.isEmpty()) {
                java.util.Map<Integer, ImportOutcome> skipped = new java.util.HashMap<>();
                candidates.forEach(i -> skipped.put(i, new ImportOutcome(0, null)));
                return Uni.createFrom().item(skipped);
            }
            return catalog.calendar().chain(calendar -> catalog.receptions(queries).chain(reception -> {
                Dossier.Context ctx = context(calendar);
                java.util.Map<Integer, ImportOutcome> outcomes = new java.util.HashMap<>();
                java.util.Set<UUID> seenIds = new java.util.HashSet<>();
                java.util.Set<String> seenCodes = new java.util.HashSet<>();
                List<DossierStore.Write> writes = new ArrayList<>();
                List<DossierCode> reserved = new ArrayList<>();
                for (int i : candidates) {
                    ImportItem item = items.get(i);
                    UUID id = item.id();
                    if (taken.dossiers().contains(id) || seenIds.contains(id)) {
                        outcomes.put(i, new ImportOutcome(0, null));
                        continue;
                    }
                    List<DossierEvent> events;
                    try {
                        events = importedEvents(item, reception.apply(query(item)), ctx);
                    } catch (RuntimeException refused) {
                        outcomes.put(i, ImportOutcome.refused(refused));
                        continue;
                    }
                    if (taken.codes().contains(item.code()) || seenCodes.contains(item.code())) {
                        outcomes.put(i, ImportOutcome.refused(duplicate()));
                        continue;
                    }
                    seenIds.add(id);
                    seenCodes.add(item.code());
                    writes.add(plan(id, item.code(), 0, null, DossierState.NEW, events, item.sourceKey(), now,
                            null).write());
                    reserved.add(DossierCode.requireFor(item.code(), item.intake().receivingUnit(), item.day()));
                    outcomes.put(i, new ImportOutcome(events.size(), null));
                }
                if (writes.isEmpty()) {
                    return Uni.createFrom().item(outcomes);
                }
                // statements of a bounded size (a batch may hold 2,000 dossiers of 100 steps each); the
                // counters last: their rows stay locked until the commit, which follows at once
                return io.smallrye.mutiny.Multi.createFrom().iterable(chunks(writes))
                        .onItem().transformToUniAndConcatenate(store::write)
                        .collect().last()
                        .chain(() -> this.codes.reserve(reserved)).replaceWith(outcomes);
            }));
        });
    }

    private List<List<DossierStore.Write>> chunks(List<DossierStore.Write> writes) {
        List<List<DossierStore.Write>> chunks = new ArrayList<>();
        List<DossierStore.Write> chunk = new ArrayList<>();
        int events = 0;
        for (DossierStore.Write w : writes) {
            if (!chunk.isEmpty() && events + w.events().size() > eventsPerStatement) {
                chunks.add(chunk);
                chunk = new ArrayList<>();
                events = 0;
            }
            chunk.add(w);
            events += w.events().size();
        }
        chunks.add(chunk);
        return chunks;
    }

    private Uni<java.util.Map<Integer, ImportOutcome>> oneByOne(Caller caller, List<ImportItem> items,
                                                               List<Integer> candidates) {
        java.util.Map<Integer, ImportOutcome> outcomes = new java.util.HashMap<>();
        return io.smallrye.mutiny.Multi.createFrom().iterable(candidates)
                .onItem().transformToUniAndConcatenate(i -> Panache.withTransaction(() -> importDossier(caller,
                                items.get(i)))
                        .map(events -> new ImportOutcome(events, null))
                        .onFailure().recoverWithItem(e -> ImportOutcome.refused(e instanceof RuntimeException r ? r
                                : new IllegalStateException(e)))
                        .invoke(outcome -> outcomes.put(i, outcome)))
                .collect().last().replaceWith(outcomes);
    }

    /**
     * Imports one historical dossier in the caller's transaction (see {@link #importBatch}).
     *
     * @return the events appended (0 when it was imported before)
     */
    private Uni<Integer> importDossier(Caller caller, ImportItem item) {
        UUID id = item.id();
        return DossierViewEntity.<DossierViewEntity>findById(id).chain(existing -> {
            if (existing != null) {
                return Uni.createFrom().item(0);
            }
            precheck(caller, item, clock.instant());
            return catalog.calendar().chain(calendar -> {
                CatalogReplica.ReceptionQuery q = query(item);
                return catalog.reception(q.procedureCode(), q.receivingUnit(), q.competentUnit(), q.day(), q.prefix())
                        .chain(terms -> {
                            List<DossierEvent> all = importedEvents(item, terms, context(calendar));
                            DossierCode taken = DossierCode.requireFor(item.code(), item.intake().receivingUnit(),
                                    item.day());
                            return codes.reserve(List.of(taken)).chain(() -> store.write(plan(id, item.code(), 0,
                                    null, DossierState.NEW, all, item.sourceKey(), clock.instant(), null).write()))
                                    .replaceWith(all.size());
                        });
            });
        });
    }

    private static CatalogReplica.ReceptionQuery query(ImportItem item) {
        Intake intake = item.intake();
        return new CatalogReplica.ReceptionQuery(intake.procedureCode(), intake.receivingUnit(),
                intake.competentUnit(), item.day(), "reception.");
    }

    /** An imported dossier's events: its reception, then each step of its history decided on the state before it. */
    private List<DossierEvent> importedEvents(ImportItem item, Types.ProcedureTerms terms, Dossier.Context ctx) {
        DossierState state = DossierState.NEW;
        List<DossierEvent> all = new ArrayList<>();
        for (DossierEvent e : decide(state, item.receive().build(terms, item.code(), null), ctx)) {
            all.add(e);
            state = Dossier.evolve(state, e);
        }
        for (Function<DossierState, DossierCommand> step : item.history()) {
            for (DossierEvent e : withOverdueFirst(state, step.apply(state), ctx)) {
                all.add(e);
                state = Dossier.evolve(state, e);
            }
        }
        return all;
    }

    private static ProblemException duplicate() {
        return new ProblemException(409, "duplicate", "a dossier with this code or source id exists",
                "đã có hồ sơ với mã này", List.of(new ProblemException.Violation("code", "is taken by another dossier",
                "mã hồ sơ đã được dùng cho hồ sơ khác")));
    }

    // ------------------------------------------------------------------ helpers

    /**
     * Decides a command, first recording the overdue moment if the due passed before it (the watcher may not have
     * run yet): the stream then says the same thing whichever came first.
     */
    private List<DossierEvent> withOverdueFirst(DossierState s, DossierCommand c, Dossier.Context ctx) {
        List<DossierEvent> events = new ArrayList<>();
        DossierState state = s;
        if (!(c instanceof DossierCommand.MarkOverdue)) {
            for (DossierEvent e : Dossier.decide(s, new DossierCommand.MarkOverdue(c.at()), ctx)) {
                if (e.at().isBefore(c.at())) {
                    events.add(e);
                    state = Dossier.evolve(state, e);
                }
            }
        }
        events.addAll(decide(state, c, ctx));
        return events;
    }

    /** A claimed instant may be a minute ahead of this server's clock (the caller's clock drifts), no more. */
    private static void requireNotFuture(Instant at, Instant now, String field) {
        if (at.isAfter(now.plusSeconds(60))) {
            throw ProblemException.invalid(field, "is in the future", "thời điểm ở tương lai");
        }
    }

    /**
     * Appends, projects the read table and, for a live dossier ({@code sourceKey} null: imported history tells
     * nobody), writes the notices its events call for, all in the caller's transaction.
     */
    private Uni<DossierState> appendAndProject(UUID id, String code, int version, byte[] lastHash, DossierState before,
                                               List<DossierEvent> events, String sourceKey, Instant now,
                                               String lookupSecret) {
        DossierState[] after = {before};
        return appendAndProject(id, code, version, lastHash, before, events, sourceKey, now, lookupSecret, state -> {
            after[0] = state;
            return null;
        }, null).map(ignored -> after[0]);
    }

    /**
     * The same, answering from the new state before anything is written: the answer an Idempotency-Key remembers
     * ({@code remember}, null without a key) is written by the same statement as the events, the outbox rows, the
     * read-table row, the notices and the national portal's head.
     */
    private Uni<IdempotentRequests.Result> appendAndProject(UUID id, String code, int version, byte[] lastHash,
                                                            DossierState before, List<DossierEvent> events,
                                                            String sourceKey, Instant now, String lookupSecret,
                                                            Function<DossierState, IdempotentRequests.Result> answer,
                                                            IdempotentRequests.Remember remember) {
        if (events.isEmpty()) {
            // nothing to append: the caller's transaction remembers the answer, if asked to
            return Uni.createFrom().item(() -> answer.apply(before));
        }
        Planned planned = plan(id, code, version, lastHash, before, events, sourceKey, now, lookupSecret);
        IdempotentRequests.Result result = answer.apply(planned.state());
        DossierStore.Write write = remember == null || result == null ? planned.write()
                : planned.write().withAnswer(remember.take(result));
        return store.write(write).replaceWith(result);
    }

    /** The state after {@code events} and everything their append writes (without an Idempotency-Key's answer). */
    private record Planned(DossierState state, DossierStore.Write write) {
    }

    private Planned plan(UUID id, String code, int version, byte[] lastHash, DossierState before,
                         List<DossierEvent> events, String sourceKey, Instant now, String lookupSecret) {
        DossierState after = before;
        for (DossierEvent e : events) {
            after = Dossier.evolve(after, e);
        }
        DossierState state = after;
        // imported history tells nobody
        List<vn.motcua.dossier.store.NoticeStore.NewNotice> toSend = sourceKey == null && noticesEnabled
                ? noticesFor(id, code, version, events, state, lookupSecret) : List.of();
        int lastChange = lastChange(version, events);
        // the national portal sync's checkpoint moves with the change, in the same transaction
        DossierStore.PortalHead portal = lastChange == 0 ? null : new DossierStore.PortalHead(lastChange,
                state.competentUnit() != null ? state.competentUnit() : state.receivingUnit());
        return new Planned(state, new DossierStore.Write(id, code, version, lastHash, events, now,
                projector.row(id, state, version + events.size(), sourceKey, now), portal, toSend, null));
    }

    /** The version of the last event that changes what the national portal holds, or 0 when none does. */
    private static int lastChange(int version, List<DossierEvent> events) {
        for (int i = events.size() - 1; i >= 0; i--) {
            if (vn.motcua.dossier.domain.NationalPortal.changesDossier(events.get(i))) {
                return version + i + 1;
            }
        }
        return 0;
    }

    private static List<vn.motcua.dossier.store.NoticeStore.NewNotice> noticesFor(
            UUID id, String code, int version, List<DossierEvent> events, DossierState state, String lookupSecret) {
        Types.NoticeChannel channel = Notices.channelOf(state.applicant());
        if (channel == Types.NoticeChannel.NONE) {
            return List.of();
        }
        String to = Notices.recipient(state.applicant(), channel);
        List<vn.motcua.dossier.store.NoticeStore.NewNotice> out = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            int v = version + i + 1;
            Notices.forEvent(events.get(i)).ifPresent(kind -> out.add(new vn.motcua.dossier.store.NoticeStore.NewNotice(
                    id, code, v, kind, channel, to, state.competentUnit(),
                    kind == Types.NoticeKind.RECEIPT ? lookupSecret : null)));
        }
        return out;
    }

    /**
     * Records a notice's last attempt: appends its receipt to the dossier's stream and closes the notice, in one
     * transaction (so a receipt is appended once per notice, whichever sender instance got there).
     *
     * @return false when the notice was already closed
     */
    public Uni<Boolean> recordNotice(long noticeId, UUID dossierId, Types.NoticeKind kind, Types.NoticeChannel channel,
                                     int forVersion, boolean delivered, int attempts, String detail) {
        return Panache.withTransaction(() -> {
            Instant now = clock.instant();
            return notices.close(noticeId, delivered, attempts, detail, now).chain(closed -> {
                if (!closed) {
                    return Uni.createFrom().item(false);
                }
                return store.load(dossierId).chain(stream -> {
                    List<DossierEvent> events = decide(stream.state(), new DossierCommand.RecordNotice(kind, channel,
                            forVersion, delivered, attempts, now), null);
                    return appendAndProject(dossierId, stream.state().dossierCode(), stream.version(),
                            stream.lastHash(), stream.state(), events, null, now, null).replaceWith(true);
                });
            });
        });
    }

    /**
     * Records the portal's acceptance of the copy of {@code forVersion} and, when it is the first one or the first
     * after a refusal, appends its receipt to the stream, in one transaction. Empty when the sync instance
     * ({@code owner}) no longer holds the dossier.
     */
    public Uni<Boolean> recordPortalAcceptance(UUID dossierId, UUID owner, int forVersion, int portalStatus,
                                               boolean last, int streamVersion, Instant leaseUntil) {
        return Panache.withTransaction(() -> {
            Instant now = clock.instant();
            // the receipt before the sync's row is locked, the order a command's write takes them in (its event,
            // then the row): a sync that locked the row first could deadlock with a command (PostgreSQL then rolled
            // the command back after a second); in the same order the later one waits, loses its append and runs again
            return portalSync.announcement(dossierId, owner).chain(announce -> {
                if (announce.isEmpty()) {
                    return Uni.createFrom().item(false);
                }
                Uni<Void> receipt = announce.get() ? appendReceipt(dossierId,
                        new DossierCommand.RecordPortalAcceptance(forVersion, portalStatus, now)).replaceWithVoid()
                        : Uni.createFrom().voidItem();
                return receipt.chain(() -> portalSync.accepted(dossierId, owner, forVersion, portalStatus, last,
                        streamVersion, now, leaseUntil)).chain(DossierCommands::keptIfHeld);
            });
        });
    }

    /** The transaction commits when the sync still held the dossier; otherwise nothing of it is kept. */
    private static Uni<Boolean> keptIfHeld(boolean held) {
        return held ? Uni.createFrom().item(true)
                : Panache.currentTransaction().invoke(tx -> tx.markForRollback()).replaceWith(false);
    }

    /**
     * Records the portal's refusal of the copy of {@code forVersion} (its later changes wait behind it) and appends
     * its receipt, in one transaction. False when the sync instance no longer holds the dossier.
     */
    public Uni<Boolean> recordPortalRefusal(UUID dossierId, UUID owner, int forVersion, String errorCode,
                                            String errorMessage) {
        return Panache.withTransaction(() -> {
            Instant now = clock.instant();
            // the receipt first, as for an acceptance
            return appendReceipt(dossierId, new DossierCommand.RecordPortalRefusal(forVersion, errorCode,
                    errorMessage, now))
                    .chain(() -> portalSync.refused(dossierId, owner, forVersion, errorCode, errorMessage, now))
                    .chain(DossierCommands::keptIfHeld);
        });
    }

    private Uni<DossierState> appendReceipt(UUID dossierId, DossierCommand receipt) {
        return store.load(dossierId).chain(stream -> appendAndProject(dossierId, stream.state().dossierCode(),
                stream.version(), stream.lastHash(), stream.state(), decide(stream.state(), receipt, null), null,
                receipt.at(), null));
    }

    public Dossier.Context context(WorkingCalendar calendar) {
        return new Dossier.Context(calendar, ruleSets);
    }

    /** The dossier for the REST layer to show, classified once it is completed. */
    public DossierSnapshot snapshot(UUID id, int version, DossierState s, boolean personal, Dossier.Context ctx,
                                    Instant asOf, String lookupSecret) {
        Timeliness t = s.completedAt() != null && s.procedure() != null ? Dossier.classify(s, ctx) : null;
        return new DossierSnapshot(id, version, s, personal, t, asOf, lookupSecret);
    }

    /** A dossier reference is its id or its code. */
    public Uni<UUID> resolve(String ref) {
        try {
            return Uni.createFrom().item(UUID.fromString(ref));
        } catch (IllegalArgumentException notAnId) {
            return DossierViewEntity.<DossierViewEntity>find("dossierCode", ref).firstResult().map(v -> {
                if (v == null) {
                    throw DossierAccess.notFound(ref);
                }
                return v.dossierId;
            });
        }
    }
}
