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

    static final Set<String> FOLDED = Set.of("Received", "RefusedAtReception", "RefusedAfterAppraisal",
            "SupplementRequested", "SupplementSupplied", "Transferred", "PaymentRequested", "PaymentRecorded", "Processed",
            "Overdue", "Apologized", "DueDateChanged", "Returned", "Stopped", "Withdrawn", "ApplicantNotified",
            // the portal's answers: indicator 1.4 and its drill-down (DOMAIN.md §7)
            "SyncedToNationalPortal", "NationalPortalSyncRefused");
    static final Set<String> IGNORED = Set.of("Consulted"); // a question to another unit: no figure depends on it

    @Test
    void everyDossierEventTypeIsFoldedIntoTheFactOrIgnoredOnPurpose() {
        assertThat(permitted(DossierEvent.class)).containsExactlyInAnyOrderElementsOf(
                java.util.stream.Stream.concat(FOLDED.stream(), IGNORED.stream()).toList());
    }

    /**
     * What the list above claims, checked on the fact itself: in the contract's example streams, each event of a
     * folded type changes the fact folded so far, each event of an ignored type leaves it as it was.
     */
    @Test
    void aFoldedTypeChangesTheFactAndAnIgnoredTypeLeavesItAsItWas() {
        vn.motcua.duedate.WorkingCalendar calendar = vn.motcua.duedate.WorkingCalendar.of(java.util.List.of());
        Set<String> seen = new java.util.TreeSet<>();
        for (java.util.List<DossierEvent> stream : vn.motcua.dossier.events.DossierEventEdges.exampleStreams()) {
            for (int i = 0; i < stream.size(); i++) {
                DossierFact before = fold(stream.subList(0, i), calendar);
                DossierFact after = fold(stream.subList(0, i + 1), calendar);
                String type = stream.get(i).getClass().getSimpleName();
                seen.add(type);
                var compared = assertThat(after).as("%s after %s", type, stream.subList(0, i).stream()
                        .map(e -> e.getClass().getSimpleName()).toList())
                        .usingRecursiveComparison().ignoringFields("lastVersion");
                if (FOLDED.contains(type)) {
                    compared.isNotEqualTo(before);
                } else {
                    compared.isEqualTo(before);
                }
            }
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(permitted(DossierEvent.class));
    }

    private static DossierFact fold(java.util.List<DossierEvent> events, vn.motcua.duedate.WorkingCalendar calendar) {
        DossierFact f = new DossierFact(java.util.UUID.fromString("00000000-0000-0000-0000-000000000001"), "X-1");
        for (int v = 0; v < events.size(); v++) {
            f.apply(v + 1, events.get(v), calendar, 1);
        }
        return f;
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
