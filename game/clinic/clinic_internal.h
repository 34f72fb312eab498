/* clinic/clinic_internal: what the clinic's own files share. */
#pragma once

/* The day number of a YYYY-MM-DD date (rehab/history's calendar), -1 when empty or not a date. */
long clinic_day_number(const char *date);
/* Days from date to the day number today; -1 when either is unknown. */
int clinic_days_between(const char *date, long today);
