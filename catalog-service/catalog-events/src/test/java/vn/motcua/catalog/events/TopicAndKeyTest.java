package vn.motcua.catalog.events;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Topics are compacted current-state feeds: the record key is the entity's identity, so every event about one entity
 * must land on the same topic with the same key (and therefore the same partition, in order).
 */
class TopicAndKeyTest {

    @Test
    void unitEventsAreKeyedByUnitCodeOnTheUnitsTopic() {
        CatalogEvent registered = CatalogEventFixtures.unitRegistered();
        CatalogEvent updated = CatalogEventFixtures.unitUpdated();

        assertThat(registered.topic()).isEqualTo(CatalogTopics.UNITS).isEqualTo("motcua.catalog.units.v1");
        assertThat(registered.key()).isEqualTo("26734");
        assertThat(updated.topic()).isEqualTo(CatalogTopics.UNITS);
        assertThat(updated.key()).isEqualTo("760");
    }

    @Test
    void registeringAndUpdatingOneUnitShareTheKey() {
        UnitSnapshot unit = CatalogEventFixtures.unitRegistered().unit();
        CatalogEvent updated = new CatalogEvent.UnitUpdated(UUID.randomUUID(),
                CatalogEventFixtures.OCCURRED_AT, 1, new UnitSnapshot(unit.code(), "Phường Sài Gòn (mới)",
                unit.type(), unit.parentCode(), unit.validFrom(), null));

        assertThat(updated.key()).isEqualTo(CatalogEventFixtures.unitRegistered().key());
        assertThat(updated.topic()).isEqualTo(CatalogEventFixtures.unitRegistered().topic());
    }

    @Test
    void procedureEventsAreKeyedByProcedureCodeOnTheProceduresTopic() {
        CatalogEvent published = CatalogEventFixtures.procedurePublished();
        CatalogEvent amended = CatalogEventFixtures.procedureAmended();
        CatalogEvent abolished = CatalogEventFixtures.procedureAbolished();

        assertThat(published.topic()).isEqualTo(CatalogTopics.PROCEDURES).isEqualTo("motcua.catalog.procedures.v1");
        assertThat(published.key()).isEqualTo("1.001193");
        assertThat(amended.topic()).isEqualTo(CatalogTopics.PROCEDURES);
        assertThat(amended.key()).isEqualTo("1.004227");
        assertThat(abolished.topic()).isEqualTo(CatalogTopics.PROCEDURES);
        assertThat(abolished.key()).isEqualTo("2.000635");
    }

    @Test
    void commitmentEventsAreKeyedByUnitCodeSlashProcedureCodeOnTheCommitmentsTopic() {
        CatalogEvent set = CatalogEventFixtures.commitmentSet();
        CatalogEvent withdrawn = CatalogEventFixtures.commitmentWithdrawn();

        assertThat(set.topic()).isEqualTo(CatalogTopics.COMMITMENTS).isEqualTo("motcua.catalog.commitments.v1");
        assertThat(set.key()).isEqualTo("26734/1.004227");
        assertThat(withdrawn.topic()).isEqualTo(CatalogTopics.COMMITMENTS);
        assertThat(withdrawn.key()).isEqualTo("26734/1.001612");
    }

    @Test
    void calendarEventsAreKeyedByYearOnTheCalendarsTopic() {
        CatalogEvent published = CatalogEventFixtures.calendarYearPublished();

        assertThat(published.topic()).isEqualTo(CatalogTopics.CALENDARS).isEqualTo("motcua.catalog.calendars.v1");
        assertThat(published.key()).isEqualTo("2025");
    }

    @Test
    void everyEventTypeUsesOneOfTheDeclaredTopicsAndEveryTopicIsUsed() {
        Map<String, Long> eventsPerTopic = CatalogEventFixtures.oneOfEach().stream()
                .collect(Collectors.groupingBy(CatalogEvent::topic, Collectors.counting()));

        assertThat(eventsPerTopic).containsOnlyKeys(CatalogTopics.ALL);
        assertThat(CatalogTopics.ALL).doesNotHaveDuplicates().hasSize(4);
    }

    @Test
    void keyAndTopicAreNotPartOfTheDocument() {
        // They travel as Kafka record key and topic; the JSON carries the entity itself.
        String json = new CatalogEventCodec().writeString(CatalogEventFixtures.commitmentSet());

        assertThat(json).doesNotContain("\"key\"").doesNotContain("\"topic\"");
    }
}
