/* tests/fuzz/fuzz_trace_csv: the trace CSV reader on arbitrary bytes. A trace that loads must
 * hold only finite numbers with time never decreasing, and must write back out and load again
 * to the same samples (to the writer's 1e-6 s / 1e-4 unit precision). Read in pieces (as
 * `analyze` streams a file), the same bytes must give the same verdict and samples. */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "sensor/trace_csv.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* |a − b| within half a unit of the last printed digit, plus rounding in the conversions. */
static int near(double a, double b, double unit)
{
    return fabs(a - b) <= unit * 0.5 + fabs(a) * 1e-15;
}

static void count_row(void *ctx, const Sample *s)
{
    (void)s;
    (*(size_t *)ctx)++;
}

/* The streaming reader over pieces of a size the input picks: same verdict and row count. */
static void check_pieces(const uint8_t *data, size_t size, bool ok, size_t count, size_t nmsg)
{
    Diag d;
    diag_init(&d);
    size_t rows = 0;
    TraceReader *r = trace_reader_new("fuzz.csv", count_row, &rows, &d);
    size_t piece = size ? 1 + data[0] % 61 : 1;
    for (size_t pos = 0; pos < size; pos += piece)
        trace_reader_feed(r, (const char *)data + pos, size - pos < piece ? size - pos : piece);
    bool sok = trace_reader_finish(r, NULL);
    if (sok != ok || d.count != nmsg || (ok && rows != count))
        abort();
    diag_free(&d);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    Trace a, b;
    Diag d;
    diag_init(&d);
    bool ok = trace_parse_buffer("fuzz.csv", (const char *)data, size, &a, &d);
    check_pieces(data, size, ok, a.count, d.count);
    if (ok) {
        if (diag_has_errors(&d) || !(a.columns & SAMPLE_FORCE))
            abort();
        for (size_t i = 0; i < a.count; i++) {
            const Sample *s = &a.samples[i];
            if (!isfinite(s->t_s) || !isfinite(s->force_n) || s->has != a.columns ||
                (i > 0 && s->t_s < a.samples[i - 1].t_s))
                abort();
        }
        char *mem = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&mem, &len);
        trace_write_header(f, a.columns);
        for (size_t i = 0; i < a.count; i++)
            trace_write_sample(f, &a.samples[i], a.columns);
        fclose(f);
        if (!trace_parse_buffer("again.csv", mem, len, &b, &d)) {
            fprintf(stderr, "%s\n", diag_first(&d));
            abort();
        }
        if (b.count != a.count || b.columns != a.columns)
            abort();
        for (size_t i = 0; i < a.count; i++) {
            const Sample *x = &a.samples[i], *y = &b.samples[i];
            if (!near(x->t_s, y->t_s, 1e-6) || !near(x->force_n, y->force_n, 1e-4) ||
                !near(x->left_n, y->left_n, 1e-4) || !near(x->right_n, y->right_n, 1e-4) ||
                !near(x->pitch_deg, y->pitch_deg, 1e-4) || !near(x->roll_deg, y->roll_deg, 1e-4))
                abort();
        }
        trace_free(&b);
        free(mem);
        trace_free(&a);
    } else if (!diag_has_errors(&d) || a.samples || a.count) {
        abort(); /* a refusal always says why and leaves nothing behind */
    }
    diag_free(&d);
    return 0;
}
