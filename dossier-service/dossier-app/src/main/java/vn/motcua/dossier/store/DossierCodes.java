package vn.motcua.dossier.store;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import vn.motcua.dossier.domain.DossierCode;

import java.time.LocalDate;
import java.util.List;

/** Each unit's daily sequence of dossier codes ({@link DossierCode}), in the caller's transaction. */
@ApplicationScoped
public class DossierCodes {

    /** The next code of a unit and day, without gaps (rolled back with the transaction). */
    public Uni<String> next(String unit, LocalDate day) {
        // on the session's connection without Hibernate's native-query machinery: every reception runs it
        return SessionSql.query("insert into dossier_code_counter (unit_code, day, last_seq) values ($1, $2, 1) "
                        + "on conflict (unit_code, day) do update set last_seq = dossier_code_counter.last_seq + 1 "
                        + "returning last_seq", unit, day)
                .map(rows -> DossierCode.of(unit, day, (Integer) rows.get(0)[0]));
    }

    /**
     * The first of the next {@code n} codes' sequences of a unit and day (a group of receptions: one increment, the
     * counter's row locked once). Those the group does not use go back with {@link #giveBack} in the same transaction.
     */
    public Uni<Integer> next(String unit, LocalDate day, int n) {
        return SessionSql.query("insert into dossier_code_counter (unit_code, day, last_seq) values ($1, $2, $3) "
                        + "on conflict (unit_code, day) do update set last_seq = dossier_code_counter.last_seq + $3 "
                        + "returning last_seq", unit, day, n)
                .map(rows -> (Integer) rows.get(0)[0] - n + 1);
    }

    /** Gives back the last {@code n} sequences this transaction took with {@link #next(String, LocalDate, int)}. */
    public Uni<Void> giveBack(String unit, LocalDate day, int n) {
        return SessionSql.query("update dossier_code_counter set last_seq = last_seq - $3 "
                + "where unit_code = $1 and day = $2", unit, day, n).replaceWithVoid();
    }

    /**
     * Imported codes move their units' sequences for their days past them: the live desk never hands them out
     * again. One statement, rows locked in (unit, day) order so concurrent imports cannot deadlock on them.
     */
    public Uni<Void> reserve(List<DossierCode> codes) {
        String[] units = codes.stream().map(DossierCode::unit).toArray(String[]::new);
        LocalDate[] days = codes.stream().map(DossierCode::day).toArray(LocalDate[]::new);
        Integer[] sequences = codes.stream().map(DossierCode::sequence).toArray(Integer[]::new);
        return SessionSql.query("insert into dossier_code_counter (unit_code, day, last_seq) "
                        + "select c.unit_code, c.day, max(c.seq) "
                        + "from unnest($1::text[], $2::date[], $3::int[]) as c(unit_code, day, seq) "
                        + "group by c.unit_code, c.day order by c.unit_code, c.day "
                        + "on conflict (unit_code, day) do update set last_seq = "
                        + "greatest(dossier_code_counter.last_seq, excluded.last_seq)", units, days, sequences)
                .replaceWithVoid();
    }
}
