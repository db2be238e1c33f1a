package vn.motcua.catalog.app;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import vn.motcua.catalog.store.FieldEntity;

/** Fields (lĩnh vực) of procedures: named once, changed in place; no event (a procedure's snapshot carries its field's name). */
@ApplicationScoped
public class Fields {

    @WithTransaction
    public Uni<FieldEntity> upsertField(CatalogInputs.FieldInput in) {
        return FieldEntity.<FieldEntity>findById(in.code()).onItem().transformToUni(existing -> {
            FieldEntity f = existing != null ? existing : new FieldEntity();
            f.code = in.code();
            f.nameVi = in.nameVi().strip();
            f.nameEn = in.nameEn();
            return existing != null ? Uni.createFrom().item(f) : f.<FieldEntity>persist();
        });
    }
}
