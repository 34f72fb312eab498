/* tests/fuzz/fuzz_evemu: the evemu capture parser on arbitrary bytes, and the balance-board
 * decoder on whatever events it yields. What parses must write back out and parse again to the
 * same events. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "sensor/board_decode.h"
#include "sensor/evemu.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    EvemuCapture a, b;
    Diag d;
    diag_init(&d);
    if (evemu_parse_buffer("fuzz.evemu", (const char *)data, size, &a, &d)) {
        char *mem = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&mem, &len);
        evemu_write(f, &a);
        fclose(f);
        if (!evemu_parse_buffer("again.evemu", mem, len, &b, &d) || a.count != b.count)
            abort();
        BoardDecoder dec;
        board_decoder_init(&dec);
        for (size_t i = 0; i < a.count; i++) {
            const EvemuEvent *e = &a.events[i];
            if (e->type != b.events[i].type || e->code != b.events[i].code ||
                e->value != b.events[i].value)
                abort();
            Sample s;
            board_decoder_feed(&dec, e->t_s, e->type, e->code, e->value, &s);
        }
        evemu_free(&b);
        free(mem);
        evemu_free(&a);
    }
    diag_free(&d);
    return 0;
}
