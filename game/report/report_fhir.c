/* report/report_fhir: the FHIR R4 export — a Bundle of type `collection` (CLINICAL.md § Clinical
 * data exchange): the Patient (nickname as name.text, nothing invented), one Observation per
 * stored pain answer (LOINC 72514-3, valueInteger, the kind in the project's pain-kind
 * CodeSystem), sitting tolerance (project code, minutes), per set the hold time (LOINC 55411-3,
 * seconds) and the force results (project codes, UCUM N and %), each progression decision with
 * its reason, and the MVC tests. Every fullUrl is urn:uuid:<the record's stable uid>; a resource
 * that has no row of its own (a set's force results) gets a UUID derived from its row's uid, so
 * it is stable across exports too. Practice sessions only with include_practice, tagged. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/str.h"
#include "report/report.h"

/* The project's code systems. URNs: the project has no web address of its own to resolve. */
#define CS_OBS "urn:bridgehold:fhir:CodeSystem:observation"
#define CS_PAIN_KIND "urn:bridgehold:fhir:CodeSystem:pain-kind"
#define CS_ZONE "urn:bridgehold:fhir:CodeSystem:zone"
#define CS_TAG "urn:bridgehold:fhir:CodeSystem:record-tag"
#define LOINC "http://loinc.org"
#define UCUM "http://unitsofmeasure.org"
#define CS_CATEGORY "http://terminology.hl7.org/CodeSystem/observation-category"

typedef struct Fhir {
    const ReportData *d;
    FILE *f;
    StrBuf b;
    bool first_entry, failed;
} Fhir;

static void iso_time(int64_t t, char out[32])
{
    time_t tt = (time_t)t;
    struct tm tm;
    out[0] = '\0';
    if (!gmtime_r(&tt, &tm) || !strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm))
        str_copy(out, 32, "1970-01-01T00:00:00Z");
}

/* FNV-1a, 64 bits, from a seed. */
static uint64_t fnv64(uint64_t h, const char *s)
{
    for (; *s; s++) {
        h ^= (unsigned char)*s;
        h *= 1099511628211ULL;
    }
    return h;
}

/* A stable UUID for a resource derived from a record: RFC 9562 version 8 (custom) built from two
 * FNV-1a hashes of "<uid>/<role>". */
static void derived_uuid(const char *uid, const char *role, char out[STORE_UID_LEN])
{
    char key[96];
    snprintf(key, sizeof key, "%s/%s", uid, role);
    uint64_t a = fnv64(14695981039346656037ULL, key);
    uint64_t b = fnv64(0x9e3779b97f4a7c15ULL, key);
    snprintf(out, STORE_UID_LEN, "%08x-%04x-8%03x-%04x-%012llx", (unsigned)(a >> 32),
             (unsigned)((a >> 16) & 0xffff), (unsigned)(a & 0xfff),
             (unsigned)(0x8000 | ((b >> 48) & 0x3fff)),
             (unsigned long long)(b & 0xffffffffffffULL));
}

static void js(Fhir *x, const char *s) { strbuf_append(&x->b, s); }
static void jstr(Fhir *x, const char *s) { strbuf_append_json_string(&x->b, s); }
static void jnum(Fhir *x, double v, int decimals) { strbuf_append_json_number(&x->b, v, decimals); }

static void coding(Fhir *x, const char *system, const char *code, const char *display)
{
    js(x, "{\"system\":");
    jstr(x, system);
    js(x, ",\"code\":");
    jstr(x, code);
    if (display) {
        js(x, ",\"display\":");
        jstr(x, display);
    }
    js(x, "}");
}

static void concept(Fhir *x, const char *system, const char *code, const char *display,
                    const char *text)
{
    js(x, "{\"coding\":[");
    coding(x, system, code, display);
    js(x, "]");
    if (text) {
        js(x, ",\"text\":");
        jstr(x, text);
    }
    js(x, "}");
}

static void quantity(Fhir *x, double v, int decimals, const char *unit)
{
    js(x, "{\"value\":");
    jnum(x, v, decimals);
    js(x, ",\"unit\":");
    jstr(x, unit);
    js(x, ",\"system\":\"" UCUM "\",\"code\":");
    jstr(x, unit);
    js(x, "}");
}

/* Opens an entry: fullUrl, and the resource up to its first own field (resourceType, id, the
 * practice tag). */
static void entry_begin(Fhir *x, const char *type, const char *uid, bool practice)
{
    js(x, x->first_entry ? "" : ",");
    x->first_entry = false;
    js(x, "{\"fullUrl\":\"urn:uuid:");
    js(x, uid);
    js(x, "\",\"resource\":{\"resourceType\":");
    jstr(x, type);
    js(x, ",\"id\":");
    jstr(x, uid);
    if (practice) {
        js(x, ",\"meta\":{\"tag\":[");
        coding(x, CS_TAG, "practice",
               "Practice session (simulator, replayed trace, capture or demo): not the patient's "
               "own work");
        js(x, "]}");
    }
}

static void entry_end(Fhir *x)
{
    js(x, "}}");
    if (x->b.len && fwrite(x->b.data, 1, x->b.len, x->f) != x->b.len)
        x->failed = true;
    x->b.len = 0;
    x->b.data[0] = '\0';
}

/* The common head of an Observation: status, category, code, subject, time. */
static void obs_head(Fhir *x, const char *category, const char *code_system, const char *code,
                     const char *display, const char *text, int64_t t)
{
    js(x, ",\"status\":\"final\"");
    if (category) {
        js(x, ",\"category\":[");
        concept(x, CS_CATEGORY, category, strcmp(category, "survey") == 0 ? "Survey" : "Activity",
                NULL);
        js(x, "]");
    }
    js(x, ",\"code\":");
    concept(x, code_system, code, display, text);
    js(x, ",\"subject\":{\"reference\":\"urn:uuid:");
    js(x, x->d->profile_uid);
    js(x, "\",\"display\":");
    jstr(x, x->d->profile.name);
    js(x, "}");
    char when[32];
    iso_time(t, when);
    js(x, ",\"effectiveDateTime\":");
    jstr(x, when);
}

static void note(Fhir *x, const char *text)
{
    js(x, ",\"note\":[{\"text\":");
    jstr(x, text);
    js(x, "}]");
}

/* A component with a project code and a quantity. first: no leading comma. */
static void comp_qty(Fhir *x, bool first, const char *code, const char *display, double v,
                     int decimals, const char *unit)
{
    js(x, first ? "{\"code\":" : ",{\"code\":");
    concept(x, CS_OBS, code, display, NULL);
    js(x, ",\"valueQuantity\":");
    quantity(x, v, decimals, unit);
    js(x, "}");
}

static bool included(const Fhir *x, const ReportSession *r)
{
    return !r || !r->practice || x->d->opt.include_practice;
}

static const char *pain_kind_display(StorePainKind k)
{
    switch (k) {
    case STORE_PAIN_BEFORE: return "Before the session (baseline)";
    case STORE_PAIN_SET: return "During the session, after a set";
    case STORE_PAIN_AFTER: return "After the session";
    case STORE_PAIN_NEXT_MORNING: return "Next morning (load test)";
    default: return "Sitting tolerance";
    }
}

static void write_pain(Fhir *x, const StoreReportPain *p, const ReportSession *r)
{
    bool practice = r && r->practice;
    entry_begin(x, "Observation", p->uid, practice);
    if (p->pain.kind == STORE_PAIN_SITTING_TOLERANCE) {
        obs_head(x, "survey", CS_OBS, "sitting-tolerance",
                 "Sitting tolerance (minutes of sitting before sit-bone pain starts)",
                 "Sitting tolerance", p->pain.time);
        js(x, ",\"valueQuantity\":");
        quantity(x, p->pain.value, 0, "min");
        entry_end(x);
        return;
    }
    char text[96];
    snprintf(text, sizeof text, "Pain NRS 0-10: %s", pain_kind_display(p->pain.kind));
    obs_head(x, "survey", LOINC, "72514-3",
             "Pain severity - 0-10 verbal numeric rating [Score] - Reported", text, p->pain.time);
    js(x, ",\"valueInteger\":");
    jnum(x, round(p->pain.value), 0);
    js(x, ",\"component\":[{\"code\":");
    concept(x, CS_OBS, "pain-kind", "When the pain was rated", NULL);
    js(x, ",\"valueCodeableConcept\":");
    concept(x, CS_PAIN_KIND, store_pain_kind_name(p->pain.kind), pain_kind_display(p->pain.kind),
            NULL);
    js(x, "}");
    if (p->pain.kind == STORE_PAIN_SET && p->pain.set_index != STORE_NO_SET) {
        js(x, ",{\"code\":");
        concept(x, CS_OBS, "set-number", "Set number (0 = the practice hold)", NULL);
        js(x, ",\"valueInteger\":");
        jnum(x, p->pain.set_index, 0);
        js(x, "}");
    }
    js(x, "]");
    entry_end(x);
}

/* When a set ended: the time of the pain answer that followed it; else when it was saved, when
 * that lies within the session (a run with --today saves on the machine's clock); else the
 * session's start. */
static int64_t set_time(const ReportData *d, const StoreReportSet *t, const ReportSession *r)
{
    for (size_t i = 0; i < d->n_pain; i++) {
        const StorePain *p = &d->pain[i].pain;
        if (p->session_id == r->s.id && p->kind == STORE_PAIN_SET && p->set_index == t->set.index)
            return p->time;
    }
    int64_t end = r->s.ended ? r->s.ended : r->s.started + 86400;
    return t->saved >= r->s.started && t->saved <= end ? t->saved : r->s.started;
}

static void write_set(Fhir *x, const StoreReportSet *t, const ReportSession *r)
{
    int64_t when = set_time(x->d, t, r);
    entry_begin(x, "Observation", t->uid, r->practice);
    obs_head(x, "activity", LOINC, "55411-3", "Exercise duration", "Hold time of one set", when);
    js(x, ",\"valueQuantity\":");
    quantity(x, t->set.duration_s, 1, "s");
    if (t->set.note[0])
        note(x, t->set.note);
    js(x, ",\"component\":[{\"code\":");
    concept(x, CS_OBS, "set-number", "Set number (0 = the practice hold)", NULL);
    js(x, ",\"valueInteger\":");
    jnum(x, t->set.index, 0);
    js(x, "}]");
    entry_end(x);
    if (isnan(t->set.mean_n))
        return; /* nothing measured (timed or self-timed holds): no force results */
    char uid[STORE_UID_LEN];
    derived_uuid(t->uid, "force", uid);
    entry_begin(x, "Observation", uid, r->practice);
    obs_head(x, "activity", CS_OBS, "hold-force", "Force results of one bridge hold",
             "Hold force results", when);
    js(x, ",\"component\":[");
    comp_qty(x, true, "mean-force", "Mean force over the hold", t->set.mean_n, 1, "N");
    if (!isnan(t->set.peak_n))
        comp_qty(x, false, "peak-force", "Peak force", t->set.peak_n, 1, "N");
    if (!isnan(t->set.target_n))
        comp_qty(x, false, "target-force", "Target force", t->set.target_n, 1, "N");
    if (!isnan(t->set.time_in_band_pct))
        comp_qty(x, false, "time-in-band", "Time inside the target band", t->set.time_in_band_pct,
                 1, "%");
    if (!isnan(t->set.cv_pct))
        comp_qty(x, false, "force-cv", "Coefficient of variation of force", t->set.cv_pct, 1, "%");
    if (r->mvc_n > 0)
        comp_qty(x, false, "pct-mvc", "Mean force as % of MVC", 100.0 * t->set.mean_n / r->mvc_n,
                 1, "%");
    js(x, ",{\"code\":");
    concept(x, CS_OBS, "set-number", "Set number (0 = the practice hold)", NULL);
    js(x, ",\"valueInteger\":");
    jnum(x, t->set.index, 0);
    js(x, "}]");
    entry_end(x);
}

static void write_decision(Fhir *x, const StoreReportDecision *dd, const ReportSession *r)
{
    const StoreDecision *d = &dd->decision;
    entry_begin(x, "Observation", dd->uid, r && r->practice);
    obs_head(x, NULL, CS_OBS, "level-decision", "Progression decision for the next session",
             "Level decision", d->time);
    char value[96];
    snprintf(value, sizeof value, "%s: %s to %s", d->decision, d->from_level, d->to_level);
    js(x, ",\"valueString\":");
    jstr(x, value);
    note(x, d->reason);
    js(x, ",\"component\":[{\"code\":");
    concept(x, CS_OBS, "decided-by", "Who decided", NULL);
    js(x, ",\"valueString\":");
    jstr(x, d->source == STORE_BY_CLINICIAN ? "clinician" : "rules");
    js(x, "}");
    if (d->zone[0]) {
        js(x, ",{\"code\":");
        concept(x, CS_OBS, "zone", "Pain-response zone of the session", NULL);
        js(x, ",\"valueCodeableConcept\":");
        concept(x, CS_ZONE, d->zone, NULL, NULL);
        js(x, "}");
    }
    js(x, "]");
    entry_end(x);
}

static void write_mvc(Fhir *x, const StoreReportMvc *m)
{
    entry_begin(x, "Observation", m->uid, false);
    obs_head(x, "activity", CS_OBS, "mvc",
             "Maximal voluntary contraction, bridge position (best of the efforts)",
             m->by_clinician ? "MVC entered by a clinician" : "MVC test", m->mvc.time);
    js(x, ",\"valueQuantity\":");
    quantity(x, m->mvc.best_n, 1, "N");
    char text[96];
    snprintf(text, sizeof text, "Position of level %s%s", m->mvc.level,
             m->mvc.pain_limited ? "; pain-limited maximum" : "");
    note(x, text);
    entry_end(x);
}

bool report_write_fhir(const ReportData *d, FILE *out)
{
    Fhir x = {.d = d, .f = out, .first_entry = true};
    strbuf_init(&x.b);
    char when[32];
    iso_time(d->made_at, when);
    js(&x, "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"timestamp\":");
    jstr(&x, when);
    js(&x, ",\"entry\":[");
    /* the Patient: the nickname only, as the profile holds nothing more */
    js(&x, "{\"fullUrl\":\"urn:uuid:");
    js(&x, d->profile_uid);
    js(&x, "\",\"resource\":{\"resourceType\":\"Patient\",\"id\":");
    jstr(&x, d->profile_uid);
    js(&x, ",\"name\":[{\"text\":");
    jstr(&x, d->profile.name);
    js(&x, "}]");
    x.first_entry = false;
    entry_end(&x);
    for (size_t i = 0; i < d->n_pain; i++) {
        const ReportSession *r = report_session_by_id(d, d->pain[i].pain.session_id);
        if (included(&x, r))
            write_pain(&x, &d->pain[i], r);
    }
    for (size_t i = 0; i < d->n_sets; i++) {
        const ReportSession *r = report_session_by_id(d, d->sets[i].set.session_id);
        if (r && included(&x, r))
            write_set(&x, &d->sets[i], r);
    }
    for (size_t i = 0; i < d->n_decisions; i++) {
        const ReportSession *r =
            d->decisions[i].session_id ? report_session_by_id(d, d->decisions[i].session_id) : NULL;
        if (included(&x, r))
            write_decision(&x, &d->decisions[i], r);
    }
    for (size_t i = 0; i < d->n_mvc; i++)
        write_mvc(&x, &d->mvc[i]);
    js(&x, "]}\n");
    if (x.b.len && fwrite(x.b.data, 1, x.b.len, out) != x.b.len)
        x.failed = true;
    strbuf_free(&x.b);
    return !x.failed && !ferror(out);
}
