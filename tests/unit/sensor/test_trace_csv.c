/* tests/unit/sensor/test_trace_csv: the trace CSV reader's every refusal, with the exact line in
 * the message; the liberties it allows (comments, blank lines, CRLF, unknown and optional
 * columns); the committed test traces; and save → load round trips. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/str.h"
#include "sensor/trace_csv.h"

#define TRACES BH_TEST_DATA "/traces/"

static void append_row(void *ctx, const Sample *s)
{
    trace_append(ctx, s);
}

/* The streaming reader fed text in pieces of `piece` bytes (0: pieces of pseudo-random sizes)
 * must say exactly what the whole-buffer parse said: same verdict, same messages, same samples.
 * So every case in this file also checks lines split across reads, the way `analyze` reads. */
static void check_streamed(const char *text, size_t len, bool ok, const Trace *t,
                           const Diag *d, size_t piece)
{
    Trace s = {0};
    Diag sd;
    diag_init(&sd);
    TraceReader *r = trace_reader_new("t.csv", append_row, &s, &sd);
    unsigned long seed = 12345;
    for (size_t pos = 0; pos < len;) {
        seed = seed * 6364136223846793005ul + 1442695040888963407ul;
        size_t n = piece ? piece : 1 + (size_t)((seed >> 33) % 97);
        if (n > len - pos)
            n = len - pos;
        trace_reader_feed(r, text + pos, n);
        pos += n;
    }
    unsigned columns = 0;
    bool sok = trace_reader_finish(r, &columns);
    if (sok != ok || sd.count != d->count)
        fail_msg("pieces of %zu: verdict %d with %zu messages, whole buffer %d with %zu "
                 "(first: '%s' vs '%s')", piece, sok, sd.count, ok, d->count, diag_first(&sd),
                 diag_first(d));
    for (size_t i = 0; i < d->count - d->dropped; i++)
        assert_string_equal(sd.msgs[i], d->msgs[i]);
    if (ok) {
        assert_int_equal(columns, t->columns);
        assert_int_equal(s.count, t->count);
        if (t->count)
            assert_memory_equal(s.samples, t->samples, t->count * sizeof *t->samples);
    }
    trace_free(&s);
    diag_free(&sd);
}

/* Parses text as "t.csv"; returns whether it loaded, leaves the diagnostics in *d. */
static bool parse(const char *text, size_t len, Trace *t, Diag *d)
{
    diag_init(d);
    bool ok = trace_parse_buffer("t.csv", text, len, t, d);
    static const size_t pieces[] = {1, 2, 3, 4096, 4097, 0};
    for (size_t i = 0; i < sizeof pieces / sizeof pieces[0]; i++)
        check_streamed(text, len, ok, t, d, pieces[i]);
    return ok;
}

/* text must be refused with exactly `expect` as the first message. */
static void expect_error(const char *text, const char *expect)
{
    Trace t;
    Diag d;
    bool ok = parse(text, strlen(text), &t, &d);
    if (ok || strcmp(diag_first(&d), expect) != 0)
        fail_msg("input:\n%s\nwanted: %s\ngot:    %s", text, expect,
                 ok ? "(loaded)" : diag_first(&d));
    assert_null(t.samples);
    assert_int_equal(t.count, 0);
    diag_free(&d);
}

static void test_header_errors(void **state)
{
    (void)state;
    expect_error("", "t.csv:1: empty file: a trace starts with a header line naming its columns, "
                     "e.g. t_s,force_n");
    expect_error("# only\n\n# comments\n",
                 "t.csv:3: no header: the file holds only comments and blank lines");
    expect_error("0.0,1.0\n0.1,2.0\n", "t.csv:1: no header: the first line is data; a trace "
                                       "starts with a header line naming its columns, e.g. "
                                       "t_s,force_n");
    expect_error("# x\ntime,force\n0,1\n",
                 "t.csv:2: the header names neither t_s nor force_n; a trace needs both "
                 "(optional: left_n, right_n, pitch_deg, roll_deg)");
    expect_error("t_s;force_n\n0;1\n",
                 "t.csv:1: the header names neither t_s nor force_n; a trace needs both "
                 "(optional: left_n, right_n, pitch_deg, roll_deg); columns must be separated by "
                 "commas");
    expect_error("force_n,x\n1,2\n", "t.csv:1: the header has no t_s column (time, seconds)");
    expect_error("\n\nt_s,note\n0,a\n",
                 "t.csv:3: the header has no force_n column (force, newtons)");
    expect_error("t_s,force_n,T_S\n", "t.csv:1: column 'T_S' appears twice (columns 1 and 3)");
    expect_error("t_s,force_n,x,x\n", "t.csv:1: column 'x' appears twice (columns 3 and 4)");
    expect_error("t_s,,force_n\n", "t.csv:1: column 2 of the header has no name");
    /* a header full of problems is reported up to the limit, like rows */
    Trace t;
    Diag d;
    const char *unnamed = "t_s,force_n,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,\n";
    assert_false(parse(unnamed, strlen(unnamed), &t, &d));
    assert_int_equal(d.count, TRACE_MAX_ERRORS + 1);
    assert_string_equal(d.msgs[TRACE_MAX_ERRORS], "t.csv:1: too many errors; stopped reading here");
    diag_free(&d);
    expect_error("t_s,force_n,left_n\n",
                 "t.csv:1: the header has left_n without right_n; give both or neither");
    expect_error("t_s,force_n,right_n\n",
                 "t.csv:1: the header has right_n without left_n; give both or neither");
}

static void test_header_too_wide(void **state)
{
    (void)state;
    char text[1024] = "t_s,force_n";
    for (int i = 0; i < TRACE_MAX_COLUMNS - 1; i++)
        snprintf(text + strlen(text), sizeof text - strlen(text), ",c%d", i);
    expect_error(text, "t.csv:1: the header has 65 columns; at most 64 are allowed");
}

static void test_row_errors(void **state)
{
    (void)state;
    expect_error("t_s,force_n\n0,abc\n", "t.csv:2: force_n is not a number ('abc')");
    expect_error("t_s,force_n\n0,1\n# c\n0.01,nan\n", "t.csv:4: force_n is not a number ('nan')");
    expect_error("t_s,force_n\n0,inf\n", "t.csv:2: force_n is not a number ('inf')");
    expect_error("t_s,force_n\n0,-INF\n", "t.csv:2: force_n is not a number ('-INF')");
    expect_error("t_s,force_n\n0,1e999\n", "t.csv:2: force_n is not a number ('1e999')");
    expect_error("t_s,force_n\n0,0x10\n", "t.csv:2: force_n is not a number ('0x10')");
    expect_error("t_s,force_n\n0,\n", "t.csv:2: force_n is not a number ('')");
    expect_error("t_s,force_n\n\"0\",1\n", "t.csv:2: t_s is not a number ('\"0\"')");
    expect_error("force_n,t_s\n1,0\n2,zero\n", "t.csv:3: t_s is not a number ('zero')");
    expect_error("t_s,force_n,left_n,right_n\n0,1,x,0\n", "t.csv:2: left_n is not a number ('x')");
    expect_error("t_s,force_n,pitch_deg\n0,1,?\n", "t.csv:2: pitch_deg is not a number ('?')");
    expect_error("t_s,force_n\n0,1\n0.2,1\n0.1,1\n",
                 "t.csv:4: time goes backwards: t_s 0.1 comes after 0.2");
    expect_error("t_s,force_n,x\n0,1,2\n0.01,1\n", "t.csv:3: short row: 2 fields, the header has 3");
    expect_error("t_s,force_n,x\n0\n", "t.csv:2: short row: 1 field, the header has 3");
    expect_error("t_s,force_n\n0,1,2\n", "t.csv:2: too many fields: 3, the header has 2");
    expect_error("t_s,force_n\n0,1,\n", "t.csv:2: too many fields: 3, the header has 2");
    /* a long junk field is quoted back short and printable */
    expect_error("t_s,force_n\n0,\x01" "abcdefghijklmnopqrstuvwxyz0123456789abcdefghij\n",
                 "t.csv:2: force_n is not a number ('?abcdefghijklmnopqrstuvwxyz012345678...')");
}

static void test_nul_and_long_lines(void **state)
{
    (void)state;
    static const char nul[] = "t_s,force_n\n0,1\n0.1,\0002\n0.2,3\n";
    Trace t;
    Diag d;
    assert_false(parse(nul, sizeof nul - 1, &t, &d));
    assert_string_equal(diag_first(&d), "t.csv:3: NUL byte in the line (is this a text file?)");
    assert_int_equal(d.count, 1);
    diag_free(&d);

    size_t n = TRACE_MAX_LINE + 100;
    char *big = malloc(n + 64);
    strcpy(big, "t_s,force_n\n0,1\n0.1,");
    size_t at = strlen(big);
    memset(big + at, '5', n);
    strcpy(big + at + n, "\n0.2,3\n");
    assert_false(parse(big, strlen(big), &t, &d));
    assert_string_equal(diag_first(&d), "t.csv:3: line is longer than 4096 characters");
    diag_free(&d);
    /* exactly the limit is fine (a very long unknown column) */
    strcpy(big, "t_s,force_n,note\n0,1,");
    at = strlen(big);
    memset(big + at, 'x', TRACE_MAX_LINE - 4);
    strcpy(big + at + TRACE_MAX_LINE - 4, "\n");
    assert_true(parse(big, strlen(big), &t, &d));
    assert_int_equal(t.count, 1);
    trace_free(&t);
    diag_free(&d);
    free(big);
}

/* Several bad rows: each reported with its own line, and reading stops after the limit. */
static void test_errors_collected_then_limited(void **state)
{
    (void)state;
    Trace t;
    Diag d;
    const char *two = "t_s,force_n\n0,1\n0.1,x\n0.2,2\n0.3\n0.4,4\n";
    assert_false(parse(two, strlen(two), &t, &d));
    assert_int_equal(d.count, 2);
    assert_string_equal(d.msgs[0], "t.csv:3: force_n is not a number ('x')");
    assert_string_equal(d.msgs[1], "t.csv:5: short row: 1 field, the header has 2");
    diag_free(&d);

    char text[4096] = "t_s,force_n\n";
    for (int i = 0; i < 50; i++)
        strcat(text, "0,bad\n");
    assert_false(parse(text, strlen(text), &t, &d));
    assert_int_equal(d.count, TRACE_MAX_ERRORS + 1);
    assert_string_equal(d.msgs[TRACE_MAX_ERRORS - 1], "t.csv:21: force_n is not a number ('bad')");
    assert_string_equal(d.msgs[TRACE_MAX_ERRORS], "t.csv:21: too many errors; stopped reading here");
    diag_free(&d);
}

static void test_good_liberties(void **state)
{
    (void)state;
    const char *text = "\xEF\xBB\xBF# recorded by hand\r\n"
                       "\r\n"
                       "  # indented comment\r\n"
                       "Note, T_S ,force_n,roll_deg,extra\r\n"
                       "hello, 0.00 , 1.5 ,-2,anything at all\r\n"
                       "# mid-file comment\r\n"
                       "\t\r\n"
                       ",0.01,2.5,-2.5,\r\n"
                       "x,0.01,3,0,y"; /* equal time is fine; no final newline */
    Trace t;
    Diag d;
    assert_true(parse(text, strlen(text), &t, &d));
    assert_int_equal(d.count, 0);
    assert_int_equal(t.count, 3);
    assert_int_equal(t.columns, SAMPLE_FORCE | SAMPLE_ROLL);
    assert_true(t.samples[0].t_s == 0.0 && t.samples[0].force_n == 1.5);
    assert_true(t.samples[1].roll_deg == -2.5 && t.samples[2].t_s == 0.01);
    assert_true(t.samples[2].force_n == 3.0);
    assert_int_equal(t.samples[2].has, SAMPLE_FORCE | SAMPLE_ROLL);
    trace_free(&t);
    diag_free(&d);

    const char *all = "t_s,force_n,left_n,right_n,pitch_deg,roll_deg\n1e-3,10,6,4,12.5,-1\n";
    assert_true(parse(all, strlen(all), &t, &d));
    assert_int_equal(t.columns, SAMPLE_FORCE | SAMPLE_LEFT_RIGHT | SAMPLE_PITCH | SAMPLE_ROLL);
    const Sample *s = &t.samples[0];
    assert_true(s->t_s == 0.001 && s->left_n == 6 && s->right_n == 4 && s->pitch_deg == 12.5);
    trace_free(&t);
    diag_free(&d);

    /* a header and no samples: a valid, empty trace */
    assert_true(parse("t_s,force_n\n", 12, &t, &d));
    assert_int_equal(t.count, 0);
    assert_int_equal(t.columns, SAMPLE_FORCE);
    trace_free(&t);
    diag_free(&d);
}

/* The committed traces load (or fail) exactly as tests/data/traces/README.md says. */
static void test_data_files(void **state)
{
    (void)state;
    static const struct {
        const char *file;
        size_t count;
        unsigned columns;
    } good[] = {
        {"hold-200n-30s.csv", 3720, SAMPLE_FORCE},
        {"sag-6s.csv", 3720, SAMPLE_FORCE},
        {"blip-1s.csv", 720, SAMPLE_FORCE},
        {"two-holds-lr.csv", 3540, SAMPLE_FORCE | SAMPLE_LEFT_RIGHT},
    };
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        Trace t;
        Diag d;
        diag_init(&d);
        char path[512];
        snprintf(path, sizeof path, "%s%s", TRACES, good[i].file);
        if (!trace_load(path, &t, &d))
            fail_msg("%s", diag_first(&d));
        Trace s = {0};
        unsigned columns = 0;
        assert_true(trace_stream(path, append_row, &s, &columns, &d));
        assert_int_equal(columns, t.columns);
        assert_int_equal(s.count, t.count);
        assert_memory_equal(s.samples, t.samples, t.count * sizeof *t.samples);
        trace_free(&s);
        assert_int_equal(t.count, good[i].count);
        assert_int_equal(t.columns, good[i].columns);
        assert_true(fabs(t.samples[t.count - 1].t_s - (double)(t.count - 1) / 100.0) < 1e-9);
        trace_free(&t);
        diag_free(&d);
    }
    static const char *const bad[][2] = {
        {"decreasing-time.csv", "7: time goes backwards: t_s 0.02 comes after 0.03"},
        {"nan.csv", "5: force_n is not a number ('nan')"},
        {"short-row.csv", "4: short row: 2 fields, the header has 4"},
        {"no-header.csv", "1: no header: the first line is data; a trace starts with a header "
                          "line naming its columns, e.g. t_s,force_n"},
        {"empty.csv", "1: empty file: a trace starts with a header line naming its columns, "
                      "e.g. t_s,force_n"},
        {"unknown-only-header.csv", "2: the header names neither t_s nor force_n; a trace needs "
                                    "both (optional: left_n, right_n, pitch_deg, roll_deg)"},
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char path[512], want[768];
        snprintf(path, sizeof path, "%sbad/%s", TRACES, bad[i][0]);
        snprintf(want, sizeof want, "%s:%s", path, bad[i][1]);
        Trace t;
        Diag d;
        diag_init(&d);
        assert_false(trace_load(path, &t, &d));
        assert_string_equal(diag_first(&d), want);
        assert_int_equal(d.count, 1);
        diag_free(&d);
        /* analyze streams the file: the same one message */
        diag_init(&d);
        Trace s = {0};
        unsigned columns = 1;
        assert_false(trace_stream(path, append_row, &s, &columns, &d));
        assert_string_equal(diag_first(&d), want);
        assert_int_equal(d.count, 1);
        assert_int_equal(columns, 0);
        trace_free(&s);
        diag_free(&d);
    }
}

static void test_load_missing_file(void **state)
{
    (void)state;
    Trace t;
    Diag d;
    diag_init(&d);
    assert_false(trace_load(TRACES "no-such-file.csv", &t, &d));
    assert_string_equal(diag_first(&d), TRACES "no-such-file.csv: cannot open: No such file or "
                                               "directory");
    diag_free(&d);
}

/* A scratch folder in the build tree, removed with its files afterwards. */
static char *scratch_dir(void)
{
    char *dir = malloc(512);
    snprintf(dir, 512, "%s/sensor-trace-XXXXXX", BH_BINARY_DIR);
    assert_non_null(mkdtemp(dir));
    return dir;
}

static int count_entries(const char *dir)
{
    DIR *dp = opendir(dir);
    assert_non_null(dp);
    int n = 0;
    for (struct dirent *e; (e = readdir(dp));)
        n += e->d_name[0] != '.';
    closedir(dp);
    return n;
}

static void test_round_trip(void **state)
{
    (void)state;
    char *dir = scratch_dir();
    char path[600];
    snprintf(path, sizeof path, "%s/rt.csv", dir);
    Trace a = {0};
    a.columns = SAMPLE_FORCE | SAMPLE_LEFT_RIGHT | SAMPLE_PITCH | SAMPLE_ROLL;
    for (int i = 0; i < 500; i++) {
        Sample s = {0};
        s.t_s = 1234.5 + i / 100.0 + (i % 7 == 0 ? 0.0 : 1e-7);
        s.force_n = 200.0 * sin(i * 0.1) + 1.0 / 3.0;
        s.left_n = s.force_n * 0.55;
        s.right_n = s.force_n - s.left_n;
        s.pitch_deg = -12.34567 + i * 1e-3;
        s.roll_deg = i == 3 ? -0.0 : 1e6 / (i + 1);
        s.has = a.columns;
        trace_append(&a, &s);
    }
    char err[256] = "";
    assert_true(trace_save(path, &a, err, sizeof err));
    assert_true(trace_save(path, &a, err, sizeof err)); /* replaces the file */
    assert_int_equal(count_entries(dir), 1);            /* no temp file left */
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    /* private: a trace is a patient's force data (issue 8 changed this from the umask's mode) */
    assert_int_equal(st.st_mode & 0777, 0600);
    Trace b;
    Diag d;
    diag_init(&d);
    if (!trace_load(path, &b, &d))
        fail_msg("%s", diag_first(&d));
    assert_int_equal(b.count, a.count);
    assert_int_equal(b.columns, a.columns);
    for (size_t i = 0; i < a.count; i++) {
        const Sample *x = &a.samples[i], *y = &b.samples[i];
        assert_true(fabs(x->t_s - y->t_s) <= 0.5e-6 + 1e-9);
        assert_true(fabs(x->force_n - y->force_n) <= 0.5e-4 + 1e-9);
        assert_true(fabs(x->left_n - y->left_n) <= 0.5e-4 + 1e-9);
        assert_true(fabs(x->right_n - y->right_n) <= 0.5e-4 + 1e-9);
        assert_true(fabs(x->pitch_deg - y->pitch_deg) <= 0.5e-4 + 1e-9);
        assert_true(fabs(x->roll_deg - y->roll_deg) <= 0.5e-4 + 1e-9);
        assert_int_equal(y->has, a.columns);
    }
    trace_free(&b);

    /* force only: the header names just what the trace has */
    a.columns = SAMPLE_FORCE;
    assert_true(trace_save(path, &a, err, sizeof err));
    FILE *f = fopen(path, "r");
    char line[128];
    assert_non_null(fgets(line, sizeof line, f));
    assert_string_equal(line, "t_s,force_n\n");
    assert_non_null(fgets(line, sizeof line, f));
    assert_string_equal(line, "1234.500000,0.3333\n");
    fclose(f);

    /* refused before touching the disk: non-finite values, time going backwards */
    a.samples[10].force_n = NAN;
    assert_false(trace_save(path, &a, err, sizeof err));
    assert_string_equal(err, "sample 11 has a value that is not a finite number");
    a.samples[10].force_n = 1;
    a.samples[20].t_s = 0;
    assert_false(trace_save(path, &a, err, sizeof err));
    assert_true(str_starts_with(err, "sample 21 goes back in time"));
    a.samples[20].t_s = 1e9;
    assert_false(trace_save(path, &a, err, sizeof err));
    assert_true(str_starts_with(err, "sample 22 goes back in time"));
    trace_free(&a);

    /* an empty trace saves as a bare header and loads back empty */
    assert_true(trace_save(path, &a, err, sizeof err));
    assert_true(trace_load(path, &b, &d));
    assert_int_equal(b.count, 0);
    trace_free(&b);

    char bad[700];
    snprintf(bad, sizeof bad, "%s/no-such-dir/x.csv", dir);
    assert_false(trace_save(bad, &a, err, sizeof err));
    assert_true(str_starts_with(err, bad));
    diag_free(&d);
    unlink(path);
    assert_int_equal(rmdir(dir), 0);
    free(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_header_errors),
        cmocka_unit_test(test_header_too_wide),
        cmocka_unit_test(test_row_errors),
        cmocka_unit_test(test_nul_and_long_lines),
        cmocka_unit_test(test_errors_collected_then_limited),
        cmocka_unit_test(test_good_liberties),
        cmocka_unit_test(test_data_files),
        cmocka_unit_test(test_load_missing_file),
        cmocka_unit_test(test_round_trip),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
