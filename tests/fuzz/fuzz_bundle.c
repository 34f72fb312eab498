/* tests/fuzz/fuzz_bundle: the bundle reader on arbitrary bytes — the strict JSON parser, then the
 * whole bundle check. It must never crash or leak; a refusal always says where ("name:LINE: …");
 * what parses as JSON must parse the same twice; base64 must round-trip. No store is touched. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "clinic/bundle.h"
#include "clinic/bundle_json.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    char msg[1024];
    bool ok = bundle_check_text("fuzz.json", text, size, msg, sizeof msg);
    if (!ok && strncmp(msg, "fuzz.json:", 10) != 0)
        abort(); /* every refusal names the file and the line */
    int line;
    char err[256];
    JsonValue *v = json_parse(text, size, &line, err, sizeof err);
    if (!v && (line < 1 || !err[0]))
        abort();
    if (ok && !v)
        abort(); /* a good bundle is good JSON */
    json_free(v);
    /* base64 round trip of the input's bytes, and decoding it as base64 text */
    char *enc;
    bundle_b64_encode(data, size, &enc);
    unsigned char *dec;
    size_t n;
    if (!bundle_b64_decode(enc, strlen(enc), &dec, &n) || n != size ||
        (size && memcmp(dec, data, size) != 0))
        abort();
    free(dec);
    free(enc);
    if (bundle_b64_decode(text, size, &dec, &n)) {
        char *again;
        bundle_b64_encode(dec, n, &again);
        if (strlen(again) != size || memcmp(again, text, size) != 0)
            abort(); /* only canonical base64 is accepted */
        free(again);
        free(dec);
    }
    return 0;
}
