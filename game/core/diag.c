/* core/diag: collected diagnostics. */
#include "core/diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "core/alloc.h"
#include "core/str.h"

void diag_init(Diag *d) { memset(d, 0, sizeof *d); }

void diag_free(Diag *d)
{
    for (size_t i = 0; i < d->count - d->dropped; i++)
        free(d->msgs[i]);
    free(d->msgs);
    memset(d, 0, sizeof *d);
}

void diag_add(Diag *d, const char *file, int line, const char *fmt, ...)
{
    size_t limit = d->limit ? d->limit : 100;
    if (d->count - d->dropped >= limit) {
        d->count++;
        d->dropped++;
        return;
    }
    StrBuf b;
    strbuf_init(&b);
    if (line > 0)
        strbuf_appendf(&b, "%s:%d: ", file ? file : "<input>", line);
    else
        strbuf_appendf(&b, "%s: ", file ? file : "<input>");
    va_list ap;
    va_start(ap, fmt);
    char tmp[512];
    vsnprintf(tmp, sizeof tmp, fmt, ap);
    va_end(ap);
    strbuf_append(&b, tmp);
    void *p = d->msgs;
    xgrow(&p, &d->cap, d->count - d->dropped + 1, sizeof(char *));
    d->msgs = p;
    d->msgs[d->count - d->dropped] = b.data;
    d->count++;
}

bool diag_has_errors(const Diag *d) { return d->count > 0; }

void diag_print(const Diag *d, FILE *out)
{
    for (size_t i = 0; i < d->count - d->dropped; i++)
        fprintf(out, "%s\n", d->msgs[i]);
    if (d->dropped)
        fprintf(out, "(%zu more errors not shown)\n", d->dropped);
}

const char *diag_first(const Diag *d) { return d->count > d->dropped ? d->msgs[0] : ""; }
