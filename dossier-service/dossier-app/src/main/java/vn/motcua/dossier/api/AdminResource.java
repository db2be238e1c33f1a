package vn.motcua.dossier.api;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import vn.motcua.dossier.app.Caller;
import vn.motcua.dossier.app.OverdueWatcher;
import vn.motcua.dossier.app.ReadTableRebuild;

/** Operations for the ops team. */
@Path("/api/v1/admin")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Operations")
public class AdminResource {
    private final ReadTableRebuild rebuild;
    private final OverdueWatcher watcher;

    public record Done(String what, int count, double seconds) {
    }

    public AdminResource(ReadTableRebuild rebuild, OverdueWatcher watcher) {
        this.rebuild = rebuild;
        this.watcher = watcher;
    }

    @POST
    @Path("/read-table/rebuild")
    @RolesAllowed(Caller.ADMIN)
    @Operation(summary = "Rebuild the work-queue read table from the event store (safe while commands run)")
    public Uni<Done> rebuildReadTable() {
        long start = System.nanoTime();
        return rebuild.rebuild().map(n -> new Done("dossiers rebuilt", n, (System.nanoTime() - start) / 1e9));
    }

    @POST
    @Path("/overdue-scan")
    @RolesAllowed(Caller.ADMIN)
    @Operation(summary = "Run the overdue watcher now (it also runs on its own schedule)")
    public Uni<Done> scanOverdue() {
        long start = System.nanoTime();
        return watcher.scan().map(n -> new Done("dossiers marked overdue", n, (System.nanoTime() - start) / 1e9));
    }
}
