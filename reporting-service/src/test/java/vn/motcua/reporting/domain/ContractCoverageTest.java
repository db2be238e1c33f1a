package vn.motcua.reporting.domain;

import org.junit.jupiter.api.Test;
import vn.motcua.catalog.events.CatalogEvent;
import vn.motcua.dossier.domain.DossierEvent;
import vn.motcua.satisfaction.events.SatisfactionEvent;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The producers own their event types; this consumer must decide about each one. When a producer adds a type,
 * these tests fail until the projections handle it or ignore it on purpose (unknown types on the wire are skipped
 * at run time, so nothing breaks meanwhile).
 */
class ContractCoverageTest {

    static Set<String> permitted(Class<?> sealed) {
        return Arrays.stream(sealed.getPermittedSubclasses()).map(Class::getSimpleName).collect(Collectors.toSet());
    }

    @Test
    void everyDossierEventTypeIsFoldedIntoTheFactOrIgnoredOnPurpose() {
        Set<String> folded = Set.of("Received", "RefusedAtReception", "RefusedAfterAppraisal", "SupplementRequested",
                "SupplementSupplied", "Transferred", "PaymentRequested", "PaymentRecorded", "Processed", "Overdue",
                "Apologized", "DueDateChanged", "Returned", "Stopped", "Withdrawn");
        Set<String> ignored = Set.of("Consulted"); // a question to another unit: no figure depends on it
        assertThat(permitted(DossierEvent.class)).containsExactlyInAnyOrderElementsOf(
                java.util.stream.Stream.concat(folded.stream(), ignored.stream()).toList());
    }

    @Test
    void everySatisfactionEventTypeIsProjectedOrIgnoredOnPurpose() {
        Set<String> projected = Set.of("RatingRecorded", "BallotInvalid", "ComplaintOpened");
        Set<String> ignored = Set.of("ComplaintResolved"); // complaint handling times are satisfaction-service's own figures
        assertThat(permitted(SatisfactionEvent.class)).containsExactlyInAnyOrderElementsOf(
                java.util.stream.Stream.concat(projected.stream(), ignored.stream()).toList());
    }

    @Test
    void everyCatalogEventTypeIsReplicated() {
        assertThat(permitted(CatalogEvent.class)).containsExactlyInAnyOrder("UnitRegistered", "UnitUpdated",
                "ProcedurePublished", "ProcedureAmended", "ProcedureAbolished", "CommitmentSet", "CommitmentWithdrawn",
                "CalendarYearPublished");
    }
}
