/* core/atomic_file: writing a file so that it is either all there or not there at all, and
 * private. The data goes to PATH.tmp-XXXXXX (mkstemp: a unique name, mode 0600) beside PATH, is
 * flushed to the disk (fsync), and only then renamed over PATH, so a crash, a full disk or a
 * second program never leaves half a file under PATH nor replaces a good one with a broken one.
 * Mode 0600 because what Bridgehold writes (traces, captures, exports) is a patient's health
 * data. */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

typedef struct AtomicFile {
    FILE *f;    /* write here between open and commit */
    char *path; /* the final name */
    char *tmp;  /* the temporary name beside it */
} AtomicFile;

/* Creates the temporary file. False with "PATH: cannot create a file next to it: why" in err. */
bool atomic_file_open(AtomicFile *af, const char *path, char *err, size_t errlen);
/* Flushes, syncs, closes and renames the temporary file over the final name (then syncs the
 * folder, best effort). On any failure the temporary file is removed, the final name is left
 * as it was, and err says "PATH: cannot write: why". af is finished either way. */
bool atomic_file_commit(AtomicFile *af, char *err, size_t errlen);
/* Throws the temporary file away (the final name is left as it was). Safe after a commit. */
void atomic_file_abort(AtomicFile *af);
