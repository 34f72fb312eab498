/* sensor/board_decode: balance-board evdev events → per-frame force samples (see the header). */
#include "sensor/board_decode.h"

#include <linux/input-event-codes.h>
#include <string.h>

void board_decoder_init(BoardDecoder *d) { memset(d, 0, sizeof *d); }

static int cell_of(unsigned code)
{
    switch (code) {
    case ABS_HAT0X: return BOARD_TR;
    case ABS_HAT0Y: return BOARD_BR;
    case ABS_HAT1X: return BOARD_TL;
    case ABS_HAT1Y: return BOARD_BL;
    default: return -1;
    }
}

double board_cell_n(const BoardDecoder *d, int cell)
{
    return cell >= 0 && cell < BOARD_CELLS ? d->cell[cell] * BOARD_NEWTONS_PER_COUNT : 0.0;
}

bool board_decoder_feed(BoardDecoder *d, double t_s, unsigned type, unsigned code, int32_t value,
                        Sample *out)
{
    if (type == EV_ABS) {
        int c = cell_of(code);
        if (c >= 0 && !d->dropped && d->cell[c] != value) {
            d->cell[c] = value;
            d->changed = true;
        }
        return false;
    }
    if (type != EV_SYN)
        return false;
    if (code == SYN_DROPPED) {
        /* The kernel's buffer overflowed: this frame is incomplete. A live reader resyncs through
         * libevdev; a capture just resumes at the next full frame. */
        d->dropped = true;
        return false;
    }
    if (code != SYN_REPORT)
        return false;
    if (d->dropped) {
        d->dropped = false;
        return false;
    }
    d->changed = false;
    board_decoder_sample(d, t_s, out);
    return true;
}

void board_decoder_sample(const BoardDecoder *d, double t_s, Sample *out)
{
    double tr = board_cell_n(d, BOARD_TR), br = board_cell_n(d, BOARD_BR);
    double tl = board_cell_n(d, BOARD_TL), bl = board_cell_n(d, BOARD_BL);
    memset(out, 0, sizeof *out);
    out->t_s = t_s;
    out->left_n = tl + bl;
    out->right_n = tr + br;
    out->force_n = out->left_n + out->right_n;
    out->has = SAMPLE_FORCE | SAMPLE_LEFT_RIGHT;
}
