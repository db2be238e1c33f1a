package vn.motcua.catalog.events;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import vn.motcua.duedate.ProcessingTime;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * Catalog events at the edges of the published contract, for every consumer's tests (this module's test jar):
 * units and procedures with the longest codes and names ({@link CatalogLimits}), Vietnamese text with emoji, each
 * optional field absent, dates at both ends. Codes carry a random marker, so generated units never replace another
 * test's. Every event is schema-valid: a consumer must apply it, never dead-letter it.
 */
public final class CatalogEventEdges {
    private CatalogEventEdges() {
    }

    /** A code of any length the contract allows, starting with a marker unique to this run. */
    public static Arbitrary<String> codes() {
        Arbitrary<String> tail = Arbitraries.strings().withChars("ABCXYZabcxyz0123456789._-").ofMinLength(0)
                .ofMaxLength(CatalogLimits.CODE_MAX - 8);
        return tail.map(t -> "E" + UUID.randomUUID().toString().substring(0, 7).replace("-", "0") + t)
                .edgeCases(c -> c.add("E" + UUID.randomUUID().toString().replace("-", "").substring(0, 7)
                        + "-".repeat(CatalogLimits.CODE_MAX - 8)));
    }

    public static Arbitrary<String> texts(int max) {
        Arbitrary<String> words = Arbitraries.of("Ủy", "ban", "nhân", "dân", "xã", "Nghi", "Lộc", "Sở", "Tư", "pháp",
                "cấp", "đổi", "giấy", "phép", "🏛️", "📄", "—", "“một cửa”");
        Arbitrary<String> sentence = words.list().ofMinSize(1).ofMaxSize(40).map(w -> vn.motcua.contract.CodePoints.cut(String.join(" ", w), max));
        return Arbitraries.oneOf(sentence, Arbitraries.just(vn.motcua.contract.CodePoints.fill("Ủy ban nhân dân 🏛️ ", max)), Arbitraries.just("Đ"));
    }

    static Arbitrary<LocalDate> dates() {
        return Arbitraries.of(LocalDate.of(1, 1, 1), LocalDate.of(1976, 7, 2), LocalDate.of(2025, 7, 1),
                LocalDate.of(9999, 12, 31));
    }

    public static Arbitrary<CatalogEvent> units() {
        return Combinators.combine(codes(), texts(CatalogLimits.UNIT_NAME_MAX), Arbitraries.of(UnitType.class),
                        codes().injectNull(0.5), dates(), dates().injectNull(0.6), Arbitraries.of(true, false))
                .as((code, name, type, parent, from, to, registered) -> {
                    UnitSnapshot u = new UnitSnapshot(code, name, type, parent, from, to != null && to.isBefore(from) ? from : to);
                    return registered ? new CatalogEvent.UnitRegistered(UUID.randomUUID(), Instant.now(), 1, u)
                            : new CatalogEvent.UnitUpdated(UUID.randomUUID(), Instant.now(), 1, u);
                });
    }

    public static Arbitrary<CatalogEvent> procedures() {
        return Combinators.combine(codes(), texts(CatalogLimits.PROCEDURE_NAME_MAX), codes(),
                        texts(300).injectNull(0.5), Arbitraries.of(ProcedureLevel.class), dates(),
                        Arbitraries.of(ProcessingTime.workingDays(1), ProcessingTime.workingDays(30)))
                .as((code, name, field, fieldName, level, from, legal) -> {
                    ProcedureVersionSnapshot v = new ProcedureVersionSnapshot(1, from, null, legal, null, null,
                            OnlineLevel.FULLY_ONLINE, false, false, List.of(), null, null);
                    return new CatalogEvent.ProcedurePublished(UUID.randomUUID(), Instant.now(), 1,
                            new ProcedureSnapshot(code, name, field, fieldName, level,
                                    List.of(UnitType.values()[0]), null, List.of(v)));
                });
    }
}
