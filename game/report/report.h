/* report/report: the clinician's reports of one patient, built from the store — a printable PDF
 * (cairo, A4) and a FHIR R4 Bundle of type `collection` (JSON). Both read one ReportData, so the
 * two always tell the same story.
 *
 * Practice sessions (simulator, replayed trace, capture, answers-file demo) are never the
 * patient's work: the FHIR export leaves them out unless include_practice, and then tags every
 * resource about them; the PDF always shows them, but apart (hollow markers, own table).
 * Units: newtons, seconds, percent, NRS 0–10, minutes (sitting tolerance). NAN = none. */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "rehab/level.h"
#include "store/store.h"

typedef struct ReportOptions {
    bool include_practice; /* FHIR: add practice sessions (tagged); the PDF shows them anyway */
    const Ladder *ladder;  /* levels, for %MVC when a session stored no MVC; may be NULL */
    int64_t made_at;       /* Unix s the report is dated with; 0 = now */
} ReportOptions;

/* One session with what the report derives from it. */
typedef struct ReportSession {
    StoreSession s;
    bool practice;            /* s.source == STORE_PRACTICE */
    size_t first_set, n_sets; /* its sets in ReportData.sets (index 0, the practice hold, too) */
    double pain_before, pain_during, pain_after, pain_next_morning; /* NAN = not answered */
    char zone[16];            /* the latest rules zone about it ("" = none) */
    double mvc_n;             /* the MVC its %MVC is taken from; NAN = unknown */
    double pct_mvc;           /* mean force over its counted sets as % of mvc_n; NAN = unknown */
    double tul_s;             /* time under load: summed hold time of its counted sets */
    double dose;              /* tul in minutes × pct_mvc ("%MVC·min"); NAN when unknown */
    int n_notes;              /* sets carrying a clinician's note */
} ReportSession;

typedef struct ReportData {
    StoreProfile profile;
    char profile_uid[STORE_UID_LEN];
    ReportOptions opt;
    int64_t made_at;
    ReportSession *sessions; /* date order */
    size_t n_sessions, n_live, n_practice, n_supervised;
    StoreReportSet *sets;    /* grouped by session, in session order */
    size_t n_sets;
    StoreReportPain *pain;   /* time order */
    size_t n_pain;
    StoreReportDecision *decisions;
    size_t n_decisions;
    StoreReportMvc *mvc;
    size_t n_mvc;
} ReportData;

/* Reads everything about one profile. False with the store's message in err on failure. */
bool report_load(Store *s, int64_t profile_id, const ReportOptions *opt, ReportData *out,
                 char *err, size_t cap);
void report_free(ReportData *d);

/* The session a store session id names, or NULL. */
const ReportSession *report_session_by_id(const ReportData *d, int64_t session_id);
/* The session a decision followed: its session_id when stored, else the latest session that had
 * ended by the time of the decision (a live one before practice on a tie). NULL when none. */
const ReportSession *report_decision_session(const ReportData *d, const StoreReportDecision *x);
/* Days since 1970-01-01 of a YYYY-MM-DD date (NAN when malformed), and back as "05 Oct". */
double report_day_number(const char *date);
void report_day_format(double day, char *out, size_t cap);

/* Writes the FHIR R4 Bundle (collection) to out. False on a write error. */
bool report_write_fhir(const ReportData *d, FILE *out);
/* Draws the PDF report (A4) to out. False with a message in err on failure. */
bool report_write_pdf(const ReportData *d, FILE *out, char *err, size_t cap);
