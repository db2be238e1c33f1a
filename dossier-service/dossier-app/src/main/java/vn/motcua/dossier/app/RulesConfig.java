package vn.motcua.dossier.app;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import vn.motcua.dossier.domain.RuleSet;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

/**
 * The rule sets by effective date. Decree 118/2025's values are uncertain, so every parameter is configuration;
 * the defaults equal Decree 61/2018 as amended (DOMAIN.md).
 */
@ConfigMapping(prefix = "motcua.rules")
public interface RulesConfig {

    Params decree61();

    Params decree118();

    interface Params {
        LocalDate effectiveFrom();

        @WithDefault("1")
        int apologyLeadWorkingDays();

        @WithDefault("1")
        int maxReschedules();

        @WithDefault("3")
        int supplementWindowWorkingDays();

        @WithDefault("1")
        int maxSupplementsAtReception();

        @WithDefault("15:00")
        LocalTime paperTransferCutoff();

        @WithDefault("true")
        boolean restartOnSupplement();

        @WithDefault("30")
        int maxExtensionWorkingDays();

        @WithDefault("true")
        boolean exactPayment();

        default RuleSet toRuleSet(String id) {
            return new RuleSet(id, effectiveFrom(), apologyLeadWorkingDays(), maxReschedules(),
                    supplementWindowWorkingDays(), maxSupplementsAtReception(), paperTransferCutoff(),
                    restartOnSupplement(), maxExtensionWorkingDays(), exactPayment());
        }
    }

    default List<RuleSet> ruleSets() {
        return List.of(decree61().toRuleSet("ND61-2018"), decree118().toRuleSet("ND118-2025"));
    }
}
