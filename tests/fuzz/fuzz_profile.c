/* tests/fuzz/fuzz_profile: the device-profile parser on arbitrary text, then decoding the input
 * bytes themselves as a report with whatever profile parsed. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sensor/hid_profile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    memcpy(text, data, size);
    text[size] = '\0';
    DeviceProfile p;
    Diag d;
    diag_init(&d);
    if (device_profile_parse("fuzz.ini", text, &p, &d)) {
        if (p.size < 1 || p.size > 4 || p.scale_n == 0)
            abort();
        double f;
        int64_t c;
        device_profile_decode(&p, data, size, &f, &c);
    }
    diag_free(&d);
    free(text);
    return 0;
}
