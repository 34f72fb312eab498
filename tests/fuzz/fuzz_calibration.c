/* libFuzzer target: any bytes as a calibration file give a calibration or file:line errors,
 * never a crash; what is accepted is usable (finite, non-zero scale). */
#include <math.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "sensor/calfile.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    Calibration c = {1, 0};
    Diag d;
    diag_init(&d);
    if (calstore_parse_string("calibration.ini", text, &c, &d)) {
        if (!isfinite(c.scale_n_per_count) || c.scale_n_per_count == 0 || !isfinite(c.offset_n))
            abort();
    } else if (!diag_has_errors(&d)) {
        abort(); /* a refusal must say why */
    }
    diag_free(&d);
    free(text);
    return 0;
}
