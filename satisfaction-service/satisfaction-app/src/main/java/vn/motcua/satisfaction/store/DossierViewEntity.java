package vn.motcua.satisfaction.store;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** The local view of one dossier, kept from dossier events (see DossierViewConsumer). */
@Entity
@Table(name = "dossier_view")
public class DossierViewEntity extends PanacheEntityBase {
    @Id
    @Column(name = "dossier_id")
    public UUID dossierId;
    @Column(name = "dossier_code")
    public String dossierCode;
    @Column(name = "procedure_code")
    public String procedureCode;
    @Column(name = "procedure_name")
    public String procedureName;
    @Column(name = "receiving_unit")
    public String receivingUnit;
    @Column(name = "competent_unit")
    public String competentUnit;
    @Column(name = "reception_channel")
    public String receptionChannel;
    public String state;
    @Column(name = "closed_by")
    public String closedBy;
    @Column(name = "returned_at")
    public Instant returnedAt;
    @Column(name = "return_channel")
    public String returnChannel;
    @Column(name = "last_version")
    public long lastVersion;
    @Column(name = "updated_at")
    public Instant updatedAt;

    public vn.motcua.satisfaction.domain.DossierInfo info() {
        return new vn.motcua.satisfaction.domain.DossierInfo(dossierId, dossierCode, receivingUnit, competentUnit,
                receptionChannel, vn.motcua.satisfaction.domain.DossierInfo.State.valueOf(state), returnedAt);
    }
}
