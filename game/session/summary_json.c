/* session/summary_json: headless session summary. */
#include "session/summary_json.h"

#include <math.h>

static void key_num(StrBuf *b, const char *key, double v, int decimals)
{
    strbuf_appendf(b, ",\"%s\":", key);
    strbuf_append_json_number(b, v, decimals);
}

static void key_pain(StrBuf *b, const char *key, int v)
{
    if (v < 0)
        strbuf_appendf(b, ",\"%s\":null", key);
    else
        strbuf_appendf(b, ",\"%s\":%d", key, v);
}

void summary_json(StrBuf *b, const SummaryInfo *info, const Session *s)
{
    strbuf_append(b, "{\"level\":");
    strbuf_append_json_string(b, info->level_id ? info->level_id : "");
    strbuf_append(b, ",\"input\":");
    strbuf_append_json_string(b, info->input ? info->input : "");
    strbuf_append(b, ",\"source\":");
    strbuf_append_json_string(b, info->source ? info->source : "live");
    strbuf_appendf(b, ",\"red_flag_stop\":%s", info->red_flag_stop ? "true" : "false");
    strbuf_appendf(b, ",\"completed\":%s", info->completed ? "true" : "false");
    strbuf_append(b, ",\"unit\":");
    strbuf_append_json_string(b, info->unit ? info->unit : "");
    const SessionConfig *c = s ? session_config(s) : NULL;
    bool measured = c && c->measured;
    key_num(b, "target", measured ? info->target : NAN, 2);
    double lo = NAN, hi = NAN;
    if (measured)
        session_band(s, &lo, &hi);
    key_num(b, "band_low", lo, 2);
    key_num(b, "band_high", hi, 2);
    key_pain(b, "pain_before", info->pain_before);
    int during = -1;
    const SetResult *res = NULL;
    size_t n = s ? session_results(s, &res) : 0;
    for (size_t i = 0; i < n; i++) {
        if (res[i].index > 0 && res[i].pain > during)
            during = res[i].pain;
    }
    key_pain(b, "pain_during", during);
    key_pain(b, "pain_after", info->pain_after);
    key_num(b, "quality_pct", s ? session_quality_pct(s) : NAN, 2);
    const char *const keys[4] = {"zone", "decision", "next_level", "reason"};
    const char *const vals[4] = {info->zone, info->decision, info->next_level, info->reason};
    for (int i = 0; i < 4; i++) {
        strbuf_appendf(b, ",\"%s\":", keys[i]);
        if (vals[i])
            strbuf_append_json_string(b, vals[i]);
        else
            strbuf_append(b, "null");
    }
    strbuf_append(b, ",\"sets\":[");
    bool first = true;
    for (size_t i = 0; i < n; i++) {
        const SetResult *r = &res[i];
        strbuf_append(b, first ? "{" : ",{");
        first = false;
        strbuf_appendf(b, "\"set\":%d", r->index);
        strbuf_appendf(b, ",\"practice\":%s", r->index == 0 ? "true" : "false");
        strbuf_appendf(b, ",\"interrupted\":%s", r->interrupted ? "true" : "false");
        key_num(b, "duration_s", r->m.duration_s, 3);
        key_num(b, "time_in_band_pct", r->measured ? r->m.time_in_band_pct : NAN, 2);
        key_num(b, "mean", r->measured ? r->m.mean_n : NAN, 2);
        key_num(b, "peak", r->measured ? r->m.peak_n : NAN, 2);
        key_num(b, "cv_pct", r->measured ? r->m.cv_pct : NAN, 2);
        key_num(b, "drift_pct_per_10s", r->measured ? r->m.drift_pct_per_10s : NAN, 2);
        key_num(b, "left_pct", r->m.left_pct, 2);
        /* seconds into the hold, so sets compare directly */
        key_num(b, "form_lost_after_s", r->m.form_lost ? r->m.form_lost_s - r->m.start_s : NAN, 3);
        if (c && c->tempo)
            strbuf_appendf(b, ",\"reps\":%d", r->reps_done);
        key_pain(b, "pain", r->pain);
        strbuf_append(b, "}");
    }
    strbuf_append(b, "]}\n");
}
