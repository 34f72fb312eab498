/* core: strict number parsing (what makes "file:line: not a number" possible), the JSON writer
 * behind every --json output, the ring buffer and diagnostics. */
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

#include "core/atomic_file.h"
#include "core/diag.h"
#include "core/ring.h"
#include "core/str.h"

static void test_str_to_double_is_strict(void **state)
{
    (void)state;
    double v;
    assert_true(str_to_double(" 12.5 ", &v));
    assert_true(v == 12.5);
    assert_true(str_to_double("-3e2", &v));
    assert_true(v == -300);
    assert_false(str_to_double("", &v));
    assert_false(str_to_double("  ", &v));
    assert_false(str_to_double("nan", &v));
    assert_false(str_to_double("inf", &v));
    assert_false(str_to_double("-infinity", &v));
    assert_false(str_to_double("1e999", &v));
    assert_false(str_to_double("12abc", &v));
    assert_false(str_to_double("0x10", &v));
    assert_false(str_to_double("1,5", &v));
}

static void test_str_to_long_range(void **state)
{
    (void)state;
    long v;
    assert_true(str_to_long("10", 0, 10, &v));
    assert_int_equal(v, 10);
    assert_false(str_to_long("11", 0, 10, &v));
    assert_false(str_to_long("-1", 0, 10, &v));
    assert_false(str_to_long("3.5", 0, 10, &v));
    assert_false(str_to_long("99999999999999999999999", 0, 10, &v));
}

static void test_json_numbers_and_strings(void **state)
{
    (void)state;
    StrBuf b;
    strbuf_init(&b);
    strbuf_append_json_number(&b, 30.0, 3);
    strbuf_append(&b, " ");
    strbuf_append_json_number(&b, 99.995, 2);
    strbuf_append(&b, " ");
    strbuf_append_json_number(&b, -0.0001, 2);
    strbuf_append(&b, " ");
    strbuf_append_json_number(&b, NAN, 2);
    strbuf_append(&b, " ");
    strbuf_append_json_string(&b, "a\"b\\c\n\x01");
    assert_string_equal(b.data, "30 100 0 null \"a\\\"b\\\\c\\n\\u0001\"");
    strbuf_free(&b);
}

static void test_ring_drops_oldest(void **state)
{
    (void)state;
    Ring r;
    ring_init(&r, sizeof(int), 3);
    for (int i = 1; i <= 3; i++)
        assert_true(ring_push(&r, &i));
    int four = 4;
    assert_false(ring_push(&r, &four));
    assert_int_equal(ring_count(&r), 3);
    assert_int_equal(*(const int *)ring_at(&r, 0), 2);
    assert_int_equal(*(const int *)ring_at(&r, 2), 4);
    assert_null(ring_at(&r, 3));
    int out;
    assert_true(ring_pop(&r, &out));
    assert_int_equal(out, 2);
    ring_free(&r);
}

static void test_diag_format_and_limit(void **state)
{
    (void)state;
    Diag d;
    diag_init(&d);
    diag_add(&d, "levels/L01.ini", 7, "hold_s: %d is negative", -5);
    diag_add(&d, "x.csv", 0, "empty file");
    assert_string_equal(d.msgs[0], "levels/L01.ini:7: hold_s: -5 is negative");
    assert_string_equal(d.msgs[1], "x.csv: empty file");
    d.limit = 2;
    diag_add(&d, "x.csv", 3, "dropped");
    assert_int_equal(d.count, 3);
    assert_int_equal(d.dropped, 1);
    diag_free(&d);
}

static char *slurp(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    static char buf[256];
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    buf[n] = '\0';
    fclose(f);
    return buf;
}

static int count_entries(const char *dir)
{
    DIR *d = opendir(dir);
    assert_non_null(d);
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)))
        n += e->d_name[0] != '.';
    closedir(d);
    return n;
}

/* A file is there whole or not at all, private (0600), and a discarded or failed write leaves
 * the old file as it was and no temporary file behind. */
static void test_atomic_file(void **state)
{
    (void)state;
    char dir[] = "/tmp/bh-atomic-XXXXXX";
    assert_non_null(mkdtemp(dir));
    char path[128], err[512];
    snprintf(path, sizeof path, "%s/out.csv", dir);
    FILE *old = fopen(path, "w");
    fputs("old\n", old);
    fclose(old);
    chmod(path, 0644);

    AtomicFile af;
    assert_true(atomic_file_open(&af, path, err, sizeof err));
    fputs("new half", af.f);
    fflush(af.f);
    assert_string_equal(slurp(path), "old\n"); /* not there until committed */
    atomic_file_abort(&af);
    assert_string_equal(slurp(path), "old\n");
    assert_int_equal(count_entries(dir), 1);

    assert_true(atomic_file_open(&af, path, err, sizeof err));
    fputs("t_s,force_n\n0,1\n", af.f);
    assert_true(atomic_file_commit(&af, err, sizeof err));
    assert_string_equal(slurp(path), "t_s,force_n\n0,1\n");
    struct stat st;
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    assert_int_equal(count_entries(dir), 1);
    atomic_file_abort(&af); /* harmless after a commit */

    char bad[160];
    snprintf(bad, sizeof bad, "%s/missing/out.csv", dir);
    assert_false(atomic_file_open(&af, bad, err, sizeof err));
    assert_non_null(strstr(err, "missing/out.csv: cannot create a file next to it"));

    unlink(path);
    rmdir(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_str_to_double_is_strict),
        cmocka_unit_test(test_str_to_long_range),
        cmocka_unit_test(test_json_numbers_and_strings),
        cmocka_unit_test(test_ring_drops_oldest),
        cmocka_unit_test(test_diag_format_and_limit),
        cmocka_unit_test(test_atomic_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
