package vn.motcua.catalog.app;

import com.fasterxml.jackson.core.type.TypeReference;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import vn.motcua.catalog.store.CalendarYearEntity;
import vn.motcua.catalog.store.CommitmentEntity;
import vn.motcua.catalog.store.Json;
import vn.motcua.catalog.store.ProcedureEntity;
import vn.motcua.catalog.store.UnitEntity;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads the starter catalog (Nghệ An province) through the same service calls as the API, so every seeded item is
 * validated and published as an event. Idempotent: items that exist are left alone.
 */
@ApplicationScoped
public class SeedLoader {
    private static final Logger LOG = Logger.getLogger(SeedLoader.class);
    private static final int[] YEARS = {2024, 2025, 2026, 2027};

    private final Fields fields;
    private final Units units;
    private final Procedures procedures;
    private final Commitments commitments;
    private final Calendars calendars;
    private final boolean enabled;

    public SeedLoader(Fields fields, Units units, Procedures procedures, Commitments commitments, Calendars calendars,
                      @ConfigProperty(name = "motcua.seed.enabled", defaultValue = "false") boolean enabled) {
        this.fields = fields;
        this.units = units;
        this.procedures = procedures;
        this.commitments = commitments;
        this.calendars = calendars;
        this.enabled = enabled;
    }

    void onStart(@Observes StartupEvent event) {
        if (enabled) {
            Summary s;
            try {
                // Hibernate Reactive needs a Vert.x context; startup observers run on the main thread.
                s = VertxContextSupport.subscribeAndAwait(this::load);
            } catch (Throwable e) {
                throw new IllegalStateException("seed catalog could not be loaded", e);
            }
            LOG.infof("seed catalog: %d fields, %d units, %d procedures, %d commitments, %d calendar years added",
                    s.fields, s.units, s.procedures, s.commitments, s.calendars);
        }
    }

    public record Summary(int fields, int units, int procedures, int commitments, int calendars) {
    }

    record SeedCommitment(String unitCode, String procedureCode, CatalogInputs.TimeInput committedTime,
                          java.time.LocalDate effectiveFrom, String note) {
    }

    public Uni<Summary> load() {
        List<CatalogInputs.FieldInput> fields = read("seed/fields.json", new TypeReference<>() { });
        List<CatalogInputs.UnitInput> units = read("seed/units.json", new TypeReference<>() { });
        List<CatalogInputs.ProcedureInput> procedures = read("seed/procedures.json", new TypeReference<>() { });
        List<SeedCommitment> commitments = read("seed/commitments.json", new TypeReference<>() { });
        List<CatalogInputs.CalendarInput> calendars = new ArrayList<>();
        for (int year : YEARS) {
            calendars.add(read("seed/calendar/" + year + ".json", new TypeReference<>() { }));
        }
        int[] counts = new int[5];
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (CatalogInputs.FieldInput f : fields) {
            chain = chain.chain(() -> this.fields.upsertField(f)).invoke(() -> counts[0]++).replaceWithVoid();
        }
        for (CatalogInputs.UnitInput u : units) {
            chain = chain.chain(() -> exists(() -> UnitEntity.count("code", u.code())))
                    .chain(exists -> exists ? Uni.createFrom().voidItem()
                            : this.units.registerUnit(u).invoke(() -> counts[1]++).replaceWithVoid());
        }
        for (CatalogInputs.CalendarInput c : calendars) {
            chain = chain.chain(() -> exists(() -> CalendarYearEntity.count("year", c.year())))
                    .chain(exists -> exists ? Uni.createFrom().voidItem()
                            : this.calendars.putCalendar(c.year(), c).invoke(() -> counts[4]++).replaceWithVoid());
        }
        for (CatalogInputs.ProcedureInput p : procedures) {
            chain = chain.chain(() -> exists(() -> ProcedureEntity.count("code", p.code())))
                    .chain(exists -> exists ? Uni.createFrom().voidItem()
                            : this.procedures.publishProcedure(p).invoke(() -> counts[2]++).replaceWithVoid());
        }
        for (SeedCommitment c : commitments) {
            chain = chain.chain(() -> exists(() -> CommitmentEntity.count("unitCode = ?1 and procedureCode = ?2",
                            c.unitCode(), c.procedureCode())))
                    .chain(exists -> exists ? Uni.createFrom().voidItem()
                            : this.commitments.setCommitment(c.unitCode(), c.procedureCode(),
                                    new CatalogInputs.CommitmentInput(c.committedTime(), c.effectiveFrom(), c.note()))
                            .invoke(() -> counts[3]++).replaceWithVoid());
        }
        return chain.map(x -> new Summary(counts[0], counts[1], counts[2], counts[3], counts[4]));
    }

    private static Uni<Boolean> exists(java.util.function.Supplier<Uni<Long>> count) {
        return Panache.withSession(() -> count.get().map(n -> n > 0));
    }

    private static <T> T read(String resource, TypeReference<T> type) {
        try (InputStream in = SeedLoader.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("seed resource missing: " + resource);
            }
            return Json.MAPPER.readValue(in, type);
        } catch (IOException e) {
            throw new UncheckedIOException("seed resource unreadable: " + resource, e);
        }
    }
}
