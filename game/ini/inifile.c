/* ini/inifile: inih with line numbers. inih in Debian 12 is built without
 * INI_HANDLER_LINENO, so the reader counts lines itself: inih calls the handler for a line
 * right after reading it, so the reader's count is the handler's line. */
#include "ini/inifile.h"

#include <errno.h>
#include <ini.h>
#include <stdio.h>
#include <string.h>

typedef struct Reader {
    const char *name;
    FILE *file;       /* either file ... */
    const char *text; /* ... or text */
    int line;
    bool continuing; /* the previous chunk had no newline: same line */
    IniKeyFn fn;
    void *user;
    Diag *diag;
    bool long_line_reported;
    bool nul_reported;
} Reader;

static char *reader_next(char *str, int num, void *stream)
{
    Reader *r = stream;
    char *got = NULL;
    if (r->file) {
        got = fgets(str, num, r->file);
    } else if (*r->text) {
        int i = 0;
        while (i < num - 1 && r->text[i]) {
            str[i] = r->text[i];
            i++;
            if (str[i - 1] == '\n')
                break;
        }
        str[i] = '\0';
        r->text += i;
        got = str;
    }
    if (!got)
        return NULL;
    size_t n = strlen(str);
    if (!r->continuing)
        r->line++;
    bool has_newline = n > 0 && str[n - 1] == '\n';
    bool at_end = r->file ? feof(r->file) : *r->text == '\0';
    if (!has_newline && !at_end && (int)n == num - 1) {
        if (!r->long_line_reported)
            diag_add(r->diag, r->name, r->line, "line is longer than %d characters", INI_LINE_MAX);
        r->long_line_reported = true;
        r->continuing = true;
        str[0] = '\0'; /* drop the chunk: the key it belongs to is reported once, above */
        return str;
    }
    if (r->continuing) {
        r->continuing = false;
        str[0] = '\0';
        return str;
    }
    if (r->file && n + 1 < (size_t)num && !has_newline && !at_end && !r->nul_reported) {
        diag_add(r->diag, r->name, r->line, "contains a NUL byte; this is not a text file");
        r->nul_reported = true;
    }
    return str;
}

static int on_key(void *user, const char *section, const char *name, const char *value)
{
    Reader *r = user;
    r->fn(r->user, section, name, value, r->line);
    return 1;
}

static bool run(Reader *r, int *n_lines)
{
    size_t before = r->diag->count;
    int rc = ini_parse_stream(reader_next, r, on_key, r);
    if (n_lines)
        *n_lines = r->line;
    if (rc > 0) {
        diag_add(r->diag, r->name, rc,
                 "cannot read this line: expected `key = value`, a [section] or a comment");
    } else if (rc < 0) {
        diag_add(r->diag, r->name, 0, "cannot be parsed (out of memory)");
    }
    return rc == 0 && r->diag->count == before;
}

bool ini_read_file(const char *path, IniKeyFn fn, void *user, Diag *diag, int *n_lines)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        diag_add(diag, path, 0, "cannot open: %s", strerror(errno));
        return false;
    }
    Reader r = {.name = path, .file = f, .fn = fn, .user = user, .diag = diag};
    bool ok = run(&r, n_lines);
    if (ferror(f)) {
        diag_add(diag, path, 0, "read error: %s", strerror(errno));
        ok = false;
    }
    fclose(f);
    return ok;
}

bool ini_read_string(const char *name, const char *text, IniKeyFn fn, void *user, Diag *diag,
                     int *n_lines)
{
    Reader r = {.name = name, .text = text, .fn = fn, .user = user, .diag = diag};
    return run(&r, n_lines);
}
