//! Wall-clock helpers: Unix milliseconds/microseconds and ISO-8601 formatting and parsing,
//! without a date-time dependency.

use std::time::{SystemTime, UNIX_EPOCH};

/// Current time in Unix milliseconds.
pub fn now_ms() -> i64 {
    now_us() / 1000
}

/// Current time in Unix microseconds.
pub fn now_us() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_micros() as i64)
        .unwrap_or(0)
}

/// Current time in whole Unix seconds.
pub fn now_secs() -> i64 {
    now_ms() / 1000
}

fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn split_us(us: i64) -> (i64, u32, u32, u32, u32, u32, i64) {
    let secs = us.div_euclid(1_000_000);
    let frac = us.rem_euclid(1_000_000);
    let days = secs.div_euclid(86_400);
    let sod = secs.rem_euclid(86_400);
    let (y, mo, d) = civil_from_days(days);
    (
        y,
        mo,
        d,
        (sod / 3600) as u32,
        ((sod % 3600) / 60) as u32,
        (sod % 60) as u32,
        frac,
    )
}

/// `2026-11-23T18:41:59.236Z` (millisecond precision, like JavaScript's `toISOString`).
pub fn iso_ms(ms: i64) -> String {
    let (y, mo, d, h, mi, s, frac) = split_us(ms.saturating_mul(1000));
    format!(
        "{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}.{:03}Z",
        frac / 1000
    )
}

/// `2023-09-18T15:20:35.941305+00:00` (microsecond precision, like Postgres timestamps).
pub fn iso_us(us: i64) -> String {
    let (y, mo, d, h, mi, s, frac) = split_us(us);
    format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}.{frac:06}+00:00")
}

/// Parses an ISO-8601 date or date-time (`Z`, `±hh:mm` or no offset) into Unix microseconds.
pub fn parse_iso_us(s: &str) -> Option<i64> {
    let s = s.trim();
    let b = s.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let part = s.get(r)?;
        if part.is_empty() || !part.bytes().all(|c| c.is_ascii_digit()) {
            return None;
        }
        part.parse().ok()
    };
    let y = num(0..4)?;
    let mo = num(5..7)? as u32;
    let d = num(8..10)? as u32;
    if !(1..=12).contains(&mo) || !(1..=31).contains(&d) {
        return None;
    }
    let mut us = days_from_civil(y, mo, d) * 86_400_000_000;
    if b.len() == 10 {
        return Some(us);
    }
    if b[10] != b'T' && b[10] != b't' && b[10] != b' ' {
        return None;
    }
    if b.len() < 16 || b[13] != b':' {
        return None;
    }
    let h = num(11..13)?;
    let mi = num(14..16)?;
    let mut idx = 16;
    let mut sec = 0;
    if b.len() >= 19 && b[16] == b':' {
        sec = num(17..19)?;
        idx = 19;
    }
    if h > 23 || mi > 59 || sec > 60 {
        return None;
    }
    us += (h * 3600 + mi * 60 + sec) * 1_000_000;
    if idx < b.len() && b[idx] == b'.' {
        let start = idx + 1;
        let mut end = start;
        while end < b.len() && b[end].is_ascii_digit() {
            end += 1;
        }
        if end == start {
            return None;
        }
        let digits = &s[start..end.min(start + 6)];
        let mut frac: i64 = digits.parse().ok()?;
        for _ in digits.len()..6 {
            frac *= 10;
        }
        us += frac;
        idx = end;
    }
    let rest = &s[idx..];
    match rest {
        "" | "Z" | "z" => Some(us),
        _ => {
            let rb = rest.as_bytes();
            if rb.len() != 6 || (rb[0] != b'+' && rb[0] != b'-') || rb[3] != b':' {
                return None;
            }
            let oh: i64 = rest.get(1..3)?.parse().ok()?;
            let om: i64 = rest.get(4..6)?.parse().ok()?;
            let off = (oh * 3600 + om * 60) * 1_000_000;
            Some(if rb[0] == b'+' { us - off } else { us + off })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        let ms = 1_795_459_319_236; // 2026-11-23T18:41:59.236Z
        assert_eq!(iso_ms(ms), "2026-11-23T18:41:59.236Z");
        assert_eq!(parse_iso_us(&iso_ms(ms)), Some(ms * 1000));
        assert_eq!(parse_iso_us(&iso_us(ms * 1000 + 5)), Some(ms * 1000 + 5));
        assert_eq!(
            parse_iso_us("2026-11-23T20:41:59.236+02:00"),
            Some(ms * 1000)
        );
        assert_eq!(parse_iso_us("1970-01-01"), Some(0));
        assert_eq!(parse_iso_us("garbage"), None);
        assert_eq!(parse_iso_us("2026-13-01"), None);
    }
}
