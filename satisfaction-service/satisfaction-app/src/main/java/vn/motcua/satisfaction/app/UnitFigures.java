package vn.motcua.satisfaction.app;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import vn.motcua.consumer.SessionConnection;
import vn.motcua.duedate.Period;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A unit's own satisfaction figures for a period, counted from its stored ratings and complaints (reporting-service
 * has the full, cross-unit views). Ratings count for the dossier's competent unit, by the instant the citizen
 * answered.
 */
@ApplicationScoped
public class UnitFigures {
    public static final String DEFINITION = "responses = valid + invalid ballots; satisfaction rate = valid ratings "
            + "with overall level 4 or 5 / valid ratings, by rating instant, for the dossier's competent unit; "
            + "duplicates and refused ratings are kept but are not responses; complaints opened in the period, "
            + "on-time rate = answered by the due date / (answered + open past due), as they stand now; an answer's "
            + "instant is the one the officer stated when it is on the date the service recorded the answer, else the "
            + "recorded instant; one open complaint per dossier (later complaint ballots attach to it)";

    private final Clock clock;

    public UnitFigures(Clock clock) {
        this.clock = clock;
    }

    public record Figures(long valid, long invalid, Map<String, Long> invalidByReason, long duplicates, long refused,
                          long pending, long satisfied, Map<String, Long> validByChannel,
                          Map<String, BigDecimal> averageByCriterion, long complaintsOpened, long resolvedOnTime,
                          long resolvedLate, long openOverdue, long openNotYetDue) {
    }

    public Uni<Figures> of(String unit, Period period) {
        Instant from = period.start();
        Instant to = period.end();
        Instant asOf = clock.instant();
        // on the session's connection, not as Hibernate native queries with a result type: each run of one of
        // those adds a query plan cache entry (see SessionConnection)
        OffsetDateTime f = OffsetDateTime.ofInstant(from, ZoneOffset.UTC);
        OffsetDateTime t = OffsetDateTime.ofInstant(to, ZoneOffset.UTC);
        return Panache.withSession(() -> SessionConnection.select(
                        "select status, coalesce(reason, ''), channel, count(*), count(*) filter (where overall >= 4)"
                                + " from rating where unit_code = $1 and collected_at >= $2 and collected_at < $3"
                                + " group by status, reason, channel", unit, f, t)
                .chain(ratingRows -> SessionConnection.select(
                                "select a.key, round(avg(a.value::int), 2) from rating r,"
                                        + " jsonb_each_text(r.answers::jsonb) a where r.unit_code = $1"
                                        + " and r.status = 'VALID' and r.collected_at >= $2 and r.collected_at < $3"
                                        + " group by a.key", unit, f, t)
                        .chain(criteriaRows -> SessionConnection.select(
                                        "select count(*), count(*) filter (where timeliness in ('EARLY', 'ON_TIME')),"
                                                + " count(*) filter (where timeliness = 'LATE'),"
                                                + " count(*) filter (where resolved_at is null and due_at < $4),"
                                                + " count(*) filter (where resolved_at is null and due_at >= $4)"
                                                + " from complaint where unit_code = $1 and opened_at >= $2"
                                                + " and opened_at < $3", unit, f, t,
                                        OffsetDateTime.ofInstant(asOf, ZoneOffset.UTC))
                                .map(c -> figures(ratingRows, criteriaRows, c.get(0))))));
    }

    private static Figures figures(List<Object[]> ratingRows, List<Object[]> criteriaRows, Object[] c) {
        long valid = 0, invalid = 0, duplicates = 0, refused = 0, pending = 0, satisfied = 0;
        Map<String, Long> invalidByReason = new TreeMap<>();
        Map<String, Long> byChannel = new TreeMap<>();
        for (Object[] row : ratingRows) {
            String status = (String) row[0];
            String reason = (String) row[1];
            String channel = (String) row[2];
            long n = ((Number) row[3]).longValue();
            switch (status) {
                case "VALID" -> {
                    valid += n;
                    satisfied += ((Number) row[4]).longValue();
                    byChannel.merge(channel, n, Long::sum);
                }
                case "INVALID" -> {
                    invalid += n;
                    invalidByReason.merge(reason, n, Long::sum);
                }
                case "DUPLICATE" -> duplicates += n;
                case "REFUSED" -> refused += n;
                default -> pending += n;
            }
        }
        Map<String, BigDecimal> averages = new TreeMap<>();
        for (Object[] row : criteriaRows) {
            averages.put((String) row[0], new BigDecimal(row[1].toString()).setScale(2, RoundingMode.HALF_UP));
        }
        return new Figures(valid, invalid, invalidByReason, duplicates, refused, pending, satisfied, byChannel,
                averages, num(c[0]), num(c[1]), num(c[2]), num(c[3]), num(c[4]));
    }

    private static long num(Object o) {
        return ((Number) o).longValue();
    }

    /** A share as a fraction with 4 decimals; null when there is nothing to divide by. */
    public static BigDecimal rate(long part, long whole) {
        return whole == 0 ? null : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP);
    }
}
