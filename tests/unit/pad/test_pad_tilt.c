/* Unit tests for sensor_pad_tilt: the accelerometer's gravity reaction → pelvis pitch and roll.
 * SDL 2.26's virtual pads have no motion sensors, so the maths is tested here with vectors built
 * from known angles (convention in sensor_pad.h: +x right, +y out of the buttons, +z toward the
 * grips, which point at the patient's head). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>
#include <math.h>

#include "sensor_pad/sensor_pad.h"

#define G 9.80665
#define PI 3.14159265358979323846
#define EPS 1e-9

/* cmocka 1.1.5 has no double comparison. */
#define assert_near(a, b, eps)                                                                   \
    do {                                                                                         \
        double a_ = (a), b_ = (b);                                                               \
        if (!(fabs(a_ - b_) <= (eps)))                                                           \
            fail_msg("%s = %.12g, expected %.12g +- %g", #a, a_, b_, (double)(eps));             \
    } while (0)

static double rad(double deg) { return deg * PI / 180.0; }

/* The "up" vector the pad reads after pitching by pitch_deg (foot end up) and banking by
 * roll_deg (right side up), scaled by g_scale: the aircraft Euler construction. */
static void up_vector(double pitch_deg, double roll_deg, double g_scale, double v[3])
{
    double p = rad(pitch_deg), r = rad(roll_deg);
    v[0] = g_scale * G * cos(p) * sin(r);
    v[1] = g_scale * G * cos(p) * cos(r);
    v[2] = -g_scale * G * sin(p);
}

static void check_angles(double pitch_deg, double roll_deg, double g_scale)
{
    double v[3], pitch = 1234, roll = 1234;
    up_vector(pitch_deg, roll_deg, g_scale, v);
    assert_true(sensor_pad_tilt(v[0], v[1], v[2], &pitch, &roll));
    assert_near(pitch, pitch_deg, 1e-9);
    assert_near(roll, roll_deg, 1e-9);
}

static void test_flat_is_level(void **state)
{
    (void)state;
    double pitch = 99, roll = 99;
    assert_true(sensor_pad_tilt(0.0, G, 0.0, &pitch, &roll));
    assert_near(pitch, 0.0, EPS);
    assert_near(roll, 0.0, EPS);
}

/* Hips rising: the foot end (−z, the triggers) goes up by 10°. */
static void test_pitch_ten_degrees(void **state)
{
    (void)state;
    double pitch = 0, roll = 99;
    assert_true(sensor_pad_tilt(0.0, G * cos(rad(10)), -G * sin(rad(10)), &pitch, &roll));
    assert_near(pitch, 10.0, EPS);
    assert_near(roll, 0.0, EPS);
    /* Sagging below flat reads negative. */
    assert_true(sensor_pad_tilt(0.0, G * cos(rad(5)), G * sin(rad(5)), &pitch, &roll));
    assert_near(pitch, -5.0, EPS);
}

/* The left hip drops: the right side (+x) is 10° higher. */
static void test_roll_ten_degrees(void **state)
{
    (void)state;
    double pitch = 99, roll = 0;
    assert_true(sensor_pad_tilt(G * sin(rad(10)), G * cos(rad(10)), 0.0, &pitch, &roll));
    assert_near(roll, 10.0, EPS);
    assert_near(pitch, 0.0, EPS);
    assert_true(sensor_pad_tilt(-G * sin(rad(12)), G * cos(rad(12)), 0.0, &pitch, &roll));
    assert_near(roll, -12.0, EPS);
}

/* Each angle is exact whatever the other one is: a bridge (pitch up) with a dropped hip. */
static void test_combined_angles_are_independent(void **state)
{
    (void)state;
    check_angles(20.0, -15.0, 1.0);
    check_angles(35.0, 8.0, 1.0);
    check_angles(-10.0, 30.0, 1.0);
    check_angles(60.0, -45.0, 1.0);
}

/* The angles come from the direction alone: a bump (1.6 g) or a weak sensor scale (0.8 g) gives
 * the same answer. */
static void test_magnitude_does_not_matter(void **state)
{
    (void)state;
    check_angles(12.0, 4.0, 1.6);
    check_angles(12.0, 4.0, 0.8);
}

/* A pad on its side, or upside down, still gives an answer in range. */
static void test_extreme_orientations(void **state)
{
    (void)state;
    double pitch = 0, roll = 0;
    assert_true(sensor_pad_tilt(G, 0.0, 0.0, &pitch, &roll)); /* on its left edge: right up */
    assert_near(roll, 90.0, EPS);
    assert_near(pitch, 0.0, EPS);
    assert_true(sensor_pad_tilt(0.0, 0.0, -G, &pitch, &roll)); /* standing on its grips */
    assert_near(pitch, 90.0, EPS);
    assert_true(sensor_pad_tilt(0.0, -G, 0.0, &pitch, &roll)); /* face down */
    assert_near(fabs(roll), 180.0, EPS);
    assert_near(pitch, 0.0, EPS);
}

/* No direction to measure from: SDL's zeros before the first report, free fall, bad numbers.
 * The outputs stay as they were. */
static void test_refuses_no_gravity(void **state)
{
    (void)state;
    double pitch = 7, roll = 8;
    assert_false(sensor_pad_tilt(0.0, 0.0, 0.0, &pitch, &roll));
    assert_false(sensor_pad_tilt(0.5, 1.0, 0.5, &pitch, &roll)); /* ~0.12 g */
    assert_false(sensor_pad_tilt(NAN, G, 0.0, &pitch, &roll));
    assert_false(sensor_pad_tilt(0.0, INFINITY, 0.0, &pitch, &roll));
    assert_false(sensor_pad_tilt(0.0, G, -INFINITY, &pitch, &roll));
    assert_near(pitch, 7.0, 0.0);
    assert_near(roll, 8.0, 0.0);
    /* Just above the quarter-g floor is enough. */
    assert_true(sensor_pad_tilt(0.0, 0.26 * G, 0.0, &pitch, &roll));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_flat_is_level),
        cmocka_unit_test(test_pitch_ten_degrees),
        cmocka_unit_test(test_roll_ten_degrees),
        cmocka_unit_test(test_combined_angles_are_independent),
        cmocka_unit_test(test_magnitude_does_not_matter),
        cmocka_unit_test(test_extreme_orientations),
        cmocka_unit_test(test_refuses_no_gravity),
    };
    return cmocka_run_group_tests_name("pad_tilt", tests, NULL, NULL);
}
