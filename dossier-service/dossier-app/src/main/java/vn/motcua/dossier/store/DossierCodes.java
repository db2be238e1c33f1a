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
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "insert into dossier_code_counter (unit_code, day, last_seq) values (?1, ?2, 1) "
                                + "on conflict (unit_code, day) do update set last_seq = dossier_code_counter.last_seq + 1 "
                                + "returning last_seq", Integer.class)
                .setParameter(1, unit).setParameter(2, day).getSingleResult())
                .map(seq -> DossierCode.of(unit, day, seq));
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
