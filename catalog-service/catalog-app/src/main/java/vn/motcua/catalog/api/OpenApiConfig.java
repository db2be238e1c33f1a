package vn.motcua.catalog.api;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

@OpenAPIDefinition(info = @Info(title = "motcua catalog-service", version = "1",
        description = "Units, procedures (versioned by effective date), units' committed times, working calendars, "
                + "and due-date computation for Vietnamese one-stop shops. Errors are RFC 9457 problem+json with "
                + "an English detail and a Vietnamese detailVi."))
@SecurityScheme(securitySchemeName = "jwt", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
public class OpenApiConfig extends Application {
}
