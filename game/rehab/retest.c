/* rehab/retest: the MVC retest rule. */
#include "rehab/retest.h"

#include <string.h>

#include "rehab/history.h"

bool mvc_retest_due(bool tested, const char *tested_date, const char *tested_level,
                    const char *today, const char *current_level)
{
    if (!tested || !tested_date || !tested_level)
        return true;
    if (current_level && current_level[0] && strcmp(tested_level, current_level) != 0)
        return true; /* a new level is a new position: its maximum differs */
    SessionRecord then, now;
    if (!history_parse_date(tested_date, &then))
        return true; /* an unreadable date: better to test again than to trust it */
    if (!today || !history_parse_date(today, &now))
        return false;
    return now.day_number - then.day_number >= MVC_RETEST_DAYS;
}
