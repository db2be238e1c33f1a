package vn.motcua.dossier.messaging.portal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import vn.motcua.catalog.events.ProcedureSnapshot;
import vn.motcua.dossier.app.CatalogReplica;
import vn.motcua.dossier.app.DossierCommands;
import vn.motcua.dossier.domain.Dossier;
import vn.motcua.dossier.domain.DossierEvent;
import vn.motcua.dossier.domain.DossierState;
import vn.motcua.dossier.domain.NationalPortal;
import vn.motcua.dossier.messaging.Retries;
import vn.motcua.dossier.store.DossierStore;
import vn.motcua.dossier.store.PortalSyncStore;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Synchronises dossiers to the national public-service portal (DVCQG, DOMAIN.md §7), from dossier-service's own
 * event store: personal data never travels on Kafka, and the sync needs no broker at all. Each due dossier (its
 * {@code portal_sync} row is raised in the transaction that appends a change) is leased to one instance, and every
 * change not yet accepted is sent in order, one copy per version: the dossier call, then the progress call. An
 * "already exists" answer is sent again as an update; a timeout or outage is tried again with exponential backoff;
 * a refusal holds the dossier (its later changes wait) until an admin resends it. What the portal accepted is
 * recorded before the next version is sent, so a restart resends nothing it accepted (but for the one call whose
 * answer was lost in the crash, which the portal takes again as an update).
 */
@ApplicationScoped
public class PortalSync {
    private static final Logger LOG = Logger.getLogger(PortalSync.class);

    private final PortalSyncStore syncs;
    private final DossierStore store;
    private final CatalogReplica catalog;
    private final DossierCommands commands;
    private final PortalClient portal;
    private final Clock clock;
    private final boolean enabled;
    private final int batchSize;
    private final Duration firstBackoff;
    private final Duration maxBackoff;
    private final Duration lease;
    private final UUID instance = UUID.randomUUID();

    public PortalSync(PortalSyncStore syncs, DossierStore store, CatalogReplica catalog, DossierCommands commands,
                      PortalClient portal, Clock clock,
                      @ConfigProperty(name = "motcua.portal.enabled", defaultValue = "false") boolean enabled,
                      @ConfigProperty(name = "motcua.portal.batch-size", defaultValue = "20") int batchSize,
                      @ConfigProperty(name = "motcua.portal.retry.first-backoff", defaultValue = "PT30S") Duration firstBackoff,
                      @ConfigProperty(name = "motcua.portal.retry.max-backoff", defaultValue = "PT1H") Duration maxBackoff,
                      @ConfigProperty(name = "motcua.portal.lease", defaultValue = "PT2M") Duration lease) {
        this.syncs = syncs;
        this.store = store;
        this.catalog = catalog;
        this.commands = commands;
        this.portal = portal;
        this.clock = clock;
        this.enabled = enabled;
        this.batchSize = batchSize;
        this.firstBackoff = firstBackoff;
        this.maxBackoff = maxBackoff;
        this.lease = lease;
    }

    public boolean enabled() {
        return enabled;
    }

    @Scheduled(every = "${motcua.portal.poll-interval:2s}", delayed = "${motcua.portal.initial-delay:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, identity = "portal-sync")
    void scheduled() {
        if (!enabled) {
            return;
        }
        Retries.drain(this::syncDue, batchSize, LOG, "portal sync");
    }

    /** One batch: syncs the dossiers due now. Returns how many it claimed. */
    public int syncDue() throws Exception {
        Instant now = clock.instant();
        List<PortalSyncStore.Row> due = syncs.claim(instance, now, now.plus(lease), batchSize);
        for (PortalSyncStore.Row row : due) {
            try {
                sync(row);
            } catch (Exception e) {
                // this dossier could not be read or recorded now: tried again after its backoff, the others go on
                LOG.warnf("portal sync of %s: %s", row.dossierCode(), e.toString());
                Instant at = clock.instant();
                syncs.retryLater(row.dossierId(), instance, e.toString(), at, at.plus(backoff(row.attempts())));
            }
        }
        return due.size();
    }

    private void sync(PortalSyncStore.Row row) throws Exception {
        DossierStore.Stream stream = await(() -> Panache.withSession(() -> store.load(row.dossierId())));
        List<DossierEvent> events = stream.events().stream().map(DossierStore.Stored::event).toList();
        List<Integer> versions = new ArrayList<>();
        for (int v = row.versionSent() + 1; v <= events.size(); v++) {
            if (NationalPortal.changesDossier(events.get(v - 1))) {
                versions.add(v);
            }
        }
        if (versions.isEmpty()) {
            syncs.nothingToSend(row.dossierId(), instance, stream.version(), clock.instant());
            return;
        }
        PortalMapping.Field field = field(stream.state());
        boolean portalHasIt = row.portalHasIt();
        int dossierCallVersion = row.dossierCallVersion();
        boolean anyAccepted = row.versionSent() > 0;
        for (int i = 0; i < versions.size(); i++) {
            int v = versions.get(i);
            List<DossierEvent> upTo = events.subList(0, v);
            DossierState state = Dossier.replay(upTo);
            if (dossierCallVersion < v) {
                PortalClient.Answer answer = portal.send(PortalMapping.dossierCall(state, upTo, field, portalHasIt));
                if (answer instanceof PortalClient.AlreadyExists && !portalHasIt) {
                    // the portal has it (a create whose answer was lost, or typed in by hand): update it instead
                    answer = portal.send(PortalMapping.dossierCall(state, upTo, field, true));
                } else if (answer instanceof PortalClient.NotHeld && portalHasIt) {
                    // the portal lost it: create it again, whole
                    answer = portal.send(PortalMapping.dossierCall(state, upTo, field, false));
                }
                if (!(answer instanceof PortalClient.Accepted)) {
                    failed(row, v, answer, state);
                    return;
                }
                portalHasIt = true;
                dossierCallVersion = v;
                if (!syncs.dossierCallAccepted(row.dossierId(), instance, v, clock.instant().plus(lease))) {
                    return; // another instance took it over (our lease ran out): it goes on from what is recorded
                }
            }
            var progress = PortalMapping.progressCall(state, anyAccepted);
            if (progress.isPresent()) {
                PortalClient.Answer answer = portal.send(progress.get());
                if (!(answer instanceof PortalClient.Accepted)) {
                    failed(row, v, answer, state);
                    return;
                }
            }
            boolean last = i == versions.size() - 1;
            Instant leaseUntil = clock.instant().plus(lease);
            Boolean held = retried(() -> commands.recordPortalAcceptance(row.dossierId(), instance, v,
                    PortalMapping.status(state), last, stream.version(), leaseUntil));
            if (!Boolean.TRUE.equals(held)) {
                return;
            }
            anyAccepted = true;
        }
    }

    private void failed(PortalSyncStore.Row row, int version, PortalClient.Answer answer, DossierState state)
            throws Exception {
        // an "already exists" or "not held" left after the other kind of call is the portal's word on this copy too
        PortalClient.Refused refusal = answer instanceof PortalClient.Refused r ? r
                : answer instanceof PortalClient.AlreadyExists ? new PortalClient.Refused(PortalMapping.ALREADY_EXISTS,
                answer.detail())
                : answer instanceof PortalClient.NotHeld ? new PortalClient.Refused(PortalMapping.NOT_HELD,
                answer.detail()) : null;
        if (refusal != null) {
            PortalClient.Refused r = refusal;
            String message = PortalMapping.withoutPersonalData(r.message(), state.applicant());
            retried(() -> commands.recordPortalRefusal(row.dossierId(), instance, version, r.errorCode(), message));
            LOG.warnf("portal refused %s version %d: %s %s", row.dossierCode(), version, r.errorCode(), message);
            return;
        }
        Instant now = clock.instant();
        syncs.retryLater(row.dossierId(), instance, answer.detail(), now, now.plus(backoff(row.attempts())));
        LOG.debugf("portal sync of %s: attempt %d failed, retried later: %s", row.dossierCode(), row.attempts(),
                answer.detail());
    }

    /** 30 s, 1 min, 2 min, ... up to the maximum: retried for as long as it takes, nothing given up. */
    Duration backoff(int attempt) {
        return Retries.backoff(firstBackoff, maxBackoff, attempt);
    }

    private PortalMapping.Field field(DossierState state) throws Exception {
        if (state.procedure() == null) {
            return PortalMapping.Field.UNKNOWN;
        }
        ProcedureSnapshot p = await(() -> Panache.withSession(() -> catalog.procedure(state.procedure().code())));
        return p == null ? PortalMapping.Field.UNKNOWN : new PortalMapping.Field(p.fieldCode(), p.fieldNameVi());
    }

    /** A command appended to the dossier meanwhile (409): its receipt is appended after it on the next try. */
    private static <T> T retried(Supplier<Uni<T>> work) throws Exception {
        for (int tries = 1; ; tries++) {
            try {
                return await(work);
            } catch (Exception e) {
                if (tries >= 3) {
                    throw e;
                }
            }
        }
    }

    private static <T> T await(Supplier<Uni<T>> work) throws Exception {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (Exception e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }
}
