/* clinic/pin: the clinician PIN. Stored as libsodium's crypto_pwhash_str (Argon2id with a random
 * salt, OPSLIMIT/MEMLIMIT_INTERACTIVE: ~0.1 s and 64 MiB per check here, which still makes an
 * offline guess of a stolen hash cost that much each), never in clear. Online guessing is slowed
 * by the store's attempt counter: each attempt is counted before it is checked (so parallel
 * processes cannot race it) and refused until the wait after the last wrong one has passed. */
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "clinic/clinic.h"
#include "core/str.h"

int64_t clinic_pin_delay_ms(int failures)
{
    if (failures <= 0)
        return 0;
    if (failures > 15) /* 2^14 s is far past the cap; avoids a shift overflow */
        return CLINIC_MAX_DELAY_MS;
    int64_t d = (int64_t)1000 << (failures - 1);
    return d < CLINIC_MAX_DELAY_MS ? d : CLINIC_MAX_DELAY_MS;
}

int64_t clinic_now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

bool clinic_pin_acceptable(const char *pin, char *msg, size_t cap)
{
    size_t bytes = strlen(pin);
    size_t chars = 0;
    for (const unsigned char *p = (const unsigned char *)pin; *p; p++) {
        if (*p < 0x20 || *p == 0x7f) {
            snprintf(msg, cap, "the PIN has a control character; use letters, digits, spaces "
                               "or punctuation");
            return false;
        }
        chars += (*p & 0xC0) != 0x80;
    }
    if (chars < CLINIC_PIN_MIN_CHARS) {
        snprintf(msg, cap, "the PIN needs at least %d characters (it has %zu)",
                 CLINIC_PIN_MIN_CHARS, chars);
        return false;
    }
    if (bytes > CLINIC_PIN_MAX_BYTES) {
        snprintf(msg, cap, "the PIN is too long (at most %d bytes)", CLINIC_PIN_MAX_BYTES);
        return false;
    }
    return true;
}

static bool sodium_ready(char *msg, size_t cap)
{
    if (sodium_init() < 0) {
        snprintf(msg, cap, "libsodium could not start (no random source?)");
        return false;
    }
    return true;
}

bool clinic_pin_is_set(Store *s, bool *set)
{
    StoreClinician c;
    bool ok = store_clinician_get(s, &c, set);
    sodium_memzero(c.pin_hash, sizeof c.pin_hash);
    return ok;
}

static void say_wait(char *msg, size_t cap, const char *first, int64_t wait_ms)
{
    snprintf(msg, cap, "%s: wait %lld s before the next try (each wrong PIN doubles the wait, "
                       "up to %d s)",
             first, (long long)((wait_ms + 999) / 1000), CLINIC_MAX_DELAY_MS / 1000);
}

ClinicPinResult clinic_pin_check(Store *s, const char *pin, int64_t now_ms, int64_t *wait_ms,
                                 char *msg, size_t cap)
{
    *wait_ms = 0;
    msg[0] = '\0';
    if (!sodium_ready(msg, cap))
        return CLINIC_PIN_ERROR;
    bool allowed;
    if (!store_clinician_claim_attempt(s, now_ms, clinic_pin_delay_ms, &allowed, wait_ms)) {
        if (store_errkind(s) == STORE_E_NOTFOUND) {
            snprintf(msg, cap, "no clinician PIN is set in %s: set one with 'bridgehold clinic "
                               "pin --set'",
                     store_path(s));
            return CLINIC_PIN_NOT_SET;
        }
        snprintf(msg, cap, "%s", store_errmsg(s));
        return CLINIC_PIN_ERROR;
    }
    if (!allowed) {
        say_wait(msg, cap, "refused: a wrong PIN was given too recently", *wait_ms);
        return CLINIC_PIN_WAIT;
    }
    StoreClinician c;
    bool found;
    if (!store_clinician_get(s, &c, &found) || !found) {
        snprintf(msg, cap, "%s", store_errmsg(s));
        return CLINIC_PIN_ERROR;
    }
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    bool right = strlen(pin) <= CLINIC_PIN_MAX_BYTES &&
                 crypto_pwhash_str_verify(c.pin_hash, pin, strlen(pin)) == 0;
    sodium_memzero(c.pin_hash, sizeof c.pin_hash);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    int64_t took_ms = (int64_t)(t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
    if (right) {
        if (!store_clinician_attempt_ok(s)) {
            snprintf(msg, cap, "%s", store_errmsg(s));
            return CLINIC_PIN_ERROR;
        }
        return CLINIC_PIN_OK;
    }
    if (!store_clinician_attempt_failed(s, now_ms + took_ms)) {
        snprintf(msg, cap, "%s", store_errmsg(s));
        return CLINIC_PIN_ERROR;
    }
    *wait_ms = clinic_pin_delay_ms(c.failures);
    char first[96];
    snprintf(first, sizeof first, "wrong PIN (%d wrong in a row)", c.failures);
    say_wait(msg, cap, first, *wait_ms);
    return CLINIC_PIN_WRONG;
}

bool clinic_pin_set(Store *s, const char *name, const char *pin, char *msg, size_t cap)
{
    return clinic_pin_set_cost(s, name, pin, CLINIC_PIN_COST_INTERACTIVE, msg, cap);
}

bool clinic_pin_set_cost(Store *s, const char *name, const char *pin, ClinicPinCost cost,
                         char *msg, size_t cap)
{
    if (!clinic_pin_acceptable(pin, msg, cap) || !sodium_ready(msg, cap))
        return false;
    bool test = cost == CLINIC_PIN_COST_TEST_MINIMUM;
    unsigned long long ops = test ? crypto_pwhash_OPSLIMIT_MIN : crypto_pwhash_OPSLIMIT_INTERACTIVE;
    size_t mem = test ? crypto_pwhash_MEMLIMIT_MIN : crypto_pwhash_MEMLIMIT_INTERACTIVE;
    char hash[crypto_pwhash_STRBYTES];
    if (crypto_pwhash_str(hash, pin, strlen(pin), ops, mem) != 0) {
        snprintf(msg, cap, "hashing the PIN needs %zu MiB of memory, which is not available",
                 mem >> 20);
        return false;
    }
    bool ok = store_clinician_set(s, name, hash);
    sodium_memzero(hash, sizeof hash);
    if (!ok)
        snprintf(msg, cap, "%s", store_errmsg(s));
    return ok;
}
