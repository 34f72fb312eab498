/* store/export: the full JSON export of one profile (`bridgehold report --out FILE.json`): the
 * profile, its sessions with their sets, raw traces and pain entries, the other pain entries
 * (sitting tolerance), progression decisions, MVC tests and the audit entries about it.
 * Times are ISO 8601 UTC; NAN / unanswered values are null. Deterministic: no export time. */
#include <math.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/alloc.h"
#include "core/str.h"
#include "store/store_internal.h"

#define EXPORT_FORMAT_VERSION 1

typedef struct Out {
    StrBuf b;
    FILE *f;
    bool failed;
} Out;

/* Writes what is buffered, keeping memory small however many traces there are. A trailing
 * comma stays buffered: close_with() may still turn it into a closing bracket. */
static void out_flush(Out *o)
{
    size_t n = o->b.len;
    bool keep_comma = n && o->b.data[n - 1] == ',';
    if (keep_comma)
        n--;
    if (n && fwrite(o->b.data, 1, n, o->f) != n)
        o->failed = true;
    o->b.len = 0;
    if (o->b.data)
        o->b.data[0] = '\0';
    if (keep_comma)
        strbuf_append(&o->b, ",");
}

static void key(Out *o, const char *k)
{
    strbuf_append_json_string(&o->b, k);
    strbuf_append(&o->b, ":");
}

static void kstr(Out *o, const char *k, const char *v)
{
    key(o, k);
    if (v && v[0])
        strbuf_append_json_string(&o->b, v);
    else
        strbuf_append(&o->b, "null");
    strbuf_append(&o->b, ",");
}

static void knum(Out *o, const char *k, double v, int decimals)
{
    key(o, k);
    strbuf_append_json_number(&o->b, v, decimals);
    strbuf_append(&o->b, ",");
}

static void kint(Out *o, const char *k, long long v)
{
    key(o, k);
    strbuf_appendf(&o->b, "%lld,", v);
}

static void kbool(Out *o, const char *k, bool v)
{
    key(o, k);
    strbuf_append(&o->b, v ? "true," : "false,");
}

static void ktime(Out *o, const char *k, int64_t t)
{
    key(o, k);
    time_t tt = (time_t)t;
    struct tm tm;
    char buf[32];
    if (t && gmtime_r(&tt, &tm) && strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm))
        strbuf_appendf(&o->b, "\"%s\",", buf);
    else
        strbuf_append(&o->b, "null,");
}

/* Replaces the trailing comma of the last member with the closing bracket. */
static void close_with(Out *o, char c)
{
    if (o->b.len && o->b.data[o->b.len - 1] == ',')
        o->b.data[o->b.len - 1] = c;
    else {
        char s[2] = {c, '\0'};
        strbuf_append(&o->b, s);
    }
    strbuf_append(&o->b, ",");
}

static void pain_object(Out *o, const StorePain *p)
{
    strbuf_append(&o->b, "{");
    kstr(o, "kind", store_pain_kind_name(p->kind));
    if (p->kind == STORE_PAIN_SET)
        kint(o, "set", p->set_index);
    knum(o, "value", p->value, 1);
    ktime(o, "time", p->time);
    close_with(o, '}');
}

static void number_array(Out *o, const char *k, const StoreSample *x, size_t n, size_t field,
                         int decimals)
{
    key(o, k);
    strbuf_append(&o->b, "[");
    for (size_t i = 0; i < n; i++) {
        const double *v = (const double *)((const char *)&x[i] + field);
        if (i)
            strbuf_append(&o->b, ",");
        strbuf_append_json_number(&o->b, *v, decimals);
    }
    strbuf_append(&o->b, "],");
}

static bool set_object(Store *s, Out *o, const StoreSet *x, bool with_traces)
{
    strbuf_append(&o->b, "{");
    kint(o, "index", x->index);
    knum(o, "duration_s", x->duration_s, 3);
    knum(o, "time_in_band_pct", x->time_in_band_pct, 2);
    knum(o, "mean_n", x->mean_n, 2);
    knum(o, "peak_n", x->peak_n, 2);
    knum(o, "cv_pct", x->cv_pct, 2);
    knum(o, "drift_pct_per_10s", x->drift_pct_per_10s, 3);
    knum(o, "left_pct", x->left_pct, 2);
    knum(o, "form_lost_s", x->form_lost_s, 3);
    kbool(o, "interrupted", x->interrupted);
    knum(o, "target_n", x->target_n, 2);
    knum(o, "band_low_n", x->band_low_n, 2);
    knum(o, "band_high_n", x->band_high_n, 2);
    kint(o, "reps_done", x->reps_done);
    kstr(o, "notices", x->notices);
    kstr(o, "note", x->note);
    kint(o, "trace_samples", (long long)x->trace_n);
    if (with_traces && x->trace_n) {
        StoreSample *tr;
        size_t n;
        bool lr;
        if (!store_set_trace(s, x->id, &tr, &n, &lr))
            return false;
        key(o, "trace");
        strbuf_append(&o->b, "{");
        number_array(o, "t_s", tr, n, offsetof(StoreSample, t_s), 4);
        number_array(o, "force_n", tr, n, offsetof(StoreSample, force_n), 2);
        if (lr) {
            number_array(o, "left_n", tr, n, offsetof(StoreSample, left_n), 2);
            number_array(o, "right_n", tr, n, offsetof(StoreSample, right_n), 2);
        }
        close_with(o, '}');
        free(tr);
    }
    close_with(o, '}');
    return true;
}

static const StoreHistoryRow *find_row(const StoreHistory *h, int64_t session_id)
{
    for (size_t i = 0; i < h->count; i++) {
        if (h->rows[i].session_id == session_id)
            return &h->rows[i];
    }
    return NULL;
}

static bool sessions_array(Store *s, Out *o, int64_t profile_id, const StorePain *pains,
                           size_t n_pains, bool with_traces)
{
    StoreSession *ss;
    size_t n;
    StoreHistory h;
    if (!store_session_list(s, profile_id, &ss, &n))
        return false;
    if (!store_history(s, profile_id, &h)) {
        free(ss);
        return false;
    }
    bool ok = true;
    key(o, "sessions");
    strbuf_append(&o->b, "[");
    for (size_t i = 0; i < n && ok; i++) {
        const StoreSession *x = &ss[i];
        strbuf_append(&o->b, "{");
        kint(o, "id", (long long)x->id);
        kstr(o, "uid", x->uid);
        kstr(o, "date", x->date);
        kstr(o, "level", x->level);
        ktime(o, "started", x->started);
        ktime(o, "ended", x->ended);
        kstr(o, "status", store_session_status_name(x->status));
        kbool(o, "supervised", x->supervised);
        knum(o, "quality_pct", x->quality_pct, 2);
        /* Provenance: only "live" sessions move a level; practice is kept and labelled. */
        kstr(o, "source", store_source_name(x->source));
        kstr(o, "origin", store_origin_name(x->origin));
        kstr(o, "measure", store_measure_name(x->measure));
        kstr(o, "input_kind", x->input_kind);
        kstr(o, "device_name", x->device_name);
        kstr(o, "calibration", x->calibration);
        knum(o, "mvc_n", x->mvc_n > 0 ? x->mvc_n : NAN, 2);
        kstr(o, "mvc_origin", store_mvc_origin_name(x->mvc_origin));
        kint(o, "sets_prescribed", x->sets_prescribed);
        /* What the progression rules read for this session (null when it does not count). */
        const StoreHistoryRow *r = find_row(&h, x->id);
        key(o, "history");
        if (r) {
            strbuf_append(&o->b, "{");
            knum(o, "quality_pct", r->quality_pct, 2);
            knum(o, "pain_before", r->pain_before, 1);
            knum(o, "pain_during", r->pain_during, 1);
            knum(o, "pain_after", r->pain_after, 1);
            knum(o, "pain_next_morning", r->pain_next_morning, 1);
            kint(o, "sets_done", r->sets_done);
            kbool(o, "counts", r->source == STORE_LIVE);
            close_with(o, '}');
        } else {
            strbuf_append(&o->b, "null,");
        }
        key(o, "pain_entries");
        strbuf_append(&o->b, "[");
        for (size_t k = 0; k < n_pains; k++) {
            if (pains[k].session_id == x->id)
                pain_object(o, &pains[k]);
        }
        close_with(o, ']');
        StoreSet *sets;
        size_t n_sets;
        ok = store_session_sets(s, x->id, &sets, &n_sets);
        key(o, "sets");
        strbuf_append(&o->b, "[");
        for (size_t k = 0; ok && k < n_sets; k++) {
            ok = set_object(s, o, &sets[k], with_traces);
            out_flush(o);
        }
        free(sets);
        close_with(o, ']');
        close_with(o, '}');
    }
    close_with(o, ']');
    free(ss);
    store_history_free(&h);
    return ok;
}

static bool tail_arrays(Store *s, Out *o, int64_t profile_id)
{
    StoreDecision *d;
    size_t n;
    if (!store_decision_list(s, profile_id, &d, &n))
        return false;
    key(o, "decisions");
    strbuf_append(&o->b, "[");
    for (size_t i = 0; i < n; i++) {
        strbuf_append(&o->b, "{");
        kstr(o, "from", d[i].from_level);
        kstr(o, "to", d[i].to_level);
        kstr(o, "decision", d[i].decision);
        kstr(o, "zone", d[i].zone);
        kstr(o, "reason", d[i].reason);
        kstr(o, "by", d[i].source == STORE_BY_CLINICIAN ? "clinician" : "rules");
        ktime(o, "time", d[i].time);
        close_with(o, '}');
    }
    close_with(o, ']');
    free(d);

    const char *doing = "exporting";
    sqlite3_stmt *st;
    if (!st_prepare(s,
                    "SELECT date, level, best_n, cv_pct, pain_limited, time FROM mvc_tests "
                    "WHERE profile_id = ?1 ORDER BY time, id",
                    &st, doing))
        return false;
    sqlite3_bind_int64(st, 1, profile_id);
    key(o, "mvc_tests");
    strbuf_append(&o->b, "[");
    int rc;
    char a[64];
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        strbuf_append(&o->b, "{");
        st_col_text(st, 0, a, sizeof a);
        kstr(o, "date", a);
        st_col_text(st, 1, a, sizeof a);
        kstr(o, "level", a);
        knum(o, "best_n", sqlite3_column_double(st, 2), 2);
        knum(o, "cv_pct", st_col_real(st, 3), 2);
        kbool(o, "pain_limited", sqlite3_column_int(st, 4) != 0);
        ktime(o, "time", sqlite3_column_int64(st, 5));
        close_with(o, '}');
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return st_fail_rc(s, rc, doing);
    close_with(o, ']');

    if (!st_prepare(s,
                    "SELECT time, actor, action, detail FROM audit_log WHERE profile_id = ?1 "
                    "ORDER BY time, id",
                    &st, doing))
        return false;
    sqlite3_bind_int64(st, 1, profile_id);
    key(o, "audit_log");
    strbuf_append(&o->b, "[");
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        strbuf_append(&o->b, "{");
        ktime(o, "time", sqlite3_column_int64(st, 0));
        st_col_text(st, 1, a, sizeof a);
        kstr(o, "actor", a);
        st_col_text(st, 2, a, sizeof a);
        kstr(o, "action", a);
        const unsigned char *detail = sqlite3_column_text(st, 3);
        kstr(o, "detail", detail ? (const char *)detail : NULL);
        close_with(o, '}');
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return st_fail_rc(s, rc, doing);
    close_with(o, ']');
    return true;
}

bool store_export_json(Store *s, int64_t profile_id, FILE *out, bool with_traces)
{
    StoreProfile p;
    bool found;
    if (!store_profile_get_by_id(s, profile_id, &p, &found))
        return false;
    if (!found)
        return st_fail(s, STORE_E_NOTFOUND, "there is no profile #%lld", (long long)profile_id);
    StorePain *pains;
    size_t n_pains;
    if (!store_pain_list(s, profile_id, 0, &pains, &n_pains))
        return false;
    Out o = {.f = out};
    strbuf_init(&o.b);
    strbuf_append(&o.b, "{");
    kstr(&o, "format", "bridgehold-export");
    kint(&o, "version", EXPORT_FORMAT_VERSION);
    kint(&o, "schema", STORE_SCHEMA_VERSION);
    key(&o, "profile");
    strbuf_append(&o.b, "{");
    kstr(&o, "name", p.name);
    kstr(&o, "affected_side", store_side_name(p.side));
    knum(&o, "body_mass_kg", p.body_mass_kg, 2);
    kstr(&o, "start_date", p.start_date);
    kstr(&o, "level", p.level);
    kstr(&o, "level_cap", p.level_cap);
    ktime(&o, "created", p.created);
    close_with(&o, '}');
    bool ok = sessions_array(s, &o, profile_id, pains, n_pains, with_traces);
    if (ok) {
        key(&o, "other_pain_entries");
        strbuf_append(&o.b, "[");
        for (size_t i = 0; i < n_pains; i++) {
            if (!pains[i].session_id)
                pain_object(&o, &pains[i]);
        }
        close_with(&o, ']');
        ok = tail_arrays(s, &o, profile_id);
    }
    if (ok) {
        close_with(&o, '}');
        o.b.data[o.b.len - 1] = '\n'; /* the last comma */
        out_flush(&o);
        if (o.failed || fflush(out) != 0 || ferror(out))
            ok = st_fail(s, STORE_E_IO, "writing the JSON export failed");
    }
    strbuf_free(&o.b);
    free(pains);
    return ok;
}
