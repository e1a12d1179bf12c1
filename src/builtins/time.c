/* Builtins: the time family (time.now_ns, time.parse_ns,
 * time.parse_rfc3339_ns, time.parse_duration_ns, time.format, time.date,
 * time.clock, time.weekday, time.add_date, time.diff), plus the calendar
 * and time-zone support they share.
 *
 * Time zones: "" and "UTC" are UTC, "Local" is the process's zone (TZ, else
 * /etc/localtime), anything else is an IANA name read from the system tz
 * database.  TZif files are parsed here (including the POSIX TZ footer
 * rule for instants after the last listed transition) so no call ever
 * touches setenv/tzset or libc's global zone state; loaded zones are cached
 * process-wide behind a mutex, read-only afterwards.
 *
 * Timestamps are int64 nanoseconds, so results outside
 * 1677-09-21T00:12:43.145224192Z .. 2262-04-11T23:47:16.854775807Z are
 * errors ("time outside of valid range"), as in OPA. */
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "builtins/families.h"
#include "builtins/time_internal.h"
#include "rego/bi_ctx.h"

#define SECS_PER_DAY 86400
#define NS_PER_SEC 1000000000LL
/* Sentinels for "since forever" / "until forever" in zone lookups. */
#define TZ_ALPHA INT64_MIN
#define TZ_OMEGA INT64_MAX
/* Bounds on TZif content and on the number of cached zone names. */
#define TZ_FILE_MAX (1 << 20)
#define TZ_CACHE_MAX 2048

/* ---------------------------------------------------------------------- */
/* Calendar */

static int64_t floor_div(int64_t a, int64_t b) {
    int64_t q = a / b;
    if ((a % b != 0) && ((a < 0) != (b < 0))) q--;
    return q;
}

static int64_t floor_mod(int64_t a, int64_t b) {
    int64_t r = a % b;
    return r != 0 && ((r < 0) != (b < 0)) ? r + b : r;
}

bool rg_is_leap(int64_t y) { return y % 4 == 0 && (y % 100 != 0 || y % 400 == 0); }

int rg_days_in_month(int month, int64_t year) {
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month == 2 && rg_is_leap(year)) return 29;
    return days[(month - 1) % 12];
}

/* Days since 1970-01-01 of a proleptic Gregorian date (month 1..12). */
static int64_t days_from_civil(int64_t y, int m, int d) {
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int64_t *y, int *m, int *d) {
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

void rg_time_civil(rg_time t, rg_civil *c) {
    rg_zone_info zi;
    rg_tz_lookup(t.loc, t.sec, &zi);
    /* Instants come from int64 nanoseconds or bounded parses: no overflow. */
    int64_t local = t.sec + zi.offset;
    int64_t days = floor_div(local, SECS_PER_DAY), secs = floor_mod(local, SECS_PER_DAY);
    civil_from_days(days, &c->year, &c->month, &c->day);
    c->hour = (int)(secs / 3600);
    c->min = (int)(secs / 60 % 60);
    c->sec = (int)(secs % 60);
    c->nsec = t.nsec;
    c->wday = (int)floor_mod(days + 4, 7);
    c->yday = (int)(days - days_from_civil(c->year, 1, 1) + 1);
    c->offset = zi.offset;
    c->abbr = zi.abbr;
}

/* Moves whole multiples of base from *lo into *hi (Go's norm). */
static void norm(int64_t *hi, int64_t *lo, int64_t base) {
    *hi += floor_div(*lo, base);
    *lo = floor_mod(*lo, base);
}

bool rg_time_date(int64_t year, int64_t month, int64_t day, int64_t hour, int64_t min, int64_t sec, int64_t nsec,
                  const rg_tz *loc, rg_time *out) {
    const int64_t lim = (int64_t)1 << 36;
    if (year < -lim || year > lim || month < -lim || month > lim || day < -lim || day > lim || hour < -lim ||
        hour > lim || min < -lim || min > lim || sec < -lim || sec > lim)
        return false;
    int64_t m = month - 1;
    norm(&year, &m, 12);
    norm(&sec, &nsec, NS_PER_SEC);
    norm(&min, &sec, 60);
    norm(&hour, &min, 60);
    norm(&day, &hour, 24);
    int64_t days = days_from_civil(year, (int)m + 1, 1) + day - 1;
    int64_t unix = days * SECS_PER_DAY + hour * 3600 + min * 60 + sec;
    /* Resolve the wall time in loc: try the offset in effect at the wall
     * time read as UTC, and re-look it up if that lands across a change. */
    rg_zone_info zi;
    rg_tz_lookup(loc, unix, &zi);
    int offset = zi.offset;
    if (offset != 0) {
        int64_t utc = unix - offset;
        if (utc < zi.start || utc >= zi.end) {
            rg_tz_lookup(loc, utc, &zi);
            offset = zi.offset;
        }
        unix -= offset;
    }
    *out = (rg_time){.sec = unix, .nsec = (int32_t)nsec, .loc = loc};
    return true;
}

/* ---------------------------------------------------------------------- */
/* Zones */

typedef struct tz_zone {
    int32_t off;
    bool dst;
    char abbr[16];
} tz_zone;

typedef struct tz_trans {
    int64_t when;
    uint16_t idx;
} tz_trans;

typedef struct tz_rule {
    char kind; /* 'J' Julian day (1..365, no Feb 29), 'D' day of year (0..365), 'M' month.week.day */
    int day, week, mon, time;
} tz_rule;

/* A parsed POSIX TZ rule (the TZif footer), for instants after the last
 * listed transition. */
typedef struct tz_ext {
    bool valid, has_dst;
    char std[16], dst[16];
    int std_off, dst_off; /* seconds east of UTC */
    tz_rule start, end;
} tz_ext;

struct rg_tz {
    tz_zone *zones;
    int nzones;
    tz_trans *tx;
    int ntx;
    tz_ext ext;
};

static rg_tz utc_zone;
static rg_tz local_zone;
static pthread_once_t local_once = PTHREAD_ONCE_INIT;

const rg_tz *rg_tz_utc(void) { return &utc_zone; }

/* ---- POSIX TZ strings, as Go's tzset reads them ---- */

static bool tzs_num(const char **s, int min, int max, int *out) {
    const char *p = *s;
    int n = 0;
    if (*p < '0' || *p > '9') return false;
    for (; *p >= '0' && *p <= '9'; p++) {
        n = n * 10 + (*p - '0');
        if (n > max) return false;
    }
    if (n < min) return false;
    *s = p;
    *out = n;
    return true;
}

static bool tzs_name(const char **s, const char **name, size_t *len) {
    const char *p = *s;
    if (*p == '<') {
        const char *e = strchr(p, '>');
        if (!e) return false;
        *name = p + 1;
        *len = (size_t)(e - p - 1);
        *s = e + 1;
        return true;
    }
    size_t n = strcspn(p, "0123456789,-+");
    if (n < 3) return false;
    *name = p;
    *len = n;
    *s = p + n;
    return true;
}

/* [+-]hh[:mm[:ss]], in seconds; the sign is TZ's (west positive). */
static bool tzs_offset(const char **s, int *out) {
    const char *p = *s;
    int sign = 1, h, m = 0, sec = 0;
    if (*p == '+' || *p == '-') sign = *p++ == '-' ? -1 : 1;
    if (!tzs_num(&p, 0, 24 * 7, &h)) return false;
    if (*p == ':') {
        p++;
        if (!tzs_num(&p, 0, 59, &m)) return false;
        if (*p == ':') {
            p++;
            if (!tzs_num(&p, 0, 59, &sec)) return false;
        }
    }
    *out = sign * (h * 3600 + m * 60 + sec);
    *s = p;
    return true;
}

static bool tzs_rule(const char **s, tz_rule *r) {
    const char *p = *s;
    bool ok;
    if (*p == 'J') {
        p++;
        r->kind = 'J';
        ok = tzs_num(&p, 1, 365, &r->day);
    } else if (*p == 'M') {
        p++;
        r->kind = 'M';
        ok = tzs_num(&p, 1, 12, &r->mon) && *p == '.' && (p++, tzs_num(&p, 1, 5, &r->week)) && *p == '.' &&
             (p++, tzs_num(&p, 0, 6, &r->day));
    } else {
        r->kind = 'D';
        ok = tzs_num(&p, 0, 365, &r->day);
    }
    if (!ok) return false;
    r->time = 2 * 3600;
    if (*p == '/') {
        p++;
        if (!tzs_offset(&p, &r->time)) return false;
    }
    *s = p;
    return true;
}

/* Seconds from the start of the year to the rule's moment, in UTC for a
 * zone at offset off (seconds east). */
static int64_t tzs_rule_time(int64_t year, const tz_rule *r, int off) {
    int64_t s;
    if (r->kind == 'J') {
        s = (int64_t)(r->day - 1) * SECS_PER_DAY;
        if (rg_is_leap(year) && r->day >= 60) s += SECS_PER_DAY;
    } else if (r->kind == 'D') {
        s = (int64_t)r->day * SECS_PER_DAY;
    } else {
        int64_t first = days_from_civil(year, r->mon, 1);
        int dow = (int)floor_mod(first + 4, 7); /* weekday of the 1st */
        int d = r->day - dow;
        if (d < 0) d += 7;
        for (int i = 1; i < r->week; i++) {
            if (d + 7 >= rg_days_in_month(r->mon, year)) break;
            d += 7;
        }
        s = (first - days_from_civil(year, 1, 1) + d) * SECS_PER_DAY;
    }
    return s + r->time - off;
}

/* Parses a footer rule once, at load time; false when Go's tzset would
 * not accept it (the last transition's zone then stays in effect). */
static bool tz_parse_extend(const char *s, tz_ext *e) {
    const char *std, *dst;
    size_t std_len, dst_len;
    if (!tzs_name(&s, &std, &std_len) || std_len >= sizeof e->std || !tzs_offset(&s, &e->std_off)) return false;
    memcpy(e->std, std, std_len);
    e->std_off = -e->std_off; /* TZ counts west positive */
    if (*s == 0 || *s == ',') return e->valid = true;
    if (!tzs_name(&s, &dst, &dst_len) || dst_len >= sizeof e->dst) return false;
    memcpy(e->dst, dst, dst_len);
    e->dst_off = e->std_off + 3600;
    if (*s && *s != ',' && *s != ';') {
        if (!tzs_offset(&s, &e->dst_off)) return false;
        e->dst_off = -e->dst_off;
    }
    if (*s == 0) s = ",M3.2.0,M11.1.0"; /* tzcode's default rule */
    if (*s != ',' && *s != ';') return false;
    s++;
    if (!tzs_rule(&s, &e->start) || *s++ != ',' || !tzs_rule(&s, &e->end) || *s) return false;
    return e->has_dst = e->valid = true;
}

/* Evaluates a parsed footer rule at sec (Go's tzset). */
static void tz_eval_extend(const tz_ext *e, int64_t last_tx, int64_t sec, rg_zone_info *out) {
    if (!e->has_dst) {
        *out = (rg_zone_info){.abbr = e->std, .offset = e->std_off, .start = last_tx, .end = TZ_OMEGA};
        return;
    }
    int64_t days = floor_div(sec, SECS_PER_DAY), y;
    int mm, dd;
    civil_from_days(days, &y, &mm, &dd);
    int64_t ystart = days_from_civil(y, 1, 1) * SECS_PER_DAY, ysec = sec - ystart;
    int64_t st = tzs_rule_time(y, &e->start, e->std_off), en = tzs_rule_time(y, &e->end, e->dst_off);
    const char *sn = e->std, *dn = e->dst;
    int so = e->std_off, dof = e->dst_off;
    bool sdst = false, ddst = true;
    if (en < st) { /* southern hemisphere: the labels swap */
        int64_t t = st;
        st = en, en = t;
        sn = e->dst, dn = e->std, so = e->dst_off, dof = e->std_off, sdst = true, ddst = false;
    }
    if (ysec < st)
        *out = (rg_zone_info){sn, so, sdst, ystart, ystart + st};
    else if (ysec >= en)
        *out = (rg_zone_info){sn, so, sdst, ystart + en, ystart + 365 * SECS_PER_DAY};
    else
        *out = (rg_zone_info){dn, dof, ddst, ystart + st, ystart + en};
}

/* The zone used before the first transition (Go's lookupFirstZone). */
static int first_zone(const rg_tz *z) {
    bool used = false;
    for (int i = 0; i < z->ntx && !used; i++) used = z->tx[i].idx == 0;
    if (!used) return 0;
    if (z->ntx > 0 && z->zones[z->tx[0].idx].dst)
        for (int i = (int)z->tx[0].idx - 1; i >= 0; i--)
            if (!z->zones[i].dst) return i;
    for (int i = 0; i < z->nzones; i++)
        if (!z->zones[i].dst) return i;
    return 0;
}

void rg_tz_lookup(const rg_tz *z, int64_t sec, rg_zone_info *out) {
    if (z->nzones == 0) {
        *out = (rg_zone_info){.abbr = "UTC", .start = TZ_ALPHA, .end = TZ_OMEGA};
        return;
    }
    if (z->ntx == 0 || sec < z->tx[0].when) {
        const tz_zone *zn = &z->zones[first_zone(z)];
        *out = (rg_zone_info){zn->abbr, zn->off, zn->dst, TZ_ALPHA, z->ntx ? z->tx[0].when : TZ_OMEGA};
        return;
    }
    int lo = 0, hi = z->ntx;
    int64_t end = TZ_OMEGA;
    while (hi - lo > 1) {
        int mid = lo + (hi - lo) / 2;
        if (sec < z->tx[mid].when) {
            end = z->tx[mid].when;
            hi = mid;
        } else {
            lo = mid;
        }
    }
    const tz_zone *zn = &z->zones[z->tx[lo].idx];
    *out = (rg_zone_info){zn->abbr, zn->off, zn->dst, z->tx[lo].when, end};
    if (lo == z->ntx - 1 && z->ext.valid) tz_eval_extend(&z->ext, z->tx[lo].when, sec, out);
}

bool rg_tz_lookup_name(const rg_tz *z, const char *abbr, size_t len, int64_t sec, int *offset) {
    for (int pass = 0; pass < 2; pass++)
        for (int i = 0; i < z->nzones; i++) {
            const tz_zone *zn = &z->zones[i];
            if (strlen(zn->abbr) != len || memcmp(zn->abbr, abbr, len) != 0) continue;
            if (pass == 1) {
                *offset = zn->off;
                return true;
            }
            /* prefer the zone actually in effect at that time */
            rg_zone_info zi;
            rg_tz_lookup(z, sec - zn->off, &zi);
            if (strcmp(zi.abbr, zn->abbr) == 0) {
                *offset = zi.offset;
                return true;
            }
        }
    return false;
}

/* ---- TZif files ---- */

static uint32_t be32(const uint8_t *p) { return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]; }

static int64_t be64(const uint8_t *p) { return (int64_t)((uint64_t)be32(p) << 32 | be32(p + 4)); }

typedef struct tzif_counts {
    uint32_t isut, isstd, leap, time, type, chars;
} tzif_counts;

static bool tzif_header(const uint8_t *d, size_t n, tzif_counts *c) {
    if (n < 44 || memcmp(d, "TZif", 4) != 0) return false;
    c->isut = be32(d + 20), c->isstd = be32(d + 24), c->leap = be32(d + 28);
    c->time = be32(d + 32), c->type = be32(d + 36), c->chars = be32(d + 40);
    return c->time <= TZ_FILE_MAX && c->type >= 1 && c->type <= 256 && c->chars <= TZ_FILE_MAX &&
           c->leap <= TZ_FILE_MAX && c->isut <= 256 && c->isstd <= 256;
}

static size_t tzif_data_len(const tzif_counts *c, int tsize) {
    return (size_t)c->time * (size_t)(tsize + 1) + (size_t)c->type * 6 + c->chars +
           (size_t)c->leap * (size_t)(tsize + 4) + c->isstd + c->isut;
}

static bool tzif_build(rg_tz *z, const uint8_t *p, const tzif_counts *c, int tsize) {
    z->ntx = (int)c->time;
    z->nzones = (int)c->type;
    z->tx = rg_xcalloc(c->time ? c->time : 1, sizeof *z->tx);
    z->zones = rg_xcalloc(c->type, sizeof *z->zones);
    const uint8_t *idx = p + (size_t)c->time * (size_t)tsize, *types = idx + c->time;
    const char *chars = (const char *)(types + (size_t)c->type * 6);
    for (uint32_t i = 0; i < c->time; i++) {
        z->tx[i].when = tsize == 8 ? be64(p + 8 * (size_t)i) : (int64_t)(int32_t)be32(p + 4 * (size_t)i);
        z->tx[i].idx = idx[i];
        if (idx[i] >= c->type) return false;
    }
    for (uint32_t i = 0; i < c->type; i++) {
        const uint8_t *t = types + 6 * (size_t)i;
        z->zones[i].off = (int32_t)be32(t);
        z->zones[i].dst = t[4] != 0;
        if (t[5] >= c->chars) return false;
        size_t len = strnlen(chars + t[5], c->chars - t[5]);
        if (len >= sizeof z->zones[i].abbr) len = sizeof z->zones[i].abbr - 1;
        memcpy(z->zones[i].abbr, chars + t[5], len);
    }
    if (z->ntx == 0) { /* Go: one fake transition covering all time */
        z->ntx = 1;
        z->tx[0] = (tz_trans){TZ_ALPHA, 0};
    }
    return true;
}

static void tz_free(rg_tz *z) {
    if (!z) return;
    free(z->zones);
    free(z->tx);
    free(z);
}

/* Parses a TZif file (v1, or the 64-bit v2+ block and its footer). */
static rg_tz *tzif_parse(const uint8_t *d, size_t n) {
    tzif_counts c;
    if (!tzif_header(d, n, &c)) return NULL;
    int tsize = 4;
    const uint8_t *p = d + 44;
    size_t rest = n - 44;
    if (d[4] >= '2') {
        size_t skip = tzif_data_len(&c, 4);
        if (skip > rest || !tzif_header(p + skip, rest - skip, &c)) return NULL;
        p += skip + 44;
        rest -= skip + 44;
        tsize = 8;
    }
    size_t len = tzif_data_len(&c, tsize);
    if (len > rest) return NULL;
    rg_tz *z = rg_xcalloc(1, sizeof *z);
    if (!tzif_build(z, p, &c, tsize)) {
        tz_free(z);
        return NULL;
    }
    const char *foot = (const char *)p + len;
    size_t flen = rest - len;
    const char *nl = flen > 1 && foot[0] == '\n' ? memchr(foot + 1, '\n', flen - 1) : NULL;
    if (nl && nl > foot + 1 && nl - foot < 256) {
        char rule[256];
        memcpy(rule, foot + 1, (size_t)(nl - foot - 1));
        rule[nl - foot - 1] = 0;
        if (!tz_parse_extend(rule, &z->ext)) memset(&z->ext, 0, sizeof z->ext);
    }
    return z;
}

/* Reads a regular file of at most TZ_FILE_MAX bytes. */
static uint8_t *read_small_file(const char *path, size_t *len) {
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return NULL;
    struct stat st;
    uint8_t *buf = NULL;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0 && st.st_size <= TZ_FILE_MAX) {
        size_t want = (size_t)st.st_size, got = 0;
        buf = rg_xmalloc(want);
        while (got < want) {
            ssize_t r = read(fd, buf + got, want - got);
            if (r < 0 && errno == EINTR) continue;
            if (r <= 0) break;
            got += (size_t)r;
        }
        if (got != want) {
            free(buf);
            buf = NULL;
        }
        *len = got;
    }
    close(fd);
    return buf;
}

static rg_tz *load_file(const char *path) {
    size_t len = 0;
    uint8_t *d = read_small_file(path, &len);
    if (!d) return NULL;
    rg_tz *z = tzif_parse(d, len);
    free(d);
    return z;
}

/* Looks name up in $ZONEINFO and the usual tz database directories. */
static rg_tz *load_named(const char *name) {
    static const char *const dirs[] = {"/usr/share/zoneinfo/", "/usr/share/lib/zoneinfo/", "/usr/lib/locale/TZ/",
                                       "/etc/zoneinfo/"};
    char path[512];
    const char *env = getenv("ZONEINFO");
    if (env && *env && strlen(env) + strlen(name) + 2 < sizeof path) {
        strcpy(path, env);
        strcat(path, "/");
        strcat(path, name);
        rg_tz *z = load_file(path);
        if (z) return z;
    }
    for (size_t i = 0; i < sizeof dirs / sizeof *dirs; i++) {
        if (strlen(dirs[i]) + strlen(name) + 1 > sizeof path) continue;
        strcpy(path, dirs[i]);
        strcat(path, name);
        rg_tz *z = load_file(path);
        if (z) return z;
    }
    return NULL;
}

/* Go's initLocal: $TZ (":name", "/path", a zone name), else /etc/localtime;
 * UTC when nothing loads. */
static void init_local(void) {
    const char *tz = getenv("TZ");
    rg_tz *z = NULL;
    if (!tz) {
        z = load_file("/etc/localtime");
    } else if (*tz) {
        if (*tz == ':') tz++;
        if (*tz == '/') z = load_file(tz);
        else if (*tz && strcmp(tz, "UTC") != 0 && !strstr(tz, "..")) z = load_named(tz);
    }
    if (z) {
        local_zone = *z;
        free(z); /* the arrays now belong to local_zone */
    }
}

const rg_tz *rg_tz_local(void) {
    pthread_once(&local_once, init_local);
    return &local_zone;
}

/* Process-wide cache of loaded zones: names are few (the tz database), but
 * spelling variants ("a/./b") are not, hence the cap. */
static struct {
    pthread_mutex_t mu;
    size_t len;
    struct {
        char *name;
        rg_tz *zone;
    } items[TZ_CACHE_MAX];
} tz_cache = {.mu = PTHREAD_MUTEX_INITIALIZER};

const rg_tz *rg_tz_load(const char *name, size_t len, rg_buf *err) {
    if (len == 0 || (len == 3 && memcmp(name, "UTC", 3) == 0)) return &utc_zone;
    if (len == 5 && memcmp(name, "Local", 5) == 0) return rg_tz_local();
    if (memmem(name, len, "..", 2) || name[0] == '/' || name[0] == '\\') {
        rg_buf_puts(err, "time: invalid location name");
        return NULL;
    }
    rg_tz *found = NULL;
    pthread_mutex_lock(&tz_cache.mu);
    for (size_t i = 0; i < tz_cache.len && !found; i++)
        if (strlen(tz_cache.items[i].name) == len && memcmp(tz_cache.items[i].name, name, len) == 0)
            found = tz_cache.items[i].zone;
    if (!found && len < 256 && !memchr(name, 0, len) && tz_cache.len < TZ_CACHE_MAX) {
        char buf[256];
        memcpy(buf, name, len);
        buf[len] = 0;
        found = load_named(buf);
        if (found) {
            tz_cache.items[tz_cache.len].name = rg_xstrdup(buf);
            tz_cache.items[tz_cache.len++].zone = found;
        }
    }
    pthread_mutex_unlock(&tz_cache.mu);
    if (!found) {
        rg_buf_puts(err, "unknown time zone ");
        rg_buf_append(err, name, len);
    }
    return found;
}

/* ---------------------------------------------------------------------- */
/* Builtins */

static const struct {
    const char *name, *layout;
} named_layouts[] = {
    {"ANSIC", "Mon Jan _2 15:04:05 2006"},
    {"UnixDate", "Mon Jan _2 15:04:05 MST 2006"},
    {"RubyDate", "Mon Jan 02 15:04:05 -0700 2006"},
    {"RFC822", "02 Jan 06 15:04 MST"},
    {"RFC822Z", "02 Jan 06 15:04 -0700"},
    {"RFC850", "Monday, 02-Jan-06 15:04:05 MST"},
    {"RFC1123", "Mon, 02 Jan 2006 15:04:05 MST"},
    {"RFC1123Z", "Mon, 02 Jan 2006 15:04:05 -0700"},
    {"RFC3339", "2006-01-02T15:04:05Z07:00"},
    {"RFC3339Nano", "2006-01-02T15:04:05.999999999Z07:00"},
};

/* The layout a name stands for, or the text itself. */
static void resolve_layout(rg_value v, const char **p, size_t *n) {
    *p = v.u.s;
    *n = v.len;
    for (size_t i = 0; i < sizeof named_layouts / sizeof *named_layouts; i++)
        if (strlen(named_layouts[i].name) == v.len && memcmp(named_layouts[i].name, v.u.s, v.len) == 0) {
            *p = named_layouts[i].layout;
            *n = strlen(*p);
        }
}

static rg_time from_ns(int64_t ns, const rg_tz *loc) {
    return (rg_time){.sec = floor_div(ns, NS_PER_SEC), .nsec = (int32_t)floor_mod(ns, NS_PER_SEC), .loc = loc};
}

/* Returns the instant as int64 ns, or the "outside of valid range" error. */
static int result_ns(rg_bi_ctx *ctx, rg_time t, rg_value *out) {
    const int64_t min_sec = -9223372037, max_sec = 9223372036;
    if (t.sec < min_sec || (t.sec == min_sec && t.nsec < 145224192) || t.sec > max_sec ||
        (t.sec == max_sec && t.nsec > 854775807))
        return rg_bi_error(ctx, "time outside of valid range");
    /* (sec+1)*1e9 cannot overflow at the negative end where sec*1e9 would */
    int64_t ns = t.sec < 0 ? (t.sec + 1) * NS_PER_SEC + (t.nsec - NS_PER_SEC) : t.sec * NS_PER_SEC + t.nsec;
    *out = rg_int(ns);
    return RG_BI_OK;
}

/* An integer-valued number within int64 (Go's big.Float Int64 with Exact
 * accuracy); integral doubles near the int64 limits count too. */
static bool exact_int64(rg_value n, int64_t *out) {
    if (rg_num_to_int64(n, out)) return true;
    if (n.sub != RG_NUM_FLOAT || n.u.d != floor(n.u.d) || n.u.d < -9223372036854775808.0 ||
        n.u.d >= 9223372036854775808.0)
        return false;
    *out = (int64_t)n.u.d;
    return true;
}

static const char either_msg[] = "either number (ns) or [number (ns), string (tz)]";

/* OPA's tzTime: ns, [ns, tz] or [ns, tz, layout].  Operand positions in
 * its messages are always 1, as in OPA. */
static int tz_time(rg_bi_ctx *ctx, rg_value a, rg_time *t, rg_value *layout) {
    rg_value n = a;
    const rg_tz *loc = rg_tz_utc();
    if (layout) *layout = rg_undefined();
    if (a.kind == RG_ARRAY) {
        if (a.len == 0) return rg_bi_type_error(ctx, 1, either_msg, a);
        n = a.u.items[0];
        if (n.kind != RG_NUMBER) return rg_bi_type_error(ctx, 1, "number", n);
        if (a.len > 1) {
            rg_value tz = a.u.items[1];
            if (tz.kind != RG_STRING) return rg_bi_type_error(ctx, 1, "string", tz);
            rg_buf err = RG_BUF_INIT;
            loc = rg_tz_load(tz.u.s, tz.len, &err);
            int rc = loc ? 0 : rg_bi_error(ctx, "%s", rg_buf_cstr(&err));
            rg_buf_fini(&err);
            if (rc) return rc;
        }
        if (a.len > 2) {
            if (a.u.items[2].kind != RG_STRING) return rg_bi_type_error(ctx, 1, "string", a.u.items[2]);
            if (layout) *layout = a.u.items[2];
        }
    } else if (a.kind != RG_NUMBER) {
        return rg_bi_type_error(ctx, 1, either_msg, a);
    }
    int64_t ns;
    if (!exact_int64(n, &ns)) return rg_bi_error(ctx, "timestamp too big");
    *t = from_ns(ns, loc);
    return 0;
}

static int bi_now_ns(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    *out = rg_int(rg_bi_now_ns(ctx));
    return RG_BI_OK;
}

static int parse_with(rg_bi_ctx *ctx, const char *layout, size_t llen, rg_value value, rg_value *out) {
    rg_buf err = RG_BUF_INIT;
    rg_time t;
    int rc;
    if (rg_time_parse(layout, llen, value.u.s, value.len, &t, &err)) rc = result_ns(ctx, t, out);
    else rc = rg_bi_error(ctx, "%s", rg_buf_cstr(&err));
    rg_buf_fini(&err);
    return rc;
}

static int bi_parse_ns(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    if (rg_bi_want_string(ctx, args, 0) || rg_bi_want_string(ctx, args, 1)) return RG_BI_ERROR;
    const char *l;
    size_t n;
    resolve_layout(args[0], &l, &n);
    return parse_with(ctx, l, n, args[1], out);
}

static int bi_parse_rfc3339_ns(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    if (rg_bi_want_string(ctx, args, 0)) return RG_BI_ERROR;
    const char *l = "2006-01-02T15:04:05Z07:00";
    return parse_with(ctx, l, strlen(l), args[0], out);
}

static int bi_parse_duration_ns(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    if (rg_bi_want_string(ctx, args, 0)) return RG_BI_ERROR;
    rg_buf err = RG_BUF_INIT;
    int64_t d;
    int rc = RG_BI_OK;
    if (rg_time_parse_duration(args[0].u.s, args[0].len, &d, &err)) *out = rg_int(d);
    else rc = rg_bi_error(ctx, "%s", rg_buf_cstr(&err));
    rg_buf_fini(&err);
    return rc;
}

static int bi_format(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    rg_time t;
    rg_value lv;
    if (tz_time(ctx, args[0], &t, &lv)) return RG_BI_ERROR;
    const char *l = "2006-01-02T15:04:05.999999999Z07:00";
    size_t n = strlen(l);
    if (!rg_is_undef(lv) && lv.len > 0) resolve_layout(lv, &l, &n);
    rg_buf b = RG_BUF_INIT;
    rg_time_format(&b, t, l, n);
    *out = rg_string(rg_bi_arena(ctx), rg_buf_cstr(&b), b.len);
    rg_buf_fini(&b);
    return RG_BI_OK;
}

static rg_value int_array(rg_arena *a, const int64_t *v, size_t n) {
    rg_value items[6];
    for (size_t i = 0; i < n; i++) items[i] = rg_int(v[i]);
    return rg_array(a, items, n);
}

static int bi_date(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    rg_time t;
    if (tz_time(ctx, args[0], &t, NULL)) return RG_BI_ERROR;
    rg_civil c;
    rg_time_civil(t, &c);
    *out = int_array(rg_bi_arena(ctx), (int64_t[]){c.year, c.month, c.day}, 3);
    return RG_BI_OK;
}

static int bi_clock(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    rg_time t;
    if (tz_time(ctx, args[0], &t, NULL)) return RG_BI_ERROR;
    rg_civil c;
    rg_time_civil(t, &c);
    *out = int_array(rg_bi_arena(ctx), (int64_t[]){c.hour, c.min, c.sec}, 3);
    return RG_BI_OK;
}

static int bi_weekday(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    static const char *const days[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
    rg_time t;
    if (tz_time(ctx, args[0], &t, NULL)) return RG_BI_ERROR;
    rg_civil c;
    rg_time_civil(t, &c);
    *out = rg_string_static(days[c.wday], strlen(days[c.wday]));
    return RG_BI_OK;
}

/* OPA's IntOperand: a number that is a machine integer. */
static int want_int(rg_bi_ctx *ctx, const rg_value *args, int i, int64_t *out) {
    if (rg_bi_want_number(ctx, args, i)) return RG_BI_ERROR;
    if (rg_num_to_int64(args[i], out)) return 0;
    rg_bi_ctx_clear_error(ctx);
    ctx->err_code = "eval_type_error";
    rg_buf_printf(&ctx->err, "%s: operand %d must be integer number but got floating-point number", rg_bi_name(ctx),
                  i + 1);
    return RG_BI_ERROR;
}

static int bi_add_date(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    rg_time t;
    int64_t y, m, d;
    if (tz_time(ctx, args[0], &t, NULL) || want_int(ctx, args, 1, &y) || want_int(ctx, args, 2, &m) ||
        want_int(ctx, args, 3, &d))
        return RG_BI_ERROR;
    rg_civil c;
    rg_time_civil(t, &c);
    /* Beyond +-2^35 the result is far outside the int64 ns range anyway. */
    const int64_t lim = (int64_t)1 << 35;
    rg_time r;
    if (y < -lim || y > lim || m < -lim || m > lim || d < -lim || d > lim ||
        !rg_time_date(c.year + y, c.month + m, c.day + d, c.hour, c.min, c.sec, c.nsec, t.loc, &r))
        return rg_bi_error(ctx, "time outside of valid range");
    return result_ns(ctx, r, out);
}

static int bi_diff(rg_bi_ctx *ctx, const rg_value *args, int nargs, rg_value *out) {
    rg_time t1, t2;
    if (tz_time(ctx, args[0], &t1, NULL) || tz_time(ctx, args[1], &t2, NULL)) return RG_BI_ERROR;
    t2.loc = t1.loc; /* both are read in the first one's zone */
    if (t1.sec > t2.sec || (t1.sec == t2.sec && t1.nsec > t2.nsec)) {
        rg_time tmp = t1;
        t1 = t2, t2 = tmp;
    }
    rg_civil a, b;
    rg_time_civil(t1, &a);
    rg_time_civil(t2, &b);
    int64_t year = b.year - a.year, month = b.month - a.month, day = b.day - a.day;
    int64_t hour = b.hour - a.hour, min = b.min - a.min, sec = b.sec - a.sec;
    if (sec < 0) sec += 60, min--;
    if (min < 0) min += 60, hour--;
    if (hour < 0) hour += 24, day--;
    if (day < 0) day += rg_days_in_month(a.month, a.year), month--;
    if (month < 0) month += 12, year--;
    *out = int_array(rg_bi_arena(ctx), (int64_t[]){year, month, day, hour, min, sec}, 6);
    return RG_BI_OK;
}

#define TZ_ARG (RG_T_NUM | RG_T_ARR)

const rg_builtin_def rg_builtins_time[] = {
    {"time.now_ns", bi_now_ns, 0, RG_ARGS(0), RG_T_NUM, RG_BI_NONDETERMINISTIC},
    {"time.parse_ns", bi_parse_ns, 2, RG_ARGS(RG_T_STR, RG_T_STR), RG_T_NUM, 0},
    {"time.parse_rfc3339_ns", bi_parse_rfc3339_ns, 1, RG_ARGS(RG_T_STR), RG_T_NUM, 0},
    {"time.parse_duration_ns", bi_parse_duration_ns, 1, RG_ARGS(RG_T_STR), RG_T_NUM, 0},
    {"time.format", bi_format, 1, RG_ARGS(TZ_ARG), RG_T_STR, 0},
    {"time.date", bi_date, 1, RG_ARGS(TZ_ARG), RG_T_ARR, 0},
    {"time.clock", bi_clock, 1, RG_ARGS(TZ_ARG), RG_T_ARR, 0},
    {"time.weekday", bi_weekday, 1, RG_ARGS(TZ_ARG), RG_T_STR, 0},
    {"time.add_date", bi_add_date, 4, RG_ARGS(TZ_ARG, RG_T_NUM, RG_T_NUM, RG_T_NUM), RG_T_NUM, 0},
    {"time.diff", bi_diff, 2, RG_ARGS(TZ_ARG, TZ_ARG), RG_T_ARR, 0},
    {0},
};
