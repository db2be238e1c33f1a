package vn.motcua.dossier.messaging;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import vn.motcua.dossier.app.CatalogReplica;
import vn.motcua.dossier.app.DossierCommands;
import vn.motcua.dossier.app.NoticeTexts;
import vn.motcua.dossier.domain.Dossier;
import vn.motcua.dossier.domain.DossierEvent;
import vn.motcua.dossier.domain.DossierState;
import vn.motcua.dossier.domain.Types.NoticeChannel;
import vn.motcua.dossier.store.DossierStore;
import vn.motcua.dossier.store.NoticeStore;
import vn.motcua.duedate.WorkingCalendar;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * Delivers the notice outbox: claims due notices (each dossier's in order), renders each from the dossier as it was
 * at its event, sends it on its channel and records the attempt. A failed attempt is tried again with exponential
 * backoff ({@code motcua.notices.retry.*}); after the last attempt, or when the server refuses the message for good,
 * the notice is given up: its receipt (delivered or not) is appended to the dossier's stream and the desk finds it in
 * the list of failures with the applicant's contact. Several instances share the work (leases, SKIP LOCKED).
 */
@ApplicationScoped
public class NoticeSender {
    private static final Logger LOG = Logger.getLogger(NoticeSender.class);

    private final NoticeStore notices;
    private final DossierStore store;
    private final CatalogReplica catalog;
    private final DossierCommands commands;
    private final NoticeTexts texts;
    private final EmailChannel email;
    private final SmsChannel sms;
    private final Clock clock;
    private final boolean enabled;
    private final int batchSize;
    private final int maxAttempts;
    private final Duration firstBackoff;
    private final Duration maxBackoff;
    private final Duration lease;

    public NoticeSender(NoticeStore notices, DossierStore store, CatalogReplica catalog, DossierCommands commands,
                        NoticeTexts texts, EmailChannel email, SmsChannel sms, Clock clock,
                        @ConfigProperty(name = "motcua.notices.enabled", defaultValue = "false") boolean enabled,
                        @ConfigProperty(name = "motcua.notices.batch-size", defaultValue = "50") int batchSize,
                        @ConfigProperty(name = "motcua.notices.retry.max-attempts", defaultValue = "10") int maxAttempts,
                        @ConfigProperty(name = "motcua.notices.retry.first-backoff", defaultValue = "PT30S") Duration firstBackoff,
                        @ConfigProperty(name = "motcua.notices.retry.max-backoff", defaultValue = "PT2H") Duration maxBackoff,
                        @ConfigProperty(name = "motcua.notices.lease", defaultValue = "PT2M") Duration lease) {
        this.notices = notices;
        this.store = store;
        this.catalog = catalog;
        this.commands = commands;
        this.texts = texts;
        this.email = email;
        this.sms = sms;
        this.clock = clock;
        this.enabled = enabled;
        this.batchSize = batchSize;
        this.maxAttempts = maxAttempts;
        this.firstBackoff = firstBackoff;
        this.maxBackoff = maxBackoff;
        this.lease = lease;
    }

    @Scheduled(every = "${motcua.notices.poll-interval:2s}", delayed = "${motcua.notices.initial-delay:5s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, identity = "notice-sender")
    void scheduled() {
        if (!enabled) {
            return;
        }
        Retries.drain(this::sendDue, batchSize, LOG, "notice sender");
    }

    /** One batch: sends what is due now. Returns how many notices it tried. */
    public int sendDue() throws Exception {
        Instant now = clock.instant();
        List<NoticeStore.Notice> due = notices.claim(now, now.plus(lease), batchSize);
        for (NoticeStore.Notice n : due) {
            send(n);
        }
        return due.size();
    }

    private void send(NoticeStore.Notice n) throws Exception {
        NoticeDelivery outcome;
        try {
            NoticeTexts.Message message = render(n);
            outcome = n.channel() == NoticeChannel.EMAIL ? email.send(n.id(), n.recipient(), message)
                    : sms.send(n.id(), n.recipient(), message.text());
        } catch (NotRenderable e) {
            // a notice that cannot be rendered will not render next time either (a read that failed will: it throws)
            outcome = new NoticeDelivery.Refused("cannot render: " + e.getCause());
        }
        Instant now = clock.instant();
        if (outcome instanceof NoticeDelivery.Retry && n.attempts() < maxAttempts) {
            notices.retryLater(n.id(), n.attempts(), outcome.detail(), now, now.plus(backoff(n.attempts())));
            LOG.debugf("notice %d (%s %s): attempt %d failed, retried later: %s", n.id(), n.kind(), n.dossierCode(),
                    n.attempts(), outcome.detail());
            return;
        }
        boolean delivered = outcome instanceof NoticeDelivery.Delivered;
        NoticeDelivery last = outcome;
        for (int tries = 1; ; tries++) {
            try {
                VertxContextSupport.subscribeAndAwait(() -> commands.recordNotice(n.id(), n.dossierId(), n.kind(),
                        n.channel(), n.forVersion(), delivered, n.attempts(), last.detail()));
                break;
            } catch (Throwable e) {
                // a command appended to the dossier meanwhile (409): read it again and append after it
                if (tries >= 3) {
                    throw e instanceof Exception ex ? ex : new IllegalStateException(e);
                }
            }
        }
        if (!delivered) {
            LOG.warnf("notice %d (%s %s) given up after %d attempt(s): %s", n.id(), n.kind(), n.dossierCode(),
                    n.attempts(), outcome.detail());
        }
    }

    /** 30 s, 1 min, 2 min, ... up to the maximum. */
    Duration backoff(int attempt) {
        return Retries.backoff(firstBackoff, maxBackoff, attempt);
    }

    private NoticeTexts.Message render(NoticeStore.Notice n) {
        try {
            return renderOnContext(n);
        } catch (RuntimeException e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private NoticeTexts.Message renderOnContext(NoticeStore.Notice n) throws Throwable {
        DossierStore.Stream stream = VertxContextSupport.subscribeAndAwait(
                () -> Panache.withSession(() -> store.load(n.dossierId())));
        List<DossierEvent> upTo = stream.events().subList(0, Math.min(n.forVersion(), stream.events().size()))
                .stream().map(DossierStore.Stored::event).toList();
        DossierState state = Dossier.replay(upTo);
        DossierEvent event = upTo.get(upTo.size() - 1);
        String unitName = VertxContextSupport.subscribeAndAwait(() -> Panache.withSession(() -> catalog
                .unit(state.competentUnit(), event.at().atZone(WorkingCalendar.VIETNAM).toLocalDate(), "unit")
                .map(u -> u.nameVi()).onFailure().recoverWithItem(state.competentUnit())));
        try {
            return texts.render(n.kind(), n.channel(), n.dossierId(), state, event, unitName, n.lookupSecret());
        } catch (RuntimeException e) {
            throw new NotRenderable(e);
        }
    }

    private static final class NotRenderable extends RuntimeException {
        NotRenderable(Throwable cause) {
            super(cause);
        }
    }
}
