/* Time builtins: Go layouts (format and parse), durations, calendar
 * functions, time zones (UTC, Local, IANA names from the tz database) and
 * the errors OPA reports. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rego/bi_ctx.h"
#include "testlib.h"

static rg_arena A;
static rg_bi_ctx C;

static rg_value S(const char *s) { return rg_cstring(&A, s); }
static rg_value I(int64_t i) { return rg_int(i); }
static rg_value TZ(int64_t ns, const char *tz) { return rg_array(&A, (rg_value[]){I(ns), S(tz)}, 2); }
static rg_value TZL(int64_t ns, const char *tz, const char *layout) {
    return rg_array(&A, (rg_value[]){I(ns), S(tz), S(layout)}, 3);
}

/* Calls a builtin and renders the outcome: JSON, "undefined", or
 * "error <code>: <message>". */
static char *call(const char *name, const rg_value *args, int n) {
    rg_value out;
    rg_bi_ctx_clear_error(&C);
    int rc = rg_bi_call(&C, name, args, n, &out);
    char buf[1024];
    if (rc == RG_BI_OK) return rg_json_dump(out, 0);
    if (rc == RG_BI_UNDEFINED) return strdup("undefined");
    snprintf(buf, sizeof buf, "error %s: %s", C.err_code, rg_buf_cstr(&C.err));
    return strdup(buf);
}

#define EXPECT(want, name, ...)                                              \
    do {                                                                     \
        rg_value args_[] = {__VA_ARGS__};                                    \
        char *got_ = call(name, args_, (int)(sizeof args_ / sizeof *args_)); \
        CHECK_STR(got_, want);                                               \
        free(got_);                                                          \
    } while (0)

#define EXPECT0(want, name)              \
    do {                                 \
        char *got_ = call(name, NULL, 0); \
        CHECK_STR(got_, want);           \
        free(got_);                      \
    } while (0)

static const int64_t T1 = 1703444325734390000; /* 2023-12-24T18:58:45.73439Z, a Sunday */
static const int64_t T2 = 1257894000000000000; /* 2009-11-10T23:00:00Z, a Tuesday */

static void test_now(void) {
    rg_value out;
    CHECK(rg_bi_call(&C, "time.now_ns", NULL, 0, &out) == RG_BI_OK);
    CHECK(rg_is_int(out) && out.u.i > T2);
    rg_value again;
    rg_bi_call(&C, "time.now_ns", NULL, 0, &again);
    CHECK(rg_value_equal(out, again));
}

static void test_format(void) {
    EXPECT("\"2023-12-24T18:58:45.73439Z\"", "time.format", I(T1));
    EXPECT("\"2009-11-10T23:00:00Z\"", "time.format", I(T2));
    EXPECT("\"2023-12-24T18:58:45.73439Z\"", "time.format", TZ(T1, "UTC"));
    EXPECT("\"2009-11-10T23:00:00Z\"", "time.format", TZ(T2, ""));
    EXPECT("\"2023-12-24T18:58:45\"", "time.format", TZL(T1, "UTC", "2006-01-02T15:04:05"));
    EXPECT("\"10/11/2009 23:00\"", "time.format", TZL(T2, "", "02/01/2006 15:04"));
    EXPECT("\"2023-12-24T18:58:45.73439Z\"", "time.format", TZL(T1, "UTC", ""));
    /* named layouts */
    EXPECT("\"Sun Dec 24 18:58:45 2023\"", "time.format", TZL(T1, "UTC", "ANSIC"));
    EXPECT("\"Sun Dec 24 18:58:45 UTC 2023\"", "time.format", TZL(T1, "UTC", "UnixDate"));
    EXPECT("\"24 Dec 23 18:58 UTC\"", "time.format", TZL(T1, "UTC", "RFC822"));
    EXPECT("\"Sunday, 24-Dec-23 18:58:45 UTC\"", "time.format", TZL(T1, "UTC", "RFC850"));
    EXPECT("\"Sun, 24 Dec 2023 18:58:45 +0000\"", "time.format", TZL(T1, "UTC", "RFC1123Z"));
    EXPECT("\"2023-12-24T18:58:45Z\"", "time.format", TZL(T1, "UTC", "RFC3339"));
    EXPECT("\"Kitchen\"", "time.format", TZL(T1, "UTC", "Kitchen")); /* not a name OPA maps */
    /* every element */
    EXPECT("\"23 2023 Dec December 12 12 Sun Sunday 24 24 24 358 358 18 6 06 58 58 45 45 PM pm UTC\"", "time.format",
           TZL(T1, "UTC", "06 2006 Jan January 1 01 Mon Monday 2 _2 02 __2 002 15 3 03 4 04 5 05 PM pm MST"));
    EXPECT("\"Z Z Z Z Z +0000 +00:00 +00 +000000 +00:00:00\"", "time.format",
           TZL(T1, "UTC", "Z0700 Z07:00 Z07 Z070000 Z07:00:00 -0700 -07:00 -07 -070000 -07:00:00"));
    EXPECT("\".734 .734390 .73439 ,734390000 .7 _2023\"", "time.format",
           TZL(T1, "UTC", ".000 .000000 .999999 ,000000000 .9 _2006"));
    EXPECT("\"  5 005 2009-01-05\"", "time.format", TZL(1231113600000000000, "UTC", "__2 002 2006-01-02"));
    EXPECT("\"12:00AM 12am\"", "time.format", TZL(1231113600000000000, "UTC", "3:04PM 3pm"));
    /* "Janx" is not "Jan": lower-case letters extend the word */
    EXPECT("\"Janx Monx\"", "time.format", TZL(T1, "UTC", "Janx Monx"));
    EXPECT("\"1677-09-21T00:12:43.145224192Z\"", "time.format", I(INT64_MIN));
    EXPECT("\"2262-04-11T23:47:16.854775807Z\"", "time.format", I(INT64_MAX));
    EXPECT("\"1969-12-31T23:59:59.999999999Z\"", "time.format", I(-1));
}

static void test_zones(void) {
    EXPECT("[19,58,45]", "time.clock", TZ(T1, "CET"));
    EXPECT("\"2023-12-24T19:58:45+01:00 CET\"", "time.format",
           TZL(T1, "Europe/Paris", "2006-01-02T15:04:05Z07:00 MST"));
    EXPECT("\"2023-07-01T14:00:00+02:00 CEST\"", "time.format",
           TZL(1688212800000000000, "Europe/Paris", "2006-01-02T15:04:05Z07:00 MST"));
    EXPECT("\"2023-12-24T13:58:45-05:00 EST\"", "time.format",
           TZL(T1, "America/New_York", "2006-01-02T15:04:05Z07:00 MST"));
    EXPECT("\"2023-07-01T08:00:00-04:00 EDT\"", "time.format",
           TZL(1688212800000000000, "America/New_York", "2006-01-02T15:04:05Z07:00 MST"));
    /* far future: beyond the listed transitions, the TZ footer rule applies */
    EXPECT("\"2200-07-01T08:00:00-04:00 EDT\"", "time.format",
           TZL(7273800000000000000, "America/New_York", "2006-01-02T15:04:05Z07:00 MST"));
    EXPECT("\"2200-01-01T07:00:00+11:00 AEDT\"", "time.format",
           TZL(7258104000000000000, "Australia/Sydney", "2006-01-02T15:04:05Z07:00 MST"));
    EXPECT("\"2023-12-25T00:28:45+05:30\"", "time.format", TZL(T1, "Asia/Kolkata", "2006-01-02T15:04:05Z07:00"));
    EXPECT("\"+0545 +05:45\"", "time.format", TZL(T1, "Asia/Kathmandu", "-0700 Z07:00"));
    EXPECT("[2023,12,25]", "time.date", TZ(T1, "Asia/Tokyo"));
    EXPECT("\"Monday\"", "time.weekday", TZ(T1, "Asia/Tokyo"));
    /* Local is the process zone; it answers whatever it is */
    rg_value out;
    rg_value arg = TZ(T1, "Local");
    CHECK(rg_bi_call(&C, "time.clock", &arg, 1, &out) == RG_BI_OK && out.kind == RG_ARRAY && out.len == 3);
    EXPECT("error eval_builtin_error: time.clock: unknown time zone Nowhere/City", "time.clock",
           TZ(T1, "Nowhere/City"));
    EXPECT("error eval_builtin_error: time.clock: time: invalid location name", "time.clock",
           TZ(T1, "../etc/passwd"));
    EXPECT("error eval_builtin_error: time.clock: time: invalid location name", "time.clock", TZ(T1, "/etc/localtime"));
    EXPECT("error eval_builtin_error: time.clock: unknown time zone America", "time.clock", TZ(T1, "America"));
}

static void test_calendar(void) {
    EXPECT("[2023,12,24]", "time.date", I(T1));
    EXPECT("[2009,11,10]", "time.date", TZ(T2, "UTC"));
    EXPECT("[2023,12,30]", "time.date", TZ(1703896119423491000, ""));
    EXPECT("[18,58,45]", "time.clock", I(T1));
    EXPECT("\"Sunday\"", "time.weekday", I(T1));
    EXPECT("\"Tuesday\"", "time.weekday", TZ(T2, ""));
    EXPECT("[1969,12,31]", "time.date", I(-1));
    EXPECT("[23,59,59]", "time.clock", I(-1));
    EXPECT("\"Wednesday\"", "time.weekday", I(-1));
    EXPECT("[1677,9,21]", "time.date", I(INT64_MIN));
    EXPECT("[2261,7,15]", "time.date", rg_num_from_double(9.2e18));
    EXPECT("[1970,1,1]", "time.date", rg_num_from_double(1.0));
}

static void test_add_date(void) {
    EXPECT("1703444325734390000", "time.add_date", I(T1), I(0), I(0), I(0));
    EXPECT("1735066725734390000", "time.add_date", I(T1), I(1), I(0), I(0));
    EXPECT("3596900325734390000", "time.add_date", I(T1), I(60), I(0), I(0));
    EXPECT("-190011674265610000", "time.add_date", I(T1), I(-60), I(0), I(0));
    EXPECT("1742842725734390000", "time.add_date", I(T1), I(0), I(15), I(0));
    EXPECT("1653418725734390000", "time.add_date", I(T1), I(0), I(-19), I(0));
    EXPECT("1706641125734390000", "time.add_date", I(T1), I(0), I(0), I(37));
    EXPECT("8441261925734390000", "time.add_date", I(T1), I(213), I(6), I(5));
    EXPECT("-5034459674265610000", "time.add_date", I(T1), I(-213), I(-6), I(-5));
    EXPECT("2062436325734390000", "time.add_date", I(T1), I(10), I(14), I(75));
    EXPECT("2049476325734390000", "time.add_date", I(T1), I(10), I(14), I(-75));
    /* Jan 31 + 1 month = Mar 3 (Go normalises Feb 31) */
    EXPECT("1677801600000000000", "time.add_date", I(1675123200000000000), I(0), I(1), I(0));
    EXPECT("error eval_builtin_error: time.add_date: time outside of valid range", "time.add_date", I(T1),
           I(2147483647), I(0), I(0));
    EXPECT("error eval_builtin_error: time.add_date: time outside of valid range", "time.add_date", I(T1),
           I(-2147483647), I(0), I(0));
    EXPECT("error eval_builtin_error: time.add_date: time outside of valid range", "time.add_date", I(T1),
           I(INT64_MAX), I(INT64_MIN), I(0));
    EXPECT("error eval_builtin_error: time.add_date: time outside of valid range", "time.add_date", I(T1), I(300),
           I(0), I(0));
    EXPECT("error eval_type_error: time.add_date: operand 1 must be either number (ns) or [number (ns), string (tz)] "
           "but got string",
           "time.add_date", S("1703444325734390000"), I(0), I(0), I(0));
    EXPECT("error eval_type_error: time.add_date: operand 2 must be integer number but got floating-point number",
           "time.add_date", I(T1), rg_num_from_double(1.5), I(0), I(0));
    EXPECT("error eval_type_error: time.add_date: operand 4 must be number but got string", "time.add_date", I(T1),
           I(0), I(0), S("1"));
    /* across a DST change in the given zone the wall clock is kept */
    EXPECT("1679835600000000000", "time.add_date", TZ(1679752800000000000, "Europe/Paris"), I(0), I(0), I(1));
}

static void test_diff(void) {
    EXPECT("[14,1,13,19,58,45]", "time.diff", I(T1), I(T2));
    EXPECT("[14,1,13,19,58,45]", "time.diff", I(T2), I(T1));
    EXPECT("[14,1,13,19,58,45]", "time.diff", TZ(T1, "UTC"), TZ(T2, ""));
    EXPECT("[0,0,0,0,0,0]", "time.diff", I(T1), I(T1));
    /* 2020-02-02 .. 2020-03-01: 28 days (leap February) */
    EXPECT("[0,0,28,0,0,0]", "time.diff", I(1580601600000000000), I(1583020800000000000));
    EXPECT("error eval_type_error: time.diff: operand 1 must be either number (ns) or [number (ns), string (tz)] but "
           "got string",
           "time.diff", S("x"), I(T2));
}

static void test_parse(void) {
    EXPECT("1462907202000000000", "time.parse_ns", S("2006-01-02T15:04:05"), S("2016-05-10T19:06:42"));
    EXPECT("1441497364000000000", "time.parse_ns", S("2006-01-02 15:04:05"), S("2015-09-05 23:56:04"));
    EXPECT("1703444325734390000", "time.parse_ns", S("2006-01-02T15:04:05.999999999"),
           S("2023-12-24T18:58:45.73439"));
    EXPECT("1580601600000000000", "time.parse_ns", S("2006-01-02"), S("2020-02-02"));
    EXPECT("482196050520000000", "time.parse_rfc3339_ns", S("1985-04-12T23:20:50.52Z"));
    EXPECT("851042397000000000", "time.parse_rfc3339_ns", S("1996-12-19T16:39:57-08:00"));
    EXPECT("851042397000000000", "time.parse_ns", S("RFC3339"), S("1996-12-19T16:39:57-08:00"));
    EXPECT("1257894000000000000", "time.parse_ns", S("RFC1123"), S("Tue, 10 Nov 2009 23:00:00 UTC"));
    EXPECT("1257894000000000000", "time.parse_ns", S("RFC1123Z"), S("Tue, 10 Nov 2009 23:00:00 +0000"));
    EXPECT("1257894000000000000", "time.parse_ns", S("ANSIC"), S("Tue Nov 10 23:00:00 2009"));
    EXPECT("1257894000000000000", "time.parse_ns", S("RFC822"), S("10 Nov 09 23:00 UTC"));
    EXPECT("1257894000000000000", "time.parse_ns", S("Jan _2 2006 3:04PM"), S("nov 10 2009 11:00PM"));
    EXPECT("1257811200000000000", "time.parse_ns", S("January 2, 2006 3pm"), S("NOVEMBER 10, 2009 12am"));
    /* an unknown zone abbreviation keeps the wall time as UTC (Go) */
    EXPECT("1257894000000000000", "time.parse_ns", S("02 Jan 06 15:04 MST"), S("10 Nov 09 23:00 PST"));
    EXPECT("1257894000000000000", "time.parse_ns", S("2006-01-02 15:04:05 Z07"), S("2009-11-11 01:00:00 +02"));
    EXPECT("1257894000000000000", "time.parse_ns", S("2006-01-02 15:04:05 -07:00:00"),
           S("2009-11-10 23:00:01 +00:00:01"));
    EXPECT("1257894000000000000", "time.parse_ns", S("2006-002 15"), S("2009-314 23"));
    EXPECT("1257894000000000000", "time.parse_ns", S("2006-__2 15"), S("2009-314 23"));
    EXPECT("1257894000123000000", "time.parse_ns", S("2006-01-02 15:04:05.000"), S("2009-11-10 23:00:00.123"));
    EXPECT("1257894000123000000", "time.parse_ns", S("2006-01-02 15:04:05"), S("2009-11-10 23:00:00,123"));
    EXPECT("1257894000000000000", "time.parse_ns", S("2006-01-02  15"), S("2009-11-10     23"));
    EXPECT("-9214560000000000000", "time.parse_ns", S("2006"), S("1678"));
}

static void test_parse_errors(void) {
    EXPECT("error eval_builtin_error: time.parse_ns: parsing time \"2016-13-10\": month out of range", "time.parse_ns",
           S("2006-01-02"), S("2016-13-10"));
    EXPECT("error eval_builtin_error: time.parse_ns: parsing time \"2016-02-30\": day out of range", "time.parse_ns",
           S("2006-01-02"), S("2016-02-30"));
    EXPECT("error eval_builtin_error: time.parse_ns: parsing time \"2016-05-10x\": extra text: \"x\"",
           "time.parse_ns", S("2006-01-02"), S("2016-05-10x"));
    EXPECT("error eval_builtin_error: time.parse_ns: parsing time \"2016/05/10\" as \"2006-01-02\": cannot parse "
           "\"/05/10\" as \"-\"",
           "time.parse_ns", S("2006-01-02"), S("2016/05/10"));
    EXPECT("error eval_builtin_error: time.parse_ns: parsing time \"16-05-10\" as \"2006-01-02\": cannot parse "
           "\"16-05-10\" as \"2006\"",
           "time.parse_ns", S("2006-01-02"), S("16-05-10"));
    EXPECT("error eval_builtin_error: time.parse_ns: parsing time \"2016-05-10 25\": hour out of range",
           "time.parse_ns", S("2006-01-02 15"), S("2016-05-10 25"));
    EXPECT("error eval_builtin_error: time.parse_ns: parsing time \"x\\\"\\xc2\\xb5\" as \"2006\": cannot parse "
           "\"x\\\"\\xc2\\xb5\" as \"2006\"",
           "time.parse_ns", S("2006"), S("x\"\xc2\xb5"));
    EXPECT("error eval_builtin_error: time.parse_rfc3339_ns: parsing time \"2016-05-10\" as "
           "\"2006-01-02T15:04:05Z07:00\": cannot parse \"\" as \"T\"",
           "time.parse_rfc3339_ns", S("2016-05-10"));
    EXPECT("error eval_builtin_error: time.parse_ns: parsing time \"2009-366\": day-of-year out of range",
           "time.parse_ns", S("2006-002"), S("2009-366"));
    EXPECT("error eval_builtin_error: time.parse_ns: parsing time \"+2500\": time zone offset hour out of range",
           "time.parse_ns", S("-0700"), S("+2500"));
    /* year 1000 parses but is outside the int64 ns range */
    EXPECT("error eval_builtin_error: time.parse_ns: time outside of valid range", "time.parse_ns", S("2006"),
           S("1000"));
    EXPECT("error eval_type_error: time.parse_ns: operand 2 must be string but got number", "time.parse_ns",
           S("2006"), I(1));
    EXPECT("error eval_type_error: time.parse_rfc3339_ns: operand 1 must be string but got number",
           "time.parse_rfc3339_ns", I(482196050520000000));
}

static void test_durations(void) {
    EXPECT("3600000000000", "time.parse_duration_ns", S("1h"));
    EXPECT("15000000", "time.parse_duration_ns", S("15ms"));
    EXPECT("3973320015001", "time.parse_duration_ns", S("1h6m13.3s20ms15\xc2\xb5s1ns"));
    EXPECT("4320020215056", "time.parse_duration_ns", S("1.2h20.2ms15\xc2\xb5s56ns"));
    EXPECT("45793000000", "time.parse_duration_ns", S("45.67s123ms"));
    EXPECT("15000001", "time.parse_duration_ns", S("15.000001ms"));
    EXPECT("0", "time.parse_duration_ns", S("0"));
    EXPECT("0", "time.parse_duration_ns", S("-0s"));
    EXPECT("-5000000000", "time.parse_duration_ns", S("-5s"));
    EXPECT("500000000", "time.parse_duration_ns", S(".5s"));
    EXPECT("5000000000", "time.parse_duration_ns", S("5.s"));
    EXPECT("7000000000", "time.parse_duration_ns", S("007s"));
    EXPECT("1000", "time.parse_duration_ns", S("1\xce\xbcs"));
    EXPECT("9223372036854775807", "time.parse_duration_ns", S("9223372036854775807ns"));
    EXPECT("-9223372036854775808", "time.parse_duration_ns", S("-9223372036854775808ns"));
    /* OPA's extra units */
    EXPECT("86400000000000", "time.parse_duration_ns", S("1d"));
    EXPECT("1209600000000000", "time.parse_duration_ns", S("2w"));
    EXPECT("31536000000000000", "time.parse_duration_ns", S("1y"));
    EXPECT("95400000000000", "time.parse_duration_ns", S("1d2h30m"));
    EXPECT("-129600000000000", "time.parse_duration_ns", S("-1.5d"));
    EXPECT("1000000000", "time.parse_duration_ns", S("1e3ms"));
    EXPECT("error eval_builtin_error: time.parse_duration_ns: time: invalid duration \"xx1s\"",
           "time.parse_duration_ns", S("xx1s"));
    EXPECT("error eval_builtin_error: time.parse_duration_ns: time: missing unit in duration \"1\"",
           "time.parse_duration_ns", S("1"));
    EXPECT("error eval_builtin_error: time.parse_duration_ns: time: unknown unit \"x\" in duration \"1d2x\"",
           "time.parse_duration_ns", S("1d2x"));
    EXPECT("error eval_builtin_error: time.parse_duration_ns: time: unknown unit \"D\" in duration \"1D\"",
           "time.parse_duration_ns", S("1D"));
    EXPECT("error eval_builtin_error: time.parse_duration_ns: time: invalid duration \"\"", "time.parse_duration_ns",
           S(""));
    EXPECT("error eval_builtin_error: time.parse_duration_ns: time: invalid duration \"10000000000000000000h\"",
           "time.parse_duration_ns", S("10000000000000000000h"));
    EXPECT("error eval_builtin_error: time.parse_duration_ns: time: invalid duration \"9223372036854775808ns\"",
           "time.parse_duration_ns", S("9223372036854775808ns"));
    EXPECT("error eval_builtin_error: time.parse_duration_ns: time: invalid duration \"1000000000d\"",
           "time.parse_duration_ns", S("1000000000d"));
    EXPECT("error eval_builtin_error: time.parse_duration_ns: time: invalid duration \".s\"", "time.parse_duration_ns",
           S(".s"));
    EXPECT("error eval_builtin_error: time.parse_duration_ns: time: missing unit in duration \"1h30\"",
           "time.parse_duration_ns", S("1h30"));
    EXPECT("error eval_type_error: time.parse_duration_ns: operand 1 must be string but got number",
           "time.parse_duration_ns", I(100));
}

static void test_arg_errors(void) {
    EXPECT("error eval_type_error: time.format: operand 1 must be string but got number", "time.format",
           rg_array(&A, (rg_value[]){I(T1), S("UTC"), I(42)}, 3));
    EXPECT("error eval_type_error: time.date: operand 1 must be either number (ns) or [number (ns), string (tz)] but "
           "got string",
           "time.date", S("1703444325734390000"));
    EXPECT("error eval_type_error: time.date: operand 1 must be either number (ns) or [number (ns), string (tz)] but "
           "got array",
           "time.date", rg_empty_array());
    EXPECT("error eval_type_error: time.clock: operand 1 must be number but got string", "time.clock",
           rg_array(&A, (rg_value[]){S("1")}, 1));
    EXPECT("error eval_type_error: time.weekday: operand 1 must be string but got number", "time.weekday",
           rg_array(&A, (rg_value[]){I(1), I(2)}, 2));
    EXPECT("error eval_builtin_error: time.date: timestamp too big", "time.date", rg_num_from_double(1.5));
    EXPECT("error eval_builtin_error: time.date: timestamp too big", "time.date",
           rg_number_parse(&A, "100000000000000000000", 21));
    EXPECT0("error eval_builtin_error: time.add_date: wrong number of arguments", "time.add_date");
}

int main(void) {
    rg_arena_init(&A);
    rg_bi_ctx_init(&C, &A);
    test_now();
    test_format();
    test_zones();
    test_calendar();
    test_add_date();
    test_diff();
    test_parse();
    test_parse_errors();
    test_durations();
    test_arg_errors();
    rg_bi_ctx_fini(&C);
    rg_arena_fini(&A);
    return rg_test_report("builtins_time");
}
