/* Private interface of the time builtins: a small re-implementation of the
 * parts of Go's time package OPA exposes (locations from the tz database,
 * civil dates, Date normalisation, layouts, durations).  time.c holds the
 * calendar, zones and builtins; time_format.c the layout and duration
 * text handling. */
#ifndef RG_BUILTINS_TIME_INTERNAL_H
#define RG_BUILTINS_TIME_INTERNAL_H

#include <stdbool.h>
#include <stdint.h>

#include "base/buf.h"

/* A location: UTC, Local, or a zone loaded from a TZif file.  Locations
 * are immutable once loaded and live for the process. */
typedef struct rg_tz rg_tz;

/* An instant: seconds since the Unix epoch, nanoseconds in [0, 1e9), and
 * the location its civil fields are computed in. */
typedef struct rg_time {
    int64_t sec;
    int32_t nsec;
    const rg_tz *loc;
} rg_time;

/* Civil fields of an instant in its location. */
typedef struct rg_civil {
    int64_t year;
    int month, day, hour, min, sec, nsec;
    int wday; /* 0 = Sunday */
    int yday; /* 1..366 */
    int offset; /* seconds east of UTC */
    const char *abbr; /* zone abbreviation, e.g. "UTC", "CET" */
} rg_civil;

/* The zone in effect at a Unix second (Go's Location.lookup). */
typedef struct rg_zone_info {
    const char *abbr;
    int offset;
    bool dst;
    int64_t start, end; /* validity interval of this answer */
} rg_zone_info;

const rg_tz *rg_tz_utc(void);
const rg_tz *rg_tz_local(void);
/* Loads an IANA zone by name ("", "UTC" and "Local" included); returns NULL
 * and sets *err to Go's message ("unknown time zone X") on failure.  The
 * result is cached process-wide (thread-safe). */
const rg_tz *rg_tz_load(const char *name, size_t len, rg_buf *err);
void rg_tz_lookup(const rg_tz *z, int64_t sec, rg_zone_info *out);
/* Offset of a zone abbreviation in z around unix second sec (Go's
 * Location.lookupName); false when z never uses that abbreviation. */
bool rg_tz_lookup_name(const rg_tz *z, const char *abbr, size_t len, int64_t sec, int *offset);

/* Calendar helpers (proleptic Gregorian). */
bool rg_is_leap(int64_t year);
int rg_days_in_month(int month, int64_t year);
void rg_time_civil(rg_time t, rg_civil *c);
/* Go's time.Date: normalises out-of-range fields and resolves the local
 * time in loc.  Returns false when the result would not fit (|year| beyond
 * about a billion). */
bool rg_time_date(int64_t year, int64_t month, int64_t day, int64_t hour, int64_t min, int64_t sec, int64_t nsec,
                  const rg_tz *loc, rg_time *out);

/* Go's Time.Format with a layout such as "2006-01-02T15:04:05Z07:00". */
void rg_time_format(rg_buf *out, rg_time t, const char *layout, size_t len);
/* Go's time.Parse (default location UTC, zone abbreviations resolved in
 * Local).  Returns false and writes Go's ParseError text to err. */
bool rg_time_parse(const char *layout, size_t llen, const char *value, size_t vlen, rg_time *out, rg_buf *err);
/* time.ParseDuration plus OPA's day/week/year units.  Returns false and
 * writes the error text (e.g. `time: invalid duration "x"`) to err. */
bool rg_time_parse_duration(const char *s, size_t len, int64_t *out, rg_buf *err);
/* Go's time-package quoting used in error messages: "..." with bytes
 * outside printable ASCII written as \xNN. */
void rg_time_quote(rg_buf *out, const char *s, size_t len);

#endif
