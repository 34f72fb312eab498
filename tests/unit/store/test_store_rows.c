/* store: every record as rows keyed by uid (store_rows.h), the input of the clinic server sync —
 * every row of every table comes out once with its uid, references come out as the other
 * record's uid, traces come out byte for byte, and reading in pages or up to a cut gives the
 * same rows as one read. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/store.h"
#include "store/store_rows.h"
#include "store_test_util.h"

typedef struct Fixture {
    char *dir;
    Store *s;
} Fixture;

static int setup(void **state)
{
    Fixture *f = calloc(1, sizeof *f);
    f->s = tu_store_fresh(&f->dir);
    if (!f->s)
        return -1;
    int64_t ann = tu_fill_history(f->s);
    StoreDecision d = {.profile_id = ann, .from_level = "L01", .to_level = "L02",
                       .decision = "advance", .zone = "GREEN", .reason = "three green days"};
    StoreMvc m = {.profile_id = ann, .level = "L01", .best_n = 400, .cv_pct = NAN};
    StorePrescription rx = {.profile_id = ann, .level_cap = "L05", .hold_s = NAN,
                            .rest_s = NAN};
    if (!store_decision_add(f->s, &d) || !store_mvc_add(f->s, &m) ||
        !store_prescription_set(f->s, &rx, "Dr Lee", "after the review"))
        return -1;
    *state = f;
    return 0;
}

static int teardown(void **state)
{
    Fixture *f = *state;
    tu_store_drop(f->s, f->dir);
    free(f);
    return 0;
}

static const StoreCell *cell(const StoreRows *r, size_t row, int col)
{
    return &r->cells[row * r->ncols + (size_t)col];
}

/* The uid of the row with local id `id` in the table, as plain SQL reads it. */
static void uid_of(Fixture *f, const char *table, int64_t id, char out[STORE_UID_LEN])
{
    StoreRows all;
    StoreRowsTable t = STORE_TABLE_COUNT;
    for (int i = 0; i < STORE_TABLE_COUNT; i++) {
        if (strcmp(store_table_name((StoreRowsTable)i), table) == 0)
            t = (StoreRowsTable)i;
    }
    assert_true(t < STORE_TABLE_COUNT);
    assert_true(store_rows_read(f->s, t, id - 1, id, 1, &all));
    assert_int_equal(all.nrows, 1);
    snprintf(out, STORE_UID_LEN, "%s", all.cells[0].text);
    store_rows_free(&all);
}

static void test_every_row_once_with_uid(void **state)
{
    Fixture *f = *state;
    for (int t = 0; t < STORE_TABLE_COUNT; t++) {
        size_t n = 0;
        const char *const *cols = store_table_columns((StoreRowsTable)t, &n);
        assert_true(n > 1);
        assert_string_equal(cols[0], "uid");
        StoreRows r;
        assert_true(store_rows_read(f->s, (StoreRowsTable)t, 0, INT64_MAX, 1000, &r));
        char sql[96];
        snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", store_table_name((StoreRowsTable)t));
        long long want = tu_sql_int(store_path(f->s), sql);
        assert_true(want > 0); /* the fixture fills every table */
        assert_int_equal(r.nrows, (size_t)want);
        assert_int_equal(r.ncols, n);
        for (size_t i = 0; i < r.nrows; i++) {
            assert_int_equal(cell(&r, i, 0)->kind, STORE_CELL_TEXT);
            assert_true(store_uid_valid(cell(&r, i, 0)->text));
            if (i > 0)
                assert_true(r.ids[i] > r.ids[i - 1]);
        }
        int64_t last = 0;
        assert_true(store_rows_last_id(f->s, (StoreRowsTable)t, &last));
        assert_int_equal(last, r.ids[r.nrows - 1]);
        store_rows_free(&r);
    }
}

static void test_references_are_uids(void **state)
{
    Fixture *f = *state;
    StoreRows sets;
    assert_true(store_rows_read(f->s, STORE_TABLE_SETS, 0, INT64_MAX, 1000, &sets));
    assert_true(sets.nrows > 0);
    long long session_id =
        tu_sql_int(store_path(f->s), "SELECT session_id FROM sets ORDER BY id LIMIT 1");
    char want[STORE_UID_LEN];
    uid_of(f, "sessions", session_id, want);
    int session_uid = store_table_column(STORE_TABLE_SETS, "session_uid");
    assert_string_equal(cell(&sets, 0, session_uid)->text, want);
    /* the trace as stored: 3 samples of (t, force) float32 */
    const StoreCell *trace = cell(&sets, 0, store_table_column(STORE_TABLE_SETS, "trace"));
    assert_int_equal(trace->kind, STORE_CELL_BLOB);
    assert_int_equal(trace->len,
                     (size_t)tu_sql_int(store_path(f->s), "SELECT length(trace) FROM sets "
                                                          "ORDER BY id LIMIT 1"));
    store_rows_free(&sets);

    StoreRows rx;
    assert_true(store_rows_read(f->s, STORE_TABLE_PRESCRIPTIONS, 0, INT64_MAX, 10, &rx));
    assert_int_equal(rx.nrows, 1);
    uid_of(f, "profiles", 1, want);
    int profile_uid = store_table_column(STORE_TABLE_PRESCRIPTIONS, "profile_uid");
    int level_cap = store_table_column(STORE_TABLE_PRESCRIPTIONS, "level_cap");
    assert_string_equal(cell(&rx, 0, profile_uid)->text, want);
    assert_string_equal(cell(&rx, 0, level_cap)->text, "L05");
    store_rows_free(&rx);

    /* a pain answer about no session has a NULL session_uid, not a dangling one */
    StorePain p = {.profile_id = 1, .kind = STORE_PAIN_SITTING_TOLERANCE, .value = 45,
                   .set_index = STORE_NO_SET};
    assert_true(store_pain_add(f->s, &p));
    StoreRows pain;
    assert_true(store_rows_read(f->s, STORE_TABLE_PAIN, p.id - 1, p.id, 10, &pain));
    assert_int_equal(pain.nrows, 1);
    assert_int_equal(cell(&pain, 0, store_table_column(STORE_TABLE_PAIN, "session_uid"))->kind,
                     STORE_CELL_NULL);
    store_rows_free(&pain);
}

static void test_pages_and_cut(void **state)
{
    Fixture *f = *state;
    StoreRows all;
    assert_true(store_rows_read(f->s, STORE_TABLE_PAIN, 0, INT64_MAX, 1000, &all));
    assert_true(all.nrows >= 3);
    /* pages of 2 give the same ids in the same order */
    size_t seen = 0;
    int64_t after = 0;
    for (;;) {
        StoreRows page;
        assert_true(store_rows_read(f->s, STORE_TABLE_PAIN, after, INT64_MAX, 2, &page));
        assert_true(page.nrows <= 2);
        for (size_t i = 0; i < page.nrows; i++)
            assert_int_equal(page.ids[i], all.ids[seen++]);
        size_t got = page.nrows;
        if (got)
            after = page.ids[got - 1];
        store_rows_free(&page);
        if (got < 2)
            break;
    }
    assert_int_equal(seen, all.nrows);
    /* a cut stops at its mark even when later rows exist */
    int64_t mark = all.ids[1];
    StoreRows cut;
    assert_true(store_rows_read(f->s, STORE_TABLE_PAIN, 0, mark, 1000, &cut));
    assert_int_equal(cut.nrows, 2);
    store_rows_free(&cut);
    store_rows_free(&all);
    /* an empty batch is a mistake, said plainly */
    StoreRows none;
    assert_false(store_rows_read(f->s, STORE_TABLE_PAIN, 0, INT64_MAX, 0, &none));
    assert_int_equal(store_errkind(f->s), STORE_E_INVALID);
    store_rows_free(&none);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_every_row_once_with_uid, setup, teardown),
        cmocka_unit_test_setup_teardown(test_references_are_uids, setup, teardown),
        cmocka_unit_test_setup_teardown(test_pages_and_cut, setup, teardown),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
