package vn.motcua.local.simulation;

import com.fasterxml.jackson.databind.JsonNode;
import vn.motcua.duedate.CalendarYear;
import vn.motcua.duedate.DayOff;
import vn.motcua.duedate.DayOffKind;
import vn.motcua.duedate.ExtraWorkingDay;
import vn.motcua.duedate.OfficePeriod;
import vn.motcua.duedate.ProcessingTime;
import vn.motcua.duedate.ProcessingTimeUnit;
import vn.motcua.duedate.WorkingCalendar;
import vn.motcua.local.simulation.CatalogSnapshot.Commitment;
import vn.motcua.local.simulation.CatalogSnapshot.CriteriaSet;
import vn.motcua.local.simulation.CatalogSnapshot.Procedure;
import vn.motcua.local.simulation.CatalogSnapshot.Unit;
import vn.motcua.local.simulation.CatalogSnapshot.Version;

import java.io.IOException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the catalog through the services' public REST APIs (catalog reads need no token): the unit tree, the
 * procedures with all their versions, the unit commitments and the working calendars from catalog-service, the
 * rating criteria sets from satisfaction-service.
 */
final class CatalogReader {
    private final Http http;
    private final String catalog;
    private final String satisfaction;

    CatalogReader(Http http, String catalogBase, String satisfactionBase) {
        this.http = http;
        this.catalog = catalogBase;
        this.satisfaction = satisfactionBase;
    }

    CatalogSnapshot read() throws IOException, InterruptedException {
        List<Unit> units = new ArrayList<>();
        for (JsonNode u : pages(catalog + "/api/v1/units?size=500")) {
            units.add(new Unit(u.path("code").asText(), u.path("nameVi").asText(), u.path("type").asText(),
                    text(u, "parentCode"), date(u, "validFrom"), date(u, "validTo")));
        }
        List<Procedure> procedures = new ArrayList<>();
        for (JsonNode item : pages(catalog + "/api/v1/procedures?size=200")) {
            JsonNode p = item.path("procedure");
            List<Version> versions = new ArrayList<>();
            for (JsonNode v : p.path("versions")) {
                versions.add(new Version(date(v, "effectiveFrom"), date(v, "effectiveTo"), time(v.path("legalTime")),
                        text(v, "onlineLevel"), v.path("postalReception").asBoolean(),
                        v.path("postalReturn").asBoolean()));
            }
            Set<String> types = new LinkedHashSet<>();
            p.path("competentUnitTypes").forEach(t -> types.add(t.asText()));
            procedures.add(new Procedure(p.path("code").asText(), p.path("nameVi").asText(), types,
                    date(p, "abolishedOn"), versions));
        }
        Map<String, List<Commitment>> commitments = new HashMap<>();
        for (JsonNode c : array(catalog + "/api/v1/commitments")) {
            List<Commitment> periods = new ArrayList<>();
            for (JsonNode p : c.path("periods")) {
                periods.add(new Commitment(time(p.path("committedTime")), date(p, "effectiveFrom"),
                        date(p, "effectiveTo")));
            }
            commitments.put(c.path("unitCode").asText() + "/" + c.path("procedureCode").asText(), periods);
        }
        List<CalendarYear> years = new ArrayList<>();
        for (JsonNode view : array(catalog + "/api/v1/calendars")) {
            years.add(calendarYear(view.path("calendar")));
        }
        List<CriteriaSet> criteriaSets = new ArrayList<>();
        for (JsonNode s : array(satisfaction + "/api/v1/criteria-sets")) {
            Set<String> types = new LinkedHashSet<>();
            s.path("unitTypes").forEach(t -> types.add(t.asText()));
            List<String> criteria = new ArrayList<>();
            s.path("criteria").forEach(c -> criteria.add(c.path("code").asText()));
            criteriaSets.add(new CriteriaSet(s.path("code").asText(), s.path("version").asInt(), types,
                    date(s, "effectiveFrom"), criteria));
        }
        return new CatalogSnapshot(units, procedures, commitments, WorkingCalendar.of(years), criteriaSets);
    }

    private static CalendarYear calendarYear(JsonNode c) {
        List<OfficePeriod> hours = new ArrayList<>();
        c.path("officeHours").forEach(p -> hours.add(new OfficePeriod(LocalTime.parse(p.path("start").asText()),
                LocalTime.parse(p.path("end").asText()))));
        Set<DayOfWeek> weekend = new LinkedHashSet<>();
        c.path("weekendDays").forEach(d -> weekend.add(DayOfWeek.valueOf(d.asText())));
        List<DayOff> off = new ArrayList<>();
        c.path("daysOff").forEach(d -> off.add(new DayOff(LocalDate.parse(d.path("date").asText()),
                DayOffKind.valueOf(d.path("kind").asText()), d.path("nameVi").asText(), d.path("nameEn").asText())));
        List<ExtraWorkingDay> extra = new ArrayList<>();
        c.path("extraWorkingDays").forEach(d -> extra.add(new ExtraWorkingDay(LocalDate.parse(d.path("date").asText()),
                d.path("nameVi").asText(), d.path("nameEn").asText())));
        return new CalendarYear(c.path("year").asInt(), hours.isEmpty() ? CalendarYear.DEFAULT_OFFICE_HOURS : hours,
                weekend.isEmpty() ? CalendarYear.DEFAULT_WEEKEND : weekend, off, extra);
    }

    private List<JsonNode> pages(String url) throws IOException, InterruptedException {
        List<JsonNode> all = new ArrayList<>();
        for (int page = 0; ; page++) {
            JsonNode body = ok(http.get(url + "&page=" + page, null), url);
            body.path("items").forEach(all::add);
            if (body.path("items").isEmpty() || all.size() >= body.path("total").asLong()) {
                return all;
            }
        }
    }

    private List<JsonNode> array(String url) throws IOException, InterruptedException {
        List<JsonNode> all = new ArrayList<>();
        ok(http.get(url, null), url).forEach(all::add);
        return all;
    }

    private static JsonNode ok(Http.Answer a, String url) {
        if (!a.ok()) {
            throw new IllegalStateException("GET " + url + " -> " + a.status() + " " + a.body());
        }
        return a.json();
    }

    private static ProcessingTime time(JsonNode t) {
        return new ProcessingTime(t.path("amount").asInt(), ProcessingTimeUnit.valueOf(t.path("unit").asText()));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isNull() || v.isMissingNode() ? null : v.asText();
    }

    private static LocalDate date(JsonNode n, String field) {
        String v = text(n, field);
        return v == null ? null : LocalDate.parse(v);
    }
}
