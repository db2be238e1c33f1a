package vn.motcua.satisfaction.store;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import vn.motcua.satisfaction.events.SatisfactionEvent;
import vn.motcua.satisfaction.events.SatisfactionEventCodec;
import vn.motcua.satisfaction.events.SatisfactionEventEnvelope;
import vn.motcua.satisfaction.events.SatisfactionTopics;

import java.time.Instant;
import java.util.UUID;

/** Puts an event in the outbox, in the caller's transaction: it is published if and only if that commits. */
@ApplicationScoped
public class Outbox {
    private final SatisfactionEventCodec codec = new SatisfactionEventCodec();
    private final vn.motcua.outbox.Outbox outbox;

    public Outbox(vn.motcua.outbox.Outbox outbox) {
        this.outbox = outbox;
    }

    public Uni<Void> add(UUID dossierId, String dossierCode, String unitCode, SatisfactionEvent event, Instant now) {
        SatisfactionEventEnvelope envelope = SatisfactionEventEnvelope.of(UUID.randomUUID(), dossierId, dossierCode,
                unitCode, now, event);
        return outbox.append(envelope.eventId(), SatisfactionTopics.EVENTS, envelope.key(), envelope.type(),
                codec.writeString(envelope), now);
    }
}
