/* rehab/retest: when the MVC strength test should be repeated (CLINICAL.md § Isometric dosing:
 * retest weekly and at each new level [P]). Pure: dates in, a yes or no out. */
#pragma once
#include <stdbool.h>

#define MVC_RETEST_DAYS 7 /* [P] weekly retest */

/* True when the test should be repeated: never tested (tested false), the latest test is
 * MVC_RETEST_DAYS or more days before today, its date cannot be read, or the current level
 * (non-empty) differs from the level whose position was tested. Dates are YYYY-MM-DD; an
 * unreadable today leaves only the level rule. */
bool mvc_retest_due(bool tested, const char *tested_date, const char *tested_level,
                    const char *today, const char *current_level);
