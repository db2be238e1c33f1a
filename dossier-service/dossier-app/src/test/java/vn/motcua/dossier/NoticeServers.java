package vn.motcua.dossier;

import io.quarkus.test.junit.QuarkusTestProfile;
import vn.motcua.testinfra.MailServer;
import vn.motcua.testinfra.SmsGatewayStandIn;

import java.util.Map;

/**
 * The profile of the notice tests: notices on, sent to a real SMTP server (GreenMail) and to the SMS gateway
 * stand-in, both started once for the test JVM; retries after 10 s doubling to 1 min, given up after 4 attempts (the
 * tests move the service's clock, never sleep through a backoff).
 */
public class NoticeServers implements QuarkusTestProfile {
    static final String SMS_KEY = "test-sms-gateway-key";
    static MailServer mail;
    static SmsGatewayStandIn sms;

    static synchronized void ensureStarted() {
        if (mail == null) {
            mail = MailServer.start();
            sms = SmsGatewayStandIn.start(SMS_KEY);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                sms.close();
                mail.close();
            }, "notice-servers-stop"));
        }
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        ensureStarted();
        return Map.of(
                "motcua.notices.enabled", "true",
                "quarkus.mailer.host", "127.0.0.1",
                "quarkus.mailer.port", Integer.toString(mail.smtpPort()),
                "quarkus.mailer.from", "motcua@nghean.gov.vn",
                "motcua.notices.sms.url", sms.url(),
                "motcua.notices.sms.api-key", SMS_KEY,
                "motcua.notices.retry.first-backoff", "PT10S",
                "motcua.notices.retry.max-backoff", "PT1M",
                "motcua.notices.retry.max-attempts", "4",
                "motcua.notices.lookup-url", "https://dichvucong.nghean.gov.vn/tra-cuu?ma={code}");
    }
}
