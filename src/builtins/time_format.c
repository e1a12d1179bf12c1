/* Go time-package text handling for the time builtins: reference-time
 * layouts ("2006-01-02T15:04:05Z07:00") for formatting and parsing, and
 * duration strings ("1h30m").  Behaviour, including error messages, follows
 * Go's time package, which OPA uses directly.
 *
 * Layout elements: 2006 06 | January Jan 1 01 | Monday Mon | 2 _2 02 |
 * __2 002 (day of year) | 15 3 03 | 4 04 | 5 05 | PM pm | MST |
 * Z0700 Z07:00 Z07 Z070000 Z07:00:00 -0700 -07:00 -07 -070000 -07:00:00 |
 * .000 .999 (or with ',') for fractional seconds.  Everything else is
 * literal text. */
#include <string.h>

#include "builtins/time_internal.h"

enum {
    STD_NONE = 0,
    STD_LONG_MONTH, STD_MONTH, STD_NUM_MONTH, STD_ZERO_MONTH,
    STD_LONG_WEEKDAY, STD_WEEKDAY,
    STD_DAY, STD_UNDER_DAY, STD_ZERO_DAY, STD_UNDER_YEARDAY, STD_ZERO_YEARDAY,
    STD_HOUR, STD_HOUR12, STD_ZERO_HOUR12, STD_MINUTE, STD_ZERO_MINUTE, STD_SECOND, STD_ZERO_SECOND,
    STD_LONG_YEAR, STD_YEAR, STD_PM_UPPER, STD_PM_LOWER, STD_TZ,
    /* numeric zones: the "ISO" (Z) forms print Z for UTC */
    STD_ISO_TZ, STD_ISO_SECONDS_TZ, STD_ISO_SHORT_TZ, STD_ISO_COLON_TZ, STD_ISO_COLON_SECONDS_TZ,
    STD_NUM_TZ, STD_NUM_SECONDS_TZ, STD_NUM_SHORT_TZ, STD_NUM_COLON_TZ, STD_NUM_COLON_SECONDS_TZ,
    STD_FRAC0, STD_FRAC9,
};

static const char *const long_months[] = {"January", "February", "March",     "April",   "May",      "June",
                                          "July",    "August",   "September", "October", "November", "December"};
static const char *const short_months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                           "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
static const char *const long_days[] = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
static const char *const short_days[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};

/* One layout element: literal prefix, then the element (std, std_len). */
typedef struct chunk {
    size_t prefix_len;
    int std;
    size_t std_len;
    int digits; /* fractional seconds: number of digits */
    char sep;   /* fractional seconds: '.' or ',' */
} chunk;

static bool at(const char *s, size_t n, size_t i, const char *lit) {
    size_t l = strlen(lit);
    return n - i >= l && memcmp(s + i, lit, l) == 0;
}

static bool is_digit_at(const char *s, size_t n, size_t i) { return i < n && s[i] >= '0' && s[i] <= '9'; }

static bool lower_at(const char *s, size_t n, size_t i) { return i < n && s[i] >= 'a' && s[i] <= 'z'; }

static chunk mk(size_t i, int std, size_t len) { return (chunk){.prefix_len = i, .std = std, .std_len = len}; }

static int zone_std(const char *s, size_t n, size_t i, size_t *len) {
    static const struct { const char *lit; int iso, num; } forms[] = {
        {"070000", STD_ISO_SECONDS_TZ, STD_NUM_SECONDS_TZ}, {"07:00:00", STD_ISO_COLON_SECONDS_TZ, STD_NUM_COLON_SECONDS_TZ},
        {"0700", STD_ISO_TZ, STD_NUM_TZ},                   {"07:00", STD_ISO_COLON_TZ, STD_NUM_COLON_TZ},
        {"07", STD_ISO_SHORT_TZ, STD_NUM_SHORT_TZ},
    };
    for (size_t f = 0; f < sizeof forms / sizeof *forms; f++)
        if (at(s, n, i + 1, forms[f].lit)) {
            *len = 1 + strlen(forms[f].lit);
            return s[i] == 'Z' ? forms[f].iso : forms[f].num;
        }
    return STD_NONE;
}

/* Go's nextStdChunk for the element starting at i, or STD_NONE. */
static chunk chunk_at(const char *s, size_t n, size_t i) {
    size_t len;
    int std;
    switch (s[i]) {
    case 'J':
        if (at(s, n, i, "January")) return mk(i, STD_LONG_MONTH, 7);
        if (at(s, n, i, "Jan") && !lower_at(s, n, i + 3)) return mk(i, STD_MONTH, 3);
        break;
    case 'M':
        if (at(s, n, i, "Monday")) return mk(i, STD_LONG_WEEKDAY, 6);
        if (at(s, n, i, "Mon") && !lower_at(s, n, i + 3)) return mk(i, STD_WEEKDAY, 3);
        if (at(s, n, i, "MST")) return mk(i, STD_TZ, 3);
        break;
    case '0':
        if (i + 1 < n && s[i + 1] >= '1' && s[i + 1] <= '6') {
            static const int zero[] = {STD_ZERO_MONTH, STD_ZERO_DAY, STD_ZERO_HOUR12,
                                       STD_ZERO_MINUTE, STD_ZERO_SECOND, STD_YEAR};
            return mk(i, zero[s[i + 1] - '1'], 2);
        }
        if (at(s, n, i, "002")) return mk(i, STD_ZERO_YEARDAY, 3);
        break;
    case '1': return at(s, n, i, "15") ? mk(i, STD_HOUR, 2) : mk(i, STD_NUM_MONTH, 1);
    case '2': return at(s, n, i, "2006") ? mk(i, STD_LONG_YEAR, 4) : mk(i, STD_DAY, 1);
    case '_':
        if (at(s, n, i, "_2006")) return mk(i + 1, STD_LONG_YEAR, 4); /* literal '_' then the year */
        if (at(s, n, i, "_2")) return mk(i, STD_UNDER_DAY, 2);
        if (at(s, n, i, "__2")) return mk(i, STD_UNDER_YEARDAY, 3);
        break;
    case '3': return mk(i, STD_HOUR12, 1);
    case '4': return mk(i, STD_MINUTE, 1);
    case '5': return mk(i, STD_SECOND, 1);
    case 'P':
        if (at(s, n, i, "PM")) return mk(i, STD_PM_UPPER, 2);
        break;
    case 'p':
        if (at(s, n, i, "pm")) return mk(i, STD_PM_LOWER, 2);
        break;
    case '-':
    case 'Z':
        if ((std = zone_std(s, n, i, &len)) != STD_NONE) return mk(i, std, len);
        break;
    case '.':
    case ',':
        if (i + 1 < n && (s[i + 1] == '0' || s[i + 1] == '9')) {
            size_t j = i + 1;
            while (j < n && s[j] == s[i + 1]) j++;
            if (!is_digit_at(s, n, j)) { /* the digit run must end the element */
                chunk c = mk(i, s[i + 1] == '0' ? STD_FRAC0 : STD_FRAC9, j - i);
                c.digits = (int)(j - i - 1);
                c.sep = s[i];
                return c;
            }
        }
        break;
    default: break;
    }
    return mk(i, STD_NONE, 0);
}

static chunk next_chunk(const char *s, size_t n) {
    for (size_t i = 0; i < n; i++) {
        chunk c = chunk_at(s, n, i);
        if (c.std != STD_NONE) return c;
    }
    return mk(n, STD_NONE, 0);
}

/* ---------------------------------------------------------------------- */
/* Formatting */

/* Go's appendInt: zero-padded to width, sign first. */
static void put_int(rg_buf *b, int64_t x, int width) {
    uint64_t u = (uint64_t)x;
    if (x < 0) {
        rg_buf_putc(b, '-');
        u = 0 - u;
    }
    char tmp[24];
    int n = 0;
    do {
        tmp[n++] = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    for (int i = n; i < width; i++) rg_buf_putc(b, '0');
    while (n) rg_buf_putc(b, tmp[--n]);
}

static void put_zone(rg_buf *b, int std, int offset) {
    bool iso = std >= STD_ISO_TZ && std <= STD_ISO_COLON_SECONDS_TZ;
    if (offset == 0 && iso) {
        rg_buf_putc(b, 'Z');
        return;
    }
    int zone = offset / 60, abs_off = offset;
    rg_buf_putc(b, zone < 0 ? '-' : '+');
    if (zone < 0) zone = -zone, abs_off = -abs_off;
    put_int(b, zone / 60, 2);
    bool colon = std == STD_ISO_COLON_TZ || std == STD_NUM_COLON_TZ || std == STD_ISO_COLON_SECONDS_TZ ||
                 std == STD_NUM_COLON_SECONDS_TZ;
    bool secs = std == STD_ISO_SECONDS_TZ || std == STD_NUM_SECONDS_TZ || std == STD_ISO_COLON_SECONDS_TZ ||
                std == STD_NUM_COLON_SECONDS_TZ;
    if (colon) rg_buf_putc(b, ':');
    if (std != STD_NUM_SHORT_TZ && std != STD_ISO_SHORT_TZ) put_int(b, zone % 60, 2);
    if (secs) {
        if (colon) rg_buf_putc(b, ':');
        put_int(b, abs_off % 60, 2);
    }
}

static void put_frac(rg_buf *b, const chunk *k, int nsec) {
    bool trim = k->std == STD_FRAC9;
    if (trim && (k->digits == 0 || nsec == 0)) return;
    char d[10];
    for (int i = 8, v = nsec; i >= 0; i--, v /= 10) d[i] = (char)('0' + v % 10);
    int n = k->digits < 9 ? k->digits : 9;
    if (trim)
        while (n > 0 && d[n - 1] == '0') n--;
    if (trim && n == 0) return;
    rg_buf_putc(b, k->sep);
    rg_buf_append(b, d, (size_t)n);
}

static void put_std(rg_buf *b, const chunk *k, const rg_civil *c) {
    int hr12 = c->hour % 12 ? c->hour % 12 : 12;
    switch (k->std) {
    case STD_YEAR: put_int(b, c->year % 100, 2); break;
    case STD_LONG_YEAR: put_int(b, c->year, 4); break;
    case STD_MONTH: rg_buf_puts(b, short_months[c->month - 1]); break;
    case STD_LONG_MONTH: rg_buf_puts(b, long_months[c->month - 1]); break;
    case STD_NUM_MONTH: put_int(b, c->month, 0); break;
    case STD_ZERO_MONTH: put_int(b, c->month, 2); break;
    case STD_WEEKDAY: rg_buf_puts(b, short_days[c->wday]); break;
    case STD_LONG_WEEKDAY: rg_buf_puts(b, long_days[c->wday]); break;
    case STD_DAY: put_int(b, c->day, 0); break;
    case STD_UNDER_DAY:
        if (c->day < 10) rg_buf_putc(b, ' ');
        put_int(b, c->day, 0);
        break;
    case STD_ZERO_DAY: put_int(b, c->day, 2); break;
    case STD_UNDER_YEARDAY:
        if (c->yday < 100) rg_buf_puts(b, c->yday < 10 ? "  " : " ");
        put_int(b, c->yday, 0);
        break;
    case STD_ZERO_YEARDAY: put_int(b, c->yday, 3); break;
    case STD_HOUR: put_int(b, c->hour, 2); break;
    case STD_HOUR12: put_int(b, hr12, 0); break;
    case STD_ZERO_HOUR12: put_int(b, hr12, 2); break;
    case STD_MINUTE: put_int(b, c->min, 0); break;
    case STD_ZERO_MINUTE: put_int(b, c->min, 2); break;
    case STD_SECOND: put_int(b, c->sec, 0); break;
    case STD_ZERO_SECOND: put_int(b, c->sec, 2); break;
    case STD_PM_UPPER: rg_buf_puts(b, c->hour >= 12 ? "PM" : "AM"); break;
    case STD_PM_LOWER: rg_buf_puts(b, c->hour >= 12 ? "pm" : "am"); break;
    case STD_TZ:
        if (c->abbr && *c->abbr) {
            rg_buf_puts(b, c->abbr);
        } else { /* no name known: -0700 form */
            int zone = c->offset / 60;
            rg_buf_putc(b, zone < 0 ? '-' : '+');
            if (zone < 0) zone = -zone;
            put_int(b, zone / 60, 2);
            put_int(b, zone % 60, 2);
        }
        break;
    case STD_FRAC0:
    case STD_FRAC9: put_frac(b, k, c->nsec); break;
    default: put_zone(b, k->std, c->offset); break;
    }
}

void rg_time_format(rg_buf *out, rg_time t, const char *layout, size_t len) {
    rg_civil c;
    rg_time_civil(t, &c);
    rg_buf_reserve(out, len + 16);
    for (;;) {
        chunk k = next_chunk(layout, len);
        rg_buf_append(out, layout, k.prefix_len);
        if (k.std == STD_NONE) break;
        put_std(out, &k, &c);
        layout += k.prefix_len + k.std_len;
        len -= k.prefix_len + k.std_len;
    }
}

/* ---------------------------------------------------------------------- */
/* Parsing */

void rg_time_quote(rg_buf *out, const char *s, size_t len) {
    static const char hex[] = "0123456789abcdef";
    rg_buf_putc(out, '"');
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x80 || c < ' ') {
            rg_buf_puts(out, "\\x");
            rg_buf_putc(out, hex[c >> 4]);
            rg_buf_putc(out, hex[c & 15]);
            continue;
        }
        if (c == '"' || c == '\\') rg_buf_putc(out, '\\');
        rg_buf_putc(out, (char)c);
    }
    rg_buf_putc(out, '"');
}

/* A string slice. */
typedef struct str {
    const char *p;
    size_t n;
} str;

static void advance(str *s, size_t k) {
    s->p += k;
    s->n -= k;
}

/* Go's leadingInt: digits as uint64; false on overflow past 2^63. */
static bool leading_int(str *s, uint64_t *out) {
    uint64_t x = 0;
    size_t i = 0;
    for (; i < s->n && s->p[i] >= '0' && s->p[i] <= '9'; i++) {
        if (x > (UINT64_C(1) << 63) / 10) return false;
        x = x * 10 + (uint64_t)(s->p[i] - '0');
        if (x > UINT64_C(1) << 63) return false;
    }
    *out = x;
    advance(s, i);
    return true;
}

/* Go's time.atoi: optional sign, digits, nothing else. */
static bool go_atoi(str s, int64_t *out) {
    bool neg = false;
    if (s.n && (s.p[0] == '-' || s.p[0] == '+')) {
        neg = s.p[0] == '-';
        advance(&s, 1);
    }
    uint64_t q;
    if (!leading_int(&s, &q) || s.n || q > (uint64_t)INT64_MAX) return false;
    *out = neg ? -(int64_t)q : (int64_t)q;
    return true;
}

/* One or two digits (exactly two when fixed). */
static bool getnum(str *s, bool fixed, int *out) {
    if (!is_digit_at(s->p, s->n, 0)) return false;
    if (!is_digit_at(s->p, s->n, 1)) {
        if (fixed) return false;
        *out = s->p[0] - '0';
        advance(s, 1);
        return true;
    }
    *out = (s->p[0] - '0') * 10 + (s->p[1] - '0');
    advance(s, 2);
    return true;
}

static bool getnum3(str *s, bool fixed, int *out) {
    int n = 0, i = 0;
    for (; i < 3 && is_digit_at(s->p, s->n, (size_t)i); i++) n = n * 10 + (s->p[i] - '0');
    if (i == 0 || (fixed && i != 3)) return false;
    *out = n;
    advance(s, (size_t)i);
    return true;
}

/* Case-insensitive prefix match against a name table; returns the index. */
static int lookup_name(const char *const *tab, int count, str *s) {
    for (int i = 0; i < count; i++) {
        size_t l = strlen(tab[i]);
        if (s->n < l) continue;
        size_t j = 0;
        for (; j < l; j++) {
            unsigned char a = (unsigned char)s->p[j], b = (unsigned char)tab[i][j];
            if (a != b && ((a | 0x20) != (b | 0x20) || (a | 0x20) < 'a' || (a | 0x20) > 'z')) break;
        }
        if (j == l) {
            advance(s, l);
            return i;
        }
    }
    return -1;
}

/* Go's skip: matches the literal prefix; a space matches any run of spaces. */
static bool skip_prefix(str *v, str prefix) {
    while (prefix.n) {
        if (prefix.p[0] == ' ') {
            if (v->n && v->p[0] != ' ') return false;
            while (prefix.n && prefix.p[0] == ' ') advance(&prefix, 1);
            while (v->n && v->p[0] == ' ') advance(v, 1);
            continue;
        }
        if (!v->n || v->p[0] != prefix.p[0]) return false;
        advance(&prefix, 1);
        advance(v, 1);
    }
    return true;
}

/* Go's parseNanoseconds: value starts with the separator; nbytes counts it. */
static bool parse_nanos(str v, size_t nbytes, int *ns, const char **range_err) {
    if (v.p[0] != '.' && v.p[0] != ',') return false;
    if (nbytes > 10) nbytes = 10;
    int64_t x;
    if (!go_atoi((str){v.p + 1, nbytes - 1}, &x)) return false;
    if (x < 0) {
        *range_err = "fractional second";
        return true;
    }
    for (size_t i = nbytes; i < 10; i++) x *= 10;
    *ns = (int)x;
    return true;
}

/* Go's parseTimeZone: length of a zone abbreviation at the start, or 0. */
static size_t parse_signed_offset(str v) {
    if (!v.n || (v.p[0] != '+' && v.p[0] != '-')) return 0;
    str rest = {v.p + 1, v.n - 1};
    uint64_t x;
    if (!leading_int(&rest, &x) || rest.n == v.n - 1 || x > 23) return 0;
    return v.n - rest.n;
}

static size_t parse_zone_abbr(str v) {
    if (v.n < 3) return 0;
    if (v.n >= 4 && (memcmp(v.p, "ChST", 4) == 0 || memcmp(v.p, "MeST", 4) == 0)) return 4;
    if (memcmp(v.p, "GMT", 3) == 0) return v.n == 3 ? 3 : 3 + parse_signed_offset((str){v.p + 3, v.n - 3});
    if (v.p[0] == '+' || v.p[0] == '-') return parse_signed_offset(v);
    size_t up = 0;
    while (up < 6 && up < v.n && v.p[up] >= 'A' && v.p[up] <= 'Z') up++;
    if (up == 3) return 3;
    if (up == 4 && (v.p[3] == 'T' || memcmp(v.p, "WITA", 4) == 0)) return 4;
    if (up == 5 && v.p[4] == 'T') return 5;
    return 0;
}

/* Fields collected while parsing. */
typedef struct pstate {
    int64_t year;
    int month, day, yday, hour, min, sec, nsec;
    bool am, pm, utc;
    int zone_offset; /* -1: none */
    str zone_name;
    const char *range_err; /* set when a field is out of range */
} pstate;

/* Numeric zone offsets: "+hh", "+hhmm", "+hh:mm", "+hhmmss", "+hh:mm:ss". */
static bool parse_zone_std(pstate *st, str *v, int std) {
    /* "Z" is accepted by Z0700, Z07 and Z07:00, not by the seconds forms */
    if ((std == STD_ISO_TZ || std == STD_ISO_SHORT_TZ || std == STD_ISO_COLON_TZ) && v->n >= 1 && v->p[0] == 'Z') {
        advance(v, 1);
        st->utc = true;
        return true;
    }
    bool colon = std == STD_ISO_COLON_TZ || std == STD_NUM_COLON_TZ;
    bool csecs = std == STD_ISO_COLON_SECONDS_TZ || std == STD_NUM_COLON_SECONDS_TZ;
    bool secs = std == STD_ISO_SECONDS_TZ || std == STD_NUM_SECONDS_TZ;
    bool shrt = std == STD_ISO_SHORT_TZ || std == STD_NUM_SHORT_TZ;
    size_t need = colon ? 6 : csecs ? 9 : secs ? 7 : shrt ? 3 : 5;
    const char *p = v->p;
    if (v->n < need || ((colon || csecs) && p[3] != ':') || (csecs && p[6] != ':')) return false;
    advance(v, need);
    str hh = {p + 1, 2}, mm = {"00", 2}, ss = {"00", 2};
    if (!shrt) mm = (str){p + (colon || csecs ? 4 : 3), 2};
    if (csecs) ss = (str){p + 7, 2};
    if (secs) ss = (str){p + 5, 2};
    int h = 0, m = 0, sec = 0;
    bool ok = getnum(&hh, true, &h) && getnum(&mm, true, &m) && getnum(&ss, true, &sec);
    /* Go checks each field with > (offsets of 24h or 60m are written) */
    if (h > 24) st->range_err = "time zone offset hour";
    if (m > 60) st->range_err = "time zone offset minute";
    if (sec > 60) st->range_err = "time zone offset second";
    st->zone_offset = (h * 60 + m) * 60 + sec;
    if (p[0] == '-') st->zone_offset = -st->zone_offset;
    return ok && (p[0] == '+' || p[0] == '-');
}

/* Date elements (year, month, weekday, day, day of year); false = bad input. */
static bool parse_date_std(pstate *st, str *v, int std) {
    int64_t y;
    switch (std) {
    case STD_YEAR:
        if (v->n < 2 || !go_atoi((str){v->p, 2}, &y)) return false;
        advance(v, 2);
        st->year = y >= 69 ? y + 1900 : y + 2000;
        return true;
    case STD_LONG_YEAR:
        if (v->n < 4 || !is_digit_at(v->p, v->n, 0) || !go_atoi((str){v->p, 4}, &y)) return false;
        advance(v, 4);
        st->year = y;
        return true;
    case STD_MONTH: return (st->month = lookup_name(short_months, 12, v) + 1) > 0;
    case STD_LONG_MONTH: return (st->month = lookup_name(long_months, 12, v) + 1) > 0;
    case STD_NUM_MONTH:
    case STD_ZERO_MONTH:
        if (!getnum(v, std == STD_ZERO_MONTH, &st->month)) return false;
        if (st->month <= 0 || st->month > 12) st->range_err = "month";
        return true;
    case STD_WEEKDAY: return lookup_name(short_days, 7, v) >= 0; /* checked, then ignored */
    case STD_LONG_WEEKDAY: return lookup_name(long_days, 7, v) >= 0;
    case STD_UNDER_YEARDAY:
    case STD_ZERO_YEARDAY:
        for (int i = 0; i < 2 && std == STD_UNDER_YEARDAY && v->n && v->p[0] == ' '; i++) advance(v, 1);
        return getnum3(v, std == STD_ZERO_YEARDAY, &st->yday);
    default: /* STD_DAY, STD_UNDER_DAY, STD_ZERO_DAY */
        if (std == STD_UNDER_DAY && v->n && v->p[0] == ' ') advance(v, 1);
        return getnum(v, std == STD_ZERO_DAY, &st->day);
    }
}

/* Seconds; a fraction in the value but not in the layout is taken too. */
static bool parse_seconds(pstate *st, str *v, int std, str rest_layout) {
    if (!getnum(v, std == STD_ZERO_SECOND, &st->sec)) return false;
    if (st->sec >= 60) {
        st->range_err = "second";
        return true;
    }
    if (v->n >= 2 && (v->p[0] == '.' || v->p[0] == ',') && is_digit_at(v->p, v->n, 1)) {
        chunk nk = next_chunk(rest_layout.p, rest_layout.n);
        if (nk.std == STD_FRAC0 || nk.std == STD_FRAC9) return true;
        size_t n = 2;
        while (is_digit_at(v->p, v->n, n)) n++;
        if (!parse_nanos(*v, n, &st->nsec, &st->range_err)) return false;
        advance(v, n);
    }
    return true;
}

static bool parse_fraction(pstate *st, str *v, const chunk *k) {
    size_t n;
    if (k->std == STD_FRAC0) { /* exactly the layout's digits */
        n = 1 + (size_t)k->digits;
        if (v->n < n) return false;
    } else { /* optional, and any number of digits */
        if (v->n < 2 || (v->p[0] != '.' && v->p[0] != ',') || !is_digit_at(v->p, v->n, 1)) return true;
        n = 1;
        while (is_digit_at(v->p, v->n, n)) n++;
    }
    if (!parse_nanos(*v, n, &st->nsec, &st->range_err)) return false;
    advance(v, n);
    return true;
}

/* Clock elements (hour, minute, second, AM/PM, fractions). */
static bool parse_clock_std(pstate *st, str *v, const chunk *k, str rest_layout) {
    switch (k->std) {
    case STD_HOUR:
        if (!getnum(v, false, &st->hour)) return false;
        if (st->hour >= 24) st->range_err = "hour";
        return true;
    case STD_HOUR12:
    case STD_ZERO_HOUR12:
        if (!getnum(v, k->std == STD_ZERO_HOUR12, &st->hour)) return false;
        if (st->hour > 12) st->range_err = "hour";
        return true;
    case STD_MINUTE:
    case STD_ZERO_MINUTE:
        if (!getnum(v, k->std == STD_ZERO_MINUTE, &st->min)) return false;
        if (st->min >= 60) st->range_err = "minute";
        return true;
    case STD_SECOND:
    case STD_ZERO_SECOND: return parse_seconds(st, v, k->std, rest_layout);
    case STD_PM_UPPER:
    case STD_PM_LOWER: {
        if (v->n < 2) return false;
        bool up = k->std == STD_PM_UPPER;
        if (memcmp(v->p, up ? "PM" : "pm", 2) == 0) st->pm = true;
        else if (memcmp(v->p, up ? "AM" : "am", 2) == 0) st->am = true;
        else return false;
        advance(v, 2);
        return true;
    }
    default: return parse_fraction(st, v, k);
    }
}

/* A zone abbreviation ("MST" in the layout). */
static bool parse_abbr(pstate *st, str *v) {
    if (v->n >= 3 && memcmp(v->p, "UTC", 3) == 0) {
        st->utc = true;
        advance(v, 3);
        return true;
    }
    size_t n = parse_zone_abbr(*v);
    if (!n) return false;
    st->zone_name = (str){v->p, n};
    advance(v, n);
    return true;
}

/* Parses one layout element at the start of v into st; false = bad input
 * (st->range_err reports values out of range). */
static bool parse_std(pstate *st, str *v, const chunk *k, str rest_layout) {
    if (k->std <= STD_ZERO_YEARDAY || k->std == STD_LONG_YEAR || k->std == STD_YEAR)
        return parse_date_std(st, v, k->std);
    if (k->std == STD_TZ) return parse_abbr(st, v);
    if (k->std >= STD_ISO_TZ && k->std <= STD_NUM_COLON_SECONDS_TZ) return parse_zone_std(st, v, k->std);
    return parse_clock_std(st, v, k, rest_layout);
}

static void parse_error(rg_buf *err, str layout, str value, str lelem, str velem, const char *msg) {
    rg_buf_puts(err, "parsing time ");
    rg_time_quote(err, value.p, value.n);
    if (msg) {
        rg_buf_puts(err, msg);
        return;
    }
    rg_buf_puts(err, " as ");
    rg_time_quote(err, layout.p, layout.n);
    rg_buf_puts(err, ": cannot parse ");
    rg_time_quote(err, velem.p, velem.n);
    rg_buf_puts(err, " as ");
    rg_time_quote(err, lelem.p, lelem.n);
}

/* Resolves a day of the year into month and day; NULL or an error text. */
static const char *apply_yday(pstate *st) {
    int yd = st->yday, m = 0, d = 0;
    if (rg_is_leap(st->year)) {
        if (yd == 31 + 29) m = 2, d = 29;
        else if (yd > 31 + 29) yd--;
    }
    if (yd < 1 || yd > 365) return ": day-of-year out of range";
    if (m == 0) {
        static const int before[13] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365};
        m = (yd - 1) / 31 + 1;
        if (before[m] < yd) m++;
        d = yd - before[m - 1];
    }
    if (st->month >= 0 && st->month != m) return ": day-of-year does not match month";
    if (st->day >= 0 && st->day != d) return ": day-of-year does not match day";
    st->month = m;
    st->day = d;
    return NULL;
}

/* Turns the collected fields into an instant (the tail of Go's parse). */
static const char *finish_parse(pstate *st, rg_time *out) {
    if (st->pm && st->hour < 12) st->hour += 12;
    else if (st->am && st->hour == 12) st->hour = 0;
    if (st->yday >= 0) {
        const char *e = apply_yday(st);
        if (e) return e;
    } else {
        if (st->month < 0) st->month = 1;
        if (st->day < 0) st->day = 1;
    }
    if (st->day < 1 || st->day > rg_days_in_month(st->month, st->year)) return ": day out of range";
    const rg_tz *utc = rg_tz_utc();
    rg_time_date(st->year, st->month, st->day, st->hour, st->min, st->sec, st->nsec, utc, out);
    if (st->utc) return NULL;
    if (st->zone_offset != -1) {
        out->sec -= st->zone_offset;
        return NULL;
    }
    int off;
    /* a zone abbreviation counts only if the local zone uses it; otherwise
     * Go keeps the wall time as UTC */
    if (st->zone_name.n && rg_tz_lookup_name(rg_tz_local(), st->zone_name.p, st->zone_name.n, out->sec, &off))
        out->sec -= off;
    return NULL;
}

bool rg_time_parse(const char *layout, size_t llen, const char *value, size_t vlen, rg_time *out, rg_buf *err) {
    str lay = {layout, llen}, val = {value, vlen};
    const str alayout = lay, avalue = val;
    pstate st = {.month = -1, .day = -1, .yday = -1, .zone_offset = -1};
    for (;;) {
        chunk k = next_chunk(lay.p, lay.n);
        str prefix = {lay.p, k.prefix_len}, stdstr = {lay.p + k.prefix_len, k.std_len};
        if (!skip_prefix(&val, prefix)) {
            parse_error(err, alayout, avalue, prefix, val, NULL);
            return false;
        }
        if (k.std == STD_NONE) {
            if (val.n == 0) break;
            rg_buf tail = RG_BUF_INIT;
            rg_buf_puts(&tail, ": extra text: ");
            rg_time_quote(&tail, val.p, val.n);
            parse_error(err, alayout, avalue, stdstr, val, rg_buf_cstr(&tail));
            rg_buf_fini(&tail);
            return false;
        }
        advance(&lay, k.prefix_len + k.std_len);
        str hold = val;
        bool ok = parse_std(&st, &val, &k, lay);
        if (st.range_err) {
            rg_buf msg = RG_BUF_INIT;
            rg_buf_printf(&msg, ": %s out of range", st.range_err);
            parse_error(err, alayout, avalue, stdstr, val, rg_buf_cstr(&msg));
            rg_buf_fini(&msg);
            return false;
        }
        if (!ok) {
            parse_error(err, alayout, avalue, stdstr, hold, NULL);
            return false;
        }
    }
    const char *e = finish_parse(&st, out);
    if (e) parse_error(err, alayout, avalue, (str){"", 0}, val, e);
    return e == NULL;
}

/* ---------------------------------------------------------------------- */
/* Durations */

static uint64_t go_unit(str u) {
    static const struct { const char *name; uint64_t ns; } units[] = {
        {"ns", 1}, {"us", 1000}, {"\xc2\xb5s", 1000}, {"\xce\xbcs", 1000}, {"ms", 1000000},
        {"s", 1000000000ULL}, {"m", 60000000000ULL}, {"h", 3600000000000ULL},
    };
    for (size_t i = 0; i < sizeof units / sizeof *units; i++)
        if (strlen(units[i].name) == u.n && memcmp(units[i].name, u.p, u.n) == 0) return units[i].ns;
    return 0;
}

/* Go's leadingFraction: digits after the point, scale = 10^count. */
static void leading_fraction(str *s, uint64_t *x, double *scale) {
    bool overflow = false;
    *x = 0;
    *scale = 1;
    size_t i = 0;
    for (; i < s->n && s->p[i] >= '0' && s->p[i] <= '9'; i++) {
        if (overflow) continue;
        if (*x > (UINT64_C(1) << 63) / 10) {
            overflow = true;
            continue;
        }
        uint64_t y = *x * 10 + (uint64_t)(s->p[i] - '0');
        if (y > UINT64_C(1) << 63) {
            overflow = true;
            continue;
        }
        *x = y;
        *scale *= 10;
    }
    advance(s, i);
}

/* Adds v (integer part) + f/scale (fraction) units to *d; false on overflow. */
static bool add_units(uint64_t *d, uint64_t v, uint64_t f, double scale, uint64_t unit) {
    if (v > (UINT64_C(1) << 63) / unit) return false;
    v *= unit;
    if (f > 0) {
        v += (uint64_t)((double)f * ((double)unit / scale));
        if (v > UINT64_C(1) << 63) return false;
    }
    *d += v;
    return *d <= UINT64_C(1) << 63;
}

static void duration_error(rg_buf *err, const char *what, str orig) {
    rg_buf_puts(err, "time: ");
    rg_buf_puts(err, what);
    rg_buf_puts(err, " duration ");
    rg_time_quote(err, orig.p, orig.n);
}

static bool finish_duration(uint64_t d, bool neg, str orig, int64_t *out, rg_buf *err) {
    if (!neg && d > (uint64_t)INT64_MAX) {
        duration_error(err, "invalid", orig);
        return false;
    }
    *out = neg ? (int64_t)(0 - d) : (int64_t)d;
    return true;
}

/* Go's time.ParseDuration. */
static bool go_duration(str s, int64_t *out, rg_buf *err) {
    const str orig = s;
    bool neg = false;
    if (s.n && (s.p[0] == '-' || s.p[0] == '+')) {
        neg = s.p[0] == '-';
        advance(&s, 1);
    }
    if (s.n == 1 && s.p[0] == '0') return (*out = 0), true;
    if (s.n == 0) return duration_error(err, "invalid", orig), false;
    uint64_t d = 0;
    while (s.n) {
        if (s.p[0] != '.' && !(s.p[0] >= '0' && s.p[0] <= '9')) return duration_error(err, "invalid", orig), false;
        size_t before = s.n;
        uint64_t v = 0, f = 0;
        double scale = 1;
        if (!leading_int(&s, &v)) return duration_error(err, "invalid", orig), false;
        bool pre = s.n != before, post = false;
        if (s.n && s.p[0] == '.') {
            advance(&s, 1);
            size_t pl = s.n;
            leading_fraction(&s, &f, &scale);
            post = s.n != pl;
        }
        if (!pre && !post) return duration_error(err, "invalid", orig), false;
        size_t i = 0;
        while (i < s.n && s.p[i] != '.' && !(s.p[i] >= '0' && s.p[i] <= '9')) i++;
        if (i == 0) return duration_error(err, "missing unit in", orig), false;
        str u = {s.p, i};
        advance(&s, i);
        uint64_t unit = go_unit(u);
        if (!unit) {
            rg_buf_puts(err, "time: unknown unit ");
            rg_time_quote(err, u.p, u.n);
            rg_buf_puts(err, " in duration ");
            rg_time_quote(err, orig.p, orig.n);
            return false;
        }
        if (!add_units(&d, v, f, scale, unit)) return duration_error(err, "invalid", orig), false;
    }
    return finish_duration(d, neg, orig, out, err);
}

/* A segment's number with its exponent folded into the digits
 * ("1.5e3" -> "1500", "1e-3" -> ".001"), so the Go arithmetic applies. */
static bool fold_exponent(str num, long exp, char *buf, size_t cap, str *out) {
    const char *dot = memchr(num.p, '.', num.n);
    size_t ilen = dot ? (size_t)(dot - num.p) : num.n, dlen = dot ? num.n - 1 : num.n;
    if (exp < -40 || exp > 40 || dlen + 45 > cap) return false;
    char digits[128];
    if (dlen > sizeof digits) return false;
    memcpy(digits, num.p, ilen);
    if (dot) memcpy(digits + ilen, dot + 1, dlen - ilen);
    long point = (long)ilen + exp;
    size_t n = 0;
    if (point <= 0) {
        buf[n++] = '.';
        for (long i = point; i < 0; i++) buf[n++] = '0';
        memcpy(buf + n, digits, dlen);
        n += dlen;
    } else if ((size_t)point >= dlen) {
        memcpy(buf, digits, dlen);
        n = dlen;
        for (size_t i = dlen; i < (size_t)point; i++) buf[n++] = '0';
    } else {
        memcpy(buf, digits, (size_t)point);
        n = (size_t)point;
        buf[n++] = '.';
        memcpy(buf + n, digits + point, dlen - (size_t)point);
        n += dlen - (size_t)point;
    }
    *out = (str){buf, n};
    return true;
}

static uint64_t ext_unit(str u) {
    static const struct { char name; uint64_t ns; } more[] = {
        {'d', 86400000000000ULL}, {'w', 604800000000000ULL}, {'y', 31536000000000000ULL},
    };
    uint64_t ns = go_unit(u);
    for (size_t i = 0; !ns && u.n == 1 && i < sizeof more / sizeof *more; i++)
        if (u.p[0] == more[i].name) ns = more[i].ns;
    return ns;
}

/* One "<number><unit>" segment of the extended grammar; 0 when the text
 * does not match it.  *num is the number with any exponent folded in. */
static int ext_segment(str *s, char *buf, size_t cap, str *num, str *unit) {
    size_t i = 0;
    while (i < s->n && ((s->p[i] >= '0' && s->p[i] <= '9') || s->p[i] == '.')) i++;
    if (i == 0) return 0;
    long exp = 0;
    size_t j = i;
    if (j < s->n && (s->p[j] == 'e' || s->p[j] == 'E')) { /* an exponent, when digits follow */
        size_t k = j + 1;
        bool eneg = k < s->n && s->p[k] == '-';
        if (k < s->n && (s->p[k] == '+' || s->p[k] == '-')) k++;
        if (is_digit_at(s->p, s->n, k)) {
            for (; is_digit_at(s->p, s->n, k); k++)
                if (exp < 1000) exp = exp * 10 + (s->p[k] - '0');
            j = k;
        }
        if (eneg) exp = -exp;
    }
    if (!fold_exponent((str){s->p, i}, exp, buf, cap, num)) return 0;
    advance(s, j);
    size_t ul = 0;
    if (at(s->p, s->n, 0, "ms") || at(s->p, s->n, 0, "us") || at(s->p, s->n, 0, "ns")) ul = 2;
    else if (at(s->p, s->n, 0, "\xc2\xb5s")) ul = 3;
    else if (lower_at(s->p, s->n, 0)) ul = 1;
    if (!ul) return 0;
    *unit = (str){s->p, ul};
    advance(s, ul);
    return 1;
}

/* OPA's extended duration grammar: [+-]? (number unit)+ where units also
 * include d (24h), w (7d) and y (365d).  Returns 1 with *out, -1 with an
 * error written, 0 when the text is not in the grammar. */
static int ext_duration(str s, int64_t *out, rg_buf *err) {
    const str orig = s;
    bool neg = false;
    if (s.n && (s.p[0] == '-' || s.p[0] == '+')) {
        neg = s.p[0] == '-';
        advance(&s, 1);
    }
    if (!s.n) return 0;
    uint64_t d = 0;
    bool overflow = false;
    str bad = {NULL, 0};
    while (s.n) {
        char buf[192];
        str num, u;
        if (!ext_segment(&s, buf, sizeof buf, &num, &u)) return 0;
        uint64_t unit = ext_unit(u), v = 0, f = 0;
        double scale = 1;
        size_t before = num.n;
        if (!leading_int(&num, &v)) overflow = true;
        bool pre = num.n != before, post = false;
        if (num.n && num.p[0] == '.') {
            advance(&num, 1);
            size_t pl = num.n;
            leading_fraction(&num, &f, &scale);
            post = num.n != pl;
        }
        if (num.n || (!pre && !post)) return 0; /* not a number, e.g. "1.2.3" */
        if (!unit && !bad.p) bad = u;
        if (unit && !overflow && !add_units(&d, v, f, scale, unit)) overflow = true;
    }
    if (bad.p) {
        rg_buf_puts(err, "time: unknown unit ");
        rg_time_quote(err, bad.p, bad.n);
        rg_buf_puts(err, " in duration ");
        rg_time_quote(err, orig.p, orig.n);
        return -1;
    }
    if (overflow) {
        duration_error(err, "invalid", orig);
        return -1;
    }
    return finish_duration(d, neg, orig, out, err) ? 1 : -1;
}

bool rg_time_parse_duration(const char *p, size_t n, int64_t *out, rg_buf *err) {
    str s = {p, n};
    if (go_duration(s, out, err)) return true;
    /* Go's grammar failed: OPA also reads days, weeks and years. */
    rg_buf e2 = RG_BUF_INIT;
    int r = ext_duration(s, out, &e2);
    if (r < 0) {
        err->len = 0;
        rg_buf_append(err, rg_buf_cstr(&e2), e2.len);
    }
    rg_buf_fini(&e2);
    return r > 0;
}
