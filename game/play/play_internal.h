/* play/play_internal: the Play handle and the helpers its files share. Not for use outside
 * game/play (the UI reads PlayState through play_state()). */
#pragma once
#include <stdint.h>

#include "play/play.h"
#include "signal/lowpass.h"
#include "store/store.h"

struct Play {
    PlayState st;
    PlayOptions opt;
    Ladder ladder;
    Rules base_rules;         /* levels/rules.ini */
    Rules rules;              /* base_rules with the patient's prescription overrides */
    RuleOverrides rx_rules;   /* those overrides alone: they win over a level's [unlock] */
    StorePrescription rx;     /* the patient's prescription (rx_found false: none) */
    bool rx_found;

    Store *store;
    StoreProfile *profiles;
    size_t n_profiles;
    int64_t profile_id;
    int64_t session_id;       /* the stored session being played, 0 when none */
    int64_t session_id_done;  /* the last one played */
    int64_t morning_session;  /* the session the owed morning question is about */
    int64_t now_unix;         /* --today: that day at noon */
    bool today_fixed;
    bool level_forced;        /* --level was given */

    Sensor *sensor;
    SensorInfo info;
    double sample_offset;     /* sample time + offset = game clock */
    double last_sample_t;     /* game time of the latest sample pushed */
    bool have_offset;
    double last_arrival;      /* game time the latest batch of samples arrived */
    LowPass lp;               /* tremor filter of live force (METRICS.md) */
    bool lp_ready;
    bool push;

    Session *session;
    bool set_stalled;         /* the current hold was stopped by a stall */
    char set_notices[160];    /* the device notices seen during the current hold */
    ForcePoint *ghost;
    size_t n_ghost;
};

/* play_store.c: persistence and decisions. Failures are kept in st.storage_msg, never fatal. */
void play_storage_failed(Play *p, const char *what);
int64_t play_clock(const Play *p);
void play_load_profile(Play *p, const StoreProfile *sp);
void play_check_owed(Play *p);
bool play_store_session_begin(Play *p);
void play_store_set(Play *p, const SetResult *r);
void play_store_pain(Play *p, StorePainKind kind, int set_index, int value);
void play_store_session_end(Play *p, bool completed);
void play_store_morning(Play *p, int value);
void play_decide(Play *p);
void play_load_ghost(Play *p);
void play_keep_ghost(Play *p, const SetResult *r);
/* play_input.c: the sensor pump. */
void play_pump(Play *p);
/* play.c */
int play_top_open(const Play *p);
