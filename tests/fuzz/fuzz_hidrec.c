/* tests/fuzz/fuzz_hidrec: the hid-recorder capture parser on arbitrary bytes. What parses must
 * write back out and parse again to the same reports. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sensor/hidrec.h"
#include "sensor/scale_decode.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    HidCapture a, b;
    Diag d;
    diag_init(&d);
    if (hidrec_parse_buffer("fuzz.hid", (const char *)data, size, &a, &d)) {
        char *mem = NULL;
        size_t len = 0;
        FILE *f = open_memstream(&mem, &len);
        hidrec_write(f, &a);
        fclose(f);
        if (!hidrec_parse_buffer("again.hid", mem, len, &b, &d) || a.count != b.count)
            abort();
        for (size_t i = 0; i < a.count; i++) {
            if (a.events[i].size != b.events[i].size ||
                memcmp(hidrec_event_data(&a, i), hidrec_event_data(&b, i), a.events[i].size))
                abort();
            ScaleReading r;
            scale_decode_report(hidrec_event_data(&a, i), a.events[i].size, &r);
        }
        hidrec_free(&b);
        free(mem);
        hidrec_free(&a);
    }
    diag_free(&d);
    return 0;
}
