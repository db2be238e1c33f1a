package vn.motcua.satisfaction.events;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;
import vn.motcua.satisfaction.events.SatisfactionEvent.BallotInvalid;
import vn.motcua.satisfaction.events.SatisfactionEvent.RatingRecorded;

import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Names, topic, key and the envelope's rules: every type has one contract name that maps back to it, every event of a
 * dossier goes to the one topic with the dossier id as key, and only a ballot of an unknown dossier may lack the
 * dossier and its unit.
 */
class TypeNamesTopicAndEnvelopeTest {
    private static final Instant RECORDED = Instant.parse("2026-12-14T02:31:00Z");

    @ParameterizedTest
    @EnumSource(SatisfactionEventType.class)
    void everyTypeNameMapsBackAndForth(SatisfactionEventType type) {
        assertThat(SatisfactionEventType.byName(type.typeName())).contains(type);
        assertThat(SatisfactionEventType.of(type.eventClass())).isEqualTo(type);
        assertThat(type.schemaVersion()).isEqualTo(SatisfactionEventType.SCHEMA_VERSION).isEqualTo(1);
    }

    @ParameterizedTest
    @EnumSource(SatisfactionEventType.class)
    void theContractNameIsTheRecordsName(SatisfactionEventType type) {
        assertThat(type.typeName()).isEqualTo(type.eventClass().getSimpleName());
    }

    @Test
    void everyEventRecordHasExactlyOneName() {
        assertThat(Arrays.stream(SatisfactionEventType.values()).<Class<?>>map(SatisfactionEventType::eventClass))
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrder(SatisfactionEvent.class.getPermittedSubclasses());
        assertThat(Arrays.stream(SatisfactionEventType.values()).map(SatisfactionEventType::typeName))
                .doesNotHaveDuplicates().hasSize(4);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Rating", "ratingRecorded", "RATING_RECORDED", "SatisfactionRatingRecorded", "Answer",
            "Due", ""})
    void anyOtherNameIsUnknown(String name) {
        assertThat(SatisfactionEventType.byName(name)).isEmpty();
    }

    @Test
    void aNullNameIsUnknown() {
        assertThat(SatisfactionEventType.byName(null)).isEmpty();
    }

    @Test
    void theTopicIsVersionedAndKeptForever() {
        assertThat(SatisfactionTopics.EVENTS).isEqualTo("motcua.satisfaction.events.v1");
        assertThat(SatisfactionTopics.TOPIC_CONFIG)
                .isEqualTo(Map.of("cleanup.policy", "delete", "retention.ms", "-1"));
    }

    @Test
    void theKeyIsTheDossierId() {
        assertThat(SatisfactionEventFixtures.ofType("RatingRecorded").key())
                .isEqualTo("0b6f3c2e-58a1-4d7e-9c3b-2f1a0e9d8c7b")
                .isEqualTo(SatisfactionEventFixtures.DOSSIER_A.toString());
    }

    @Test
    void everyEventOfOneDossierHasTheSameKey() {
        // the rating, its complaint opened and resolved, and the duplicate paper ballot of dossier A
        assertThat(SatisfactionEventFixtures.examples().values().stream()
                .filter(e -> SatisfactionEventFixtures.DOSSIER_A.equals(e.dossierId()))
                .map(SatisfactionEventEnvelope::key).distinct())
                .hasSize(1);
        assertThat(SatisfactionEventFixtures.examples().values().stream()
                .filter(e -> SatisfactionEventFixtures.DOSSIER_A.equals(e.dossierId()))).hasSize(4);
    }

    @Test
    void aBallotOfAnUnknownDossierIsKeyedByTheCodeItCarries() {
        SatisfactionEventEnvelope unknown = SatisfactionEventFixtures.example("BallotInvalid-dossier-unknown");

        assertThat(unknown.dossierId()).isNull();
        assertThat(unknown.key()).isEqualTo("code:000.00.20.H40-261123-0091");
    }

    @Test
    void theKeyIsNotRepeatedInTheDocument() {
        String json = new SatisfactionEventCodec().writeString(SatisfactionEventFixtures.ofType("ComplaintOpened"));

        assertThat(json).doesNotContain("\"key\"").doesNotContain("\"topic\"");
    }

    @Test
    void theFactoryTakesTypeVersionAndOccurredAtFromTheEvent() {
        RatingRecorded rating = SatisfactionEventFixtures.ratingRecorded();
        UUID eventId = UUID.randomUUID();

        SatisfactionEventEnvelope envelope = SatisfactionEventEnvelope.of(eventId, SatisfactionEventFixtures.DOSSIER_A,
                SatisfactionEventFixtures.CODE_A, SatisfactionEventFixtures.PC06, RECORDED, rating);

        assertThat(envelope).isEqualTo(new SatisfactionEventEnvelope(eventId, "RatingRecorded", 1,
                SatisfactionEventFixtures.DOSSIER_A, SatisfactionEventFixtures.CODE_A, SatisfactionEventFixtures.PC06,
                rating.collectedAt(), RECORDED, rating));
    }

    @Test
    void occurredAtIsWhenTheCitizenAnsweredOrTheComplaintWasOpenedOrResolved() {
        assertThat(SatisfactionEventFixtures.oneOfEach())
                .allSatisfy(e -> assertThat(e.occurredAt()).as(e.type()).isEqualTo(expectedOccurredAt(e.data())));
    }

    private static Instant expectedOccurredAt(SatisfactionEvent event) {
        if (event instanceof RatingRecorded rating) {
            return rating.collectedAt();
        }
        if (event instanceof BallotInvalid ballot) {
            return ballot.collectedAt();
        }
        if (event instanceof SatisfactionEvent.ComplaintOpened opened) {
            return opened.openedAt();
        }
        return ((SatisfactionEvent.ComplaintResolved) event).resolvedAt();
    }

    @Test
    void anEnvelopeWhoseTypeDoesNotMatchItsDataCannotBeBuilt() {
        RatingRecorded rating = SatisfactionEventFixtures.ratingRecorded();

        assertThatThrownBy(() -> new SatisfactionEventEnvelope(UUID.randomUUID(), "BallotInvalid", 1,
                SatisfactionEventFixtures.DOSSIER_A, SatisfactionEventFixtures.CODE_A, SatisfactionEventFixtures.PC06,
                rating.at(), RECORDED, rating))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("RatingRecorded");
        assertThatThrownBy(() -> new SatisfactionEventEnvelope(UUID.randomUUID(), null, 1,
                SatisfactionEventFixtures.DOSSIER_A, SatisfactionEventFixtures.CODE_A, SatisfactionEventFixtures.PC06,
                rating.at(), RECORDED, rating))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("type");
    }

    @Test
    void aBallotOfAnUnknownDossierNeedsNeitherDossierNorUnit() {
        BallotInvalid unknown = SatisfactionEventFixtures.unknownDossierBallot();

        SatisfactionEventEnvelope envelope = SatisfactionEventEnvelope.of(UUID.randomUUID(), null,
                SatisfactionEventFixtures.UNKNOWN_CODE, null, RECORDED, unknown);

        assertThat(envelope.dossierId()).isNull();
        assertThat(envelope.unitCode()).isNull();
    }

    @ParameterizedTest
    @EnumSource(value = InvalidReason.class, names = "DOSSIER_UNKNOWN", mode = EnumSource.Mode.EXCLUDE)
    void anyOtherBallotNeedsItsDossierAndUnit(InvalidReason reason) {
        BallotInvalid ballot = new BallotInvalid(UUID.randomUUID(), "PAPER", reason.status().name(), reason.name(),
                reason.textVi(), "PC06-2026-001204", Instant.parse("2026-12-14T02:30:00Z"));

        assertThatThrownBy(() -> SatisfactionEventEnvelope.of(UUID.randomUUID(), null,
                SatisfactionEventFixtures.CODE_A, SatisfactionEventFixtures.PC06, RECORDED, ballot))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dossierId");
        assertThatThrownBy(() -> SatisfactionEventEnvelope.of(UUID.randomUUID(), SatisfactionEventFixtures.DOSSIER_A,
                SatisfactionEventFixtures.CODE_A, null, RECORDED, ballot))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unitCode");
    }

    @ParameterizedTest
    @EnumSource(value = SatisfactionEventType.class, names = "BALLOT_INVALID", mode = EnumSource.Mode.EXCLUDE)
    void everyOtherEventNeedsItsDossierAndUnit(SatisfactionEventType type) {
        SatisfactionEvent event = SatisfactionEventFixtures.ofType(type.typeName()).data();

        assertThatThrownBy(() -> SatisfactionEventEnvelope.of(UUID.randomUUID(), null,
                SatisfactionEventFixtures.CODE_A, SatisfactionEventFixtures.PC06, RECORDED, event))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dossierId");
        assertThatThrownBy(() -> SatisfactionEventEnvelope.of(UUID.randomUUID(), SatisfactionEventFixtures.DOSSIER_A,
                SatisfactionEventFixtures.CODE_A, null, RECORDED, event))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unitCode");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void aBlankDossierCodeOrUnitCannotBeBuilt(String blank) {
        RatingRecorded rating = SatisfactionEventFixtures.ratingRecorded();

        assertThatThrownBy(() -> SatisfactionEventEnvelope.of(UUID.randomUUID(), SatisfactionEventFixtures.DOSSIER_A,
                blank, SatisfactionEventFixtures.PC06, RECORDED, rating))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dossierCode");
        assertThatThrownBy(() -> SatisfactionEventEnvelope.of(UUID.randomUUID(), SatisfactionEventFixtures.DOSSIER_A,
                SatisfactionEventFixtures.CODE_A, blank, RECORDED, rating))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unitCode");
    }

    @Test
    void theIdsInstantsAndDataAreRequired() {
        RatingRecorded rating = SatisfactionEventFixtures.ratingRecorded();
        UUID dossier = SatisfactionEventFixtures.DOSSIER_A;
        String code = SatisfactionEventFixtures.CODE_A;
        String unit = SatisfactionEventFixtures.PC06;

        assertThatThrownBy(() -> SatisfactionEventEnvelope.of(null, dossier, code, unit, RECORDED, rating))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("eventId");
        assertThatThrownBy(() -> SatisfactionEventEnvelope.of(UUID.randomUUID(), dossier, code, unit, null, rating))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("recordedAt");
        assertThatThrownBy(() -> SatisfactionEventEnvelope.of(UUID.randomUUID(), dossier, code, unit, RECORDED, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("data");
        RatingRecorded undated = new RatingRecorded(rating.ratingId(), rating.channel(), rating.criteriaSet(),
                rating.answers(), rating.overall(), rating.satisfied(), rating.withComment(), rating.complaint(), null,
                null, rating.returnedAt());
        assertThatThrownBy(() -> SatisfactionEventEnvelope.of(UUID.randomUUID(), dossier, code, unit, RECORDED,
                undated)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("occurredAt");
        assertThatThrownBy(() -> new SatisfactionEventEnvelope(UUID.randomUUID(), "RatingRecorded", 0, dossier, code,
                unit, rating.at(), RECORDED, rating))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("schemaVersion");
    }
}
