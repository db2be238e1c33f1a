package vn.motcua.dossier.store;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import vn.motcua.dossier.domain.DossierCode;

import java.time.LocalDate;

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

    /** An imported code moves its unit's sequence for the day past it: the live desk never hands it out again. */
    public Uni<Void> reserve(DossierCode code) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "insert into dossier_code_counter (unit_code, day, last_seq) values (?1, ?2, ?3) "
                                + "on conflict (unit_code, day) do update set last_seq = "
                                + "greatest(dossier_code_counter.last_seq, excluded.last_seq)")
                .setParameter(1, code.unit()).setParameter(2, code.day()).setParameter(3, code.sequence())
                .executeUpdate()).replaceWithVoid();
    }
}
