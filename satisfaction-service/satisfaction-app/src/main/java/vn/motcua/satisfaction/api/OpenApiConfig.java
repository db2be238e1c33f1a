package vn.motcua.satisfaction.api;

import jakarta.ws.rs.core.Application;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;

@OpenAPIDefinition(info = @Info(title = "motcua satisfaction-service", version = "1",
        description = "Citizens rate the service of returned dossiers: by the rating link (QR code on the receipt, "
                + "SMS), at a kiosk, online, or on a paper ballot, SMS or phone call entered by an officer. One valid "
                + "rating per dossier; invalid, duplicate and refused ballots are kept with their reason. Complaints "
                + "have a 15 working-day handling deadline. Errors are RFC 9457 problem+json with an English detail "
                + "and a Vietnamese detailVi. Events: Kafka topic motcua.satisfaction.events.v1 (schema: "
                + "satisfaction-service/satisfaction-events)."))
@SecurityScheme(securitySchemeName = "jwt", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
public class OpenApiConfig extends Application {
}
