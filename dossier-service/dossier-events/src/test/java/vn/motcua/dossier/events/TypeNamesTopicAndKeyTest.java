package vn.motcua.dossier.events;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import vn.motcua.dossier.domain.DossierEvent;

import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Names, topic and key: every type has one contract name that maps back to it, every event of a dossier goes to
 * the one topic with the dossier id as key, so consumers see a dossier's events in order.
 */
class TypeNamesTopicAndKeyTest {

    @ParameterizedTest
    @EnumSource(DossierEventType.class)
    void everyTypeNameMapsBackAndForth(DossierEventType type) {
        assertThat(DossierEventType.byName(type.typeName())).contains(type);
        assertThat(DossierEventType.of(type.eventClass())).isEqualTo(type);
        assertThat(type.schemaVersion()).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(DossierEventType.class)
    void theContractNameIsTheDomainNameWithADossierPrefix(DossierEventType type) {
        assertThat(type.typeName()).isEqualTo("Dossier" + type.eventClass().getSimpleName());
    }

    @Test
    void everyDomainEventHasExactlyOneName() {
        assertThat(Arrays.stream(DossierEventType.values()).<Class<?>>map(DossierEventType::eventClass))
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrder(DossierEvent.class.getPermittedSubclasses());
        assertThat(Arrays.stream(DossierEventType.values()).map(DossierEventType::typeName))
                .doesNotHaveDuplicates().hasSize(19);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Received", "dossierReceived", "DOSSIER_RECEIVED", "DossierArchived", ""})
    void anyOtherNameIsUnknown(String name) {
        assertThat(DossierEventType.byName(name)).isEmpty();
    }

    @Test
    void aNullNameIsUnknown() {
        assertThat(DossierEventType.byName(null)).isEmpty();
    }

    @Test
    void theTopicIsVersionedAndKeptForever() {
        assertThat(DossierTopics.EVENTS).isEqualTo("motcua.dossier.events.v1");
        assertThat(DossierTopics.TOPIC_CONFIG)
                .isEqualTo(Map.of("cleanup.policy", "delete", "retention.ms", "-1"));
    }

    @Test
    void theKeyIsTheDossierId() {
        DossierEventEnvelope received = DossierEventFixtures.ofType("DossierReceived");

        assertThat(received.key()).isEqualTo("0b6f3c2e-58a1-4d7e-9c3b-2f1a0e9d8c7b")
                .isEqualTo(DossierEventFixtures.DOSSIER_A.toString());
    }

    @Test
    void everyEventOfOneDossierHasTheSameKey() {
        assertThat(DossierEventFixtures.oneOfEach().stream()
                .filter(e -> e.dossierId().equals(DossierEventFixtures.DOSSIER_A))
                .map(DossierEventEnvelope::key).distinct())
                .hasSize(1);
    }

    @Test
    void theKeyIsNotRepeatedInTheDocument() {
        String json = new DossierEventCodec().writeString(DossierEventFixtures.ofType("DossierReturned"));

        assertThat(json).doesNotContain("\"key\"").doesNotContain("\"topic\"");
    }

    @Test
    void theFactoryTakesTypeVersionAndOccurredAtFromTheEvent() {
        DossierEvent.Stopped stopped = DossierEventFixtures.stopped();
        UUID eventId = UUID.randomUUID();
        Instant recordedAt = Instant.parse("2026-12-01T09:00:00.180Z");

        DossierEventEnvelope envelope = DossierEventEnvelope.of(eventId, DossierEventFixtures.DOSSIER_D,
                DossierEventFixtures.CODE_D, 4, 102_377, recordedAt, stopped);

        assertThat(envelope).isEqualTo(new DossierEventEnvelope(eventId, "DossierStopped", 1,
                DossierEventFixtures.DOSSIER_D, DossierEventFixtures.CODE_D, 4, 102_377, stopped.at(), recordedAt,
                stopped));
    }

    @Test
    void anEnvelopeWhoseTypeDoesNotMatchItsDataCannotBeBuilt() {
        DossierEvent.Stopped stopped = DossierEventFixtures.stopped();

        assertThatThrownBy(() -> new DossierEventEnvelope(UUID.randomUUID(), "DossierWithdrawn", 1,
                DossierEventFixtures.DOSSIER_D, DossierEventFixtures.CODE_D, 4, 102_377, stopped.at(), stopped.at(),
                stopped)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("DossierStopped");
    }

    @Test
    void versionsStartAtOne() {
        assertThatThrownBy(() -> DossierEventEnvelope.of(UUID.randomUUID(), DossierEventFixtures.DOSSIER_A,
                DossierEventFixtures.CODE_A, 0, 1, Instant.now(), DossierEventFixtures.received()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("version");
    }
}
