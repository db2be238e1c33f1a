package vn.motcua.reporting.query;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import vn.motcua.duedate.Period;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Keeps the stored summaries of the recent closed periods complete: a projection drops a unit's summaries when its
 * facts change (in January, every unit with a December dossier still open loses December, the fourth quarter and
 * the year), and this stores them again in the background, so a leader's question rarely counts facts itself.
 */
@ApplicationScoped
public class SummaryRefresher {
    private static final Logger LOG = Logger.getLogger(SummaryRefresher.class);

    private final FigureQueries queries;
    private final Clock clock;
    private final int months;

    public SummaryRefresher(FigureQueries queries, Clock clock,
                            @ConfigProperty(name = "motcua.reporting.summaries.refresh-months", defaultValue = "13")
                            int months) {
        this.queries = queries;
        this.clock = clock;
        this.months = months;
    }

    @Scheduled(every = "${motcua.reporting.summaries.refresh-interval:60s}",
            delayed = "${motcua.reporting.summaries.refresh-initial-delay:1m}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP, identity = "summary-refresher")
    Uni<Void> scheduled() {
        return refresh().onFailure().invoke(e -> LOG.warnf("summary refresher failed; it runs again: %s", e))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Stores every unit's missing summaries of the recent closed periods; the periods it went through. */
    public Uni<List<Period>> refresh() {
        List<Period> periods = recentClosedPeriods(clock.instant(), months);
        return queries.units().chain(tree -> {
            List<String> units = List.copyOf(tree.keySet());
            if (units.isEmpty()) {
                return Uni.createFrom().item(periods);
            }
            return Multi.createFrom().iterable(periods)
                    .onItem().transformToUniAndConcatenate(p -> queries.storeMissingSummaries(units, p.start(), p.end()))
                    .collect().last().replaceWith(periods);
        });
    }

    /**
     * The closed months of the last {@code months} before now, then the closed quarters and years they fall in,
     * newest first.
     */
    static List<Period> recentClosedPeriods(Instant now, int months) {
        LocalDate today = now.atZone(Period.VIETNAM).toLocalDate();
        Set<Period> out = new LinkedHashSet<>();
        List<Period> monthList = new ArrayList<>();
        Period month = Period.containing(Period.Granularity.MONTH, today);
        for (int i = 0; i < months; i++) {
            month = Period.containing(Period.Granularity.MONTH, month.firstDay().minusDays(1));
            monthList.add(month);
        }
        out.addAll(monthList);
        for (Period.Granularity g : List.of(Period.Granularity.QUARTER, Period.Granularity.YEAR)) {
            for (Period m : monthList) {
                Period p = Period.containing(g, m.firstDay());
                if (!p.end().isAfter(now)) {
                    out.add(p);
                }
            }
        }
        return List.copyOf(out);
    }
}
