package vn.motcua.dossier.api;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

@OpenAPIDefinition(info = @Info(title = "motcua dossier-service", version = "1",
        description = "Administrative dossiers (hồ sơ thủ tục hành chính) from reception to returned result, as an "
                + "append-only event stream. Commands accept Idempotency-Key and If-Match; errors are RFC 9457 "
                + "problem+json with an English detail and a Vietnamese detailVi. Events: Kafka topic "
                + "motcua.dossier.events.v1 (schema: dossier-service/dossier-events)."))
@SecurityScheme(securitySchemeName = "jwt", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
public class OpenApiConfig extends Application {
}
