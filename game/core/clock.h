/* core/clock: a monotonic clock in seconds, for live devices and the real-time loop. */
#pragma once

/* Seconds since an arbitrary fixed point; never goes backwards. */
double clock_now_s(void);
