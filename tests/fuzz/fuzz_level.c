/* tests/fuzz/fuzz_level: the level parser and the rules parser on arbitrary text. Whatever
 * parses must hold values inside the documented ranges; every message must name the file. */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rehab/level.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_messages(const Diag *d, const char *name)
{
    for (size_t i = 0; i < d->count - d->dropped; i++) {
        if (strncmp(d->msgs[i], name, strlen(name)) != 0)
            abort();
    }
}

static void check_level(const Level *lv)
{
    if (lv->version != LEVEL_FORMAT_VERSION || !lv->id[0] || !lv->instructions[0])
        abort();
    if (lv->sets < 1 || lv->sets > 20 || !(lv->rest_s >= 0))
        abort();
    if (!(lv->tolerance_pct > 0 && lv->tolerance_pct <= 100))
        abort();
    if (lv->target_kind == TARGET_TEMPO) {
        if (lv->reps < 1 || !(lv->up_s > 0) || !(lv->down_s > 0) || lv->hold_s != 0)
            abort();
    } else if (!(lv->hold_s > 0)) {
        abort();
    }
    if ((lv->target_kind == TARGET_PCT_MVC || lv->target_kind == TARGET_PCT_BODYWEIGHT) &&
        !(lv->target_value > 0 && lv->target_value <= 150))
        abort();
    if (memchr(lv->instructions, '\0', sizeof lv->instructions) == NULL)
        abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    memcpy(text, data, size);
    text[size] = '\0';
    Level lv;
    Diag d;
    diag_init(&d);
    bool ok = level_parse_string("fuzz.ini", text, &lv, &d);
    if (ok != (d.count == 0))
        abort();
    check_messages(&d, "fuzz.ini");
    if (ok) {
        check_level(&lv);
        Rules r;
        rules_defaults(&r);
        rules_apply_overrides(&r, &lv.unlock);
        rules_check(&r, "fuzz.ini", 1, NULL, &d);
    }
    diag_free(&d);

    diag_init(&d);
    Rules r;
    ok = rules_parse_string("rules.ini", text, &r, &d);
    if (ok != (d.count == 0))
        abort();
    check_messages(&d, "rules.ini");
    if (ok && (r.advance_distinct_days > r.advance_sessions || r.red_pain_during_above < 0 ||
               r.red_pain_during_above > 10))
        abort();
    diag_free(&d);
    free(text);
    return 0;
}
