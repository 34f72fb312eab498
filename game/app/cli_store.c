/* app/cli_store: the clinic and bundle subcommands' shared store and PIN handling. */
#include "app/cli_store.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "app/commands.h"
#include "clinic/clinic.h"

int cli_exit_for(StoreErrKind k)
{
    switch (k) {
    case STORE_E_INVALID:
    case STORE_E_NOTFOUND:
    case STORE_E_EXISTS:
    case STORE_E_CORRUPT:
    case STORE_E_NEWER: return EXIT_USAGE;
    default: return EXIT_RUNTIME;
    }
}

Store *cli_open_store(const char *cmd, const char *data_dir, bool create, int *rc)
{
    char dir[4096];
    StoreError err;
    bool ok = create ? store_default_dir(data_dir, dir, sizeof dir, &err)
                     : store_resolve_dir(data_dir, dir, sizeof dir, &err);
    if (!ok) {
        fprintf(stderr, "bridgehold %s: %s\n", cmd, err.msg);
        *rc = EXIT_USAGE;
        return NULL;
    }
    Store *s = create ? store_open(dir, &err) : store_open_existing(dir, &err);
    if (!s) {
        fprintf(stderr, "bridgehold %s: %s\n", cmd, err.msg);
        *rc = cli_exit_for(err.kind);
    }
    return s;
}

int cli_find_profile(const char *cmd, Store *s, const char *name, StoreProfile *out)
{
    bool found = false;
    if (!store_profile_get(s, name, out, &found)) {
        fprintf(stderr, "bridgehold %s: %s\n", cmd, store_errmsg(s));
        return cli_exit_for(store_errkind(s));
    }
    if (found)
        return EXIT_OK;
    StoreProfile *list = NULL;
    size_t n = 0;
    if (!store_profile_list(s, &list, &n)) {
        fprintf(stderr, "bridgehold %s: %s\n", cmd, store_errmsg(s));
        return cli_exit_for(store_errkind(s));
    }
    fprintf(stderr, "bridgehold %s: there is no profile called '%s' in %s; ", cmd, name,
            store_path(s));
    if (n == 0) {
        fprintf(stderr, "it has no profiles yet\n");
    } else {
        fprintf(stderr, "known profile%s: ", n == 1 ? "" : "s");
        for (size_t i = 0; i < n; i++)
            fprintf(stderr, "%s'%s'", i ? ", " : "", list[i].name);
        fputc('\n', stderr);
    }
    free(list);
    return EXIT_USAGE;
}

bool cli_read_line(char *buf, size_t cap, bool *too_long)
{
    *too_long = false;
    if (!fgets(buf, (int)cap, stdin))
        return false;
    size_t n = strlen(buf);
    if (n && buf[n - 1] == '\n') {
        buf[--n] = '\0';
    } else if (!feof(stdin)) { /* no line end and more to come: too long; drop the rest */
        int c;
        while ((c = getchar()) != EOF && c != '\n')
            ;
        *too_long = true;
        return false;
    }
    if (n && buf[n - 1] == '\r')
        buf[--n] = '\0';
    return true;
}

void cli_wipe(void *buf, size_t n)
{
    volatile unsigned char *p = buf;
    while (n--)
        *p++ = 0;
}

int cli_check_pin(const char *cmd, Store *s, bool pin_stdin)
{
    bool set;
    if (!clinic_pin_is_set(s, &set)) {
        fprintf(stderr, "bridgehold %s: %s\n", cmd, store_errmsg(s));
        return EXIT_RUNTIME;
    }
    if (!set) {
        fprintf(stderr, "bridgehold %s: refused: no clinician PIN is set in %s; a clinician sets "
                        "one with 'bridgehold clinic pin --set'\n",
                cmd, store_path(s));
        return EXIT_REFUSED;
    }
    if (!pin_stdin) {
        fprintf(stderr, "bridgehold %s: refused: this needs the clinician PIN; give --pin-stdin "
                        "and the PIN on the first line of standard input\n",
                cmd);
        return EXIT_REFUSED;
    }
    char pin[CLINIC_PIN_MAX_BYTES + 2];
    bool too_long;
    if (!cli_read_line(pin, sizeof pin, &too_long)) {
        fprintf(stderr, "bridgehold %s: refused: %s\n", cmd,
                too_long ? "the PIN line is too long" : "no PIN on standard input");
        if (!too_long)
            return EXIT_REFUSED;
        pin[0] = '\0'; /* a too long line is checked (and counted) as a wrong PIN */
    }
    int64_t wait;
    char msg[512];
    ClinicPinResult r = clinic_pin_check(s, pin, clinic_now_ms(), &wait, msg, sizeof msg);
    cli_wipe(pin, sizeof pin);
    if (r == CLINIC_PIN_OK)
        return EXIT_OK;
    fprintf(stderr, "bridgehold %s: %s%s\n", cmd, r == CLINIC_PIN_WRONG ? "refused: " : "", msg);
    return r == CLINIC_PIN_ERROR ? EXIT_RUNTIME : EXIT_REFUSED;
}
