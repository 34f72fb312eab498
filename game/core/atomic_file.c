/* core/atomic_file: temporary file, fsync, rename (see the header for why). */
#include "core/atomic_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/alloc.h"

static void finish(AtomicFile *af)
{
    free(af->path);
    free(af->tmp);
    af->f = NULL;
    af->path = af->tmp = NULL;
}

bool atomic_file_open(AtomicFile *af, const char *path, char *err, size_t errlen)
{
    memset(af, 0, sizeof *af);
    size_t n = strlen(path);
    af->path = xstrdup(path);
    af->tmp = xmalloc(n + sizeof ".tmp-XXXXXX");
    memcpy(af->tmp, path, n);
    memcpy(af->tmp + n, ".tmp-XXXXXX", sizeof ".tmp-XXXXXX");
    int fd = mkstemp(af->tmp); /* O_EXCL, mode 0600 (POSIX.1-2008) */
    if (fd < 0) {
        snprintf(err, errlen, "%s: cannot create a file next to it: %s", path, strerror(errno));
        finish(af);
        return false;
    }
    fchmod(fd, 0600); /* mkstemp's 0600 is POSIX since 2008; say it anyway */
    af->f = fdopen(fd, "w");
    if (!af->f) {
        snprintf(err, errlen, "%s: %s", path, strerror(errno));
        close(fd);
        unlink(af->tmp);
        finish(af);
        return false;
    }
    return true;
}

/* Syncs the folder holding path, so the rename itself survives a power cut (best effort: some
 * file systems refuse to fsync a folder, which changes nothing about the file's own safety). */
static void sync_parent(const char *path)
{
    const char *slash = strrchr(path, '/');
    char *dir = slash ? xstrdup(path) : xstrdup(".");
    if (slash)
        dir[slash == path ? 1 : (size_t)(slash - path)] = '\0';
    int fd = open(dir, O_RDONLY);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
    free(dir);
}

bool atomic_file_commit(AtomicFile *af, char *err, size_t errlen)
{
    if (!af->f) {
        snprintf(err, errlen, "%s: cannot write: the file was not open",
                 af->path ? af->path : "(none)");
        finish(af);
        return false;
    }
    bool ok = !ferror(af->f) && fflush(af->f) == 0 && fsync(fileno(af->f)) == 0;
    int saved = ok ? 0 : (errno ? errno : EIO);
    if (fclose(af->f) != 0 && ok) {
        ok = false;
        saved = errno;
    }
    af->f = NULL;
    if (ok && rename(af->tmp, af->path) != 0) {
        ok = false;
        saved = errno;
    }
    if (ok) {
        sync_parent(af->path);
    } else {
        snprintf(err, errlen, "%s: cannot write: %s", af->path, strerror(saved));
        unlink(af->tmp);
    }
    finish(af);
    return ok;
}

void atomic_file_abort(AtomicFile *af)
{
    if (af->f) {
        fclose(af->f);
        unlink(af->tmp);
    }
    finish(af);
}
