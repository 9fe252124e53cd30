//! Publication dates to ISO 8601.
//!
//! Front matter, JSON Lines and HTML meta tags give dates in many styles:
//! `2024-03-07`, `2024-03-07T09:00:00Z`, `2024-03-07 09:00`, `March 7, 2024`,
//! `7 Mar 2024`, `Thu, 07 Mar 2024 09:00:00 GMT` (RFC 2822), `2024/03/07`,
//! `20240307`, `March 2024`, `2024`. [`normalise_date`] turns each into ISO 8601
//! (`2024-03-07`, `2024-03-07T09:00:00Z`, `2024-03-07T09:00:00+01:00`,
//! `2024-03-07T09:00:00` without an offset, `2024-03`, `2024`), checking that
//! the date exists (no 31 April, weekday consistent). Day-month orders that
//! cannot be told apart (`07/03/2024`) are not guessed. Parsing is done by the
//! `jiff` crate.

use jiff::fmt::strtime;

/// Formats with a time and an offset (`%:z` also reads `Z`-less offsets like `+01:00`).
const WITH_OFFSET: &[&str] = &[
    "%Y-%m-%dT%H:%M:%S%.f%:z",
    "%Y-%m-%dT%H:%M:%S%.f%z",
    "%Y-%m-%dT%H:%M%:z",
    "%Y-%m-%d %H:%M:%S%.f%:z",
    "%Y-%m-%d %H:%M:%S%.f %:z",
    "%Y-%m-%d %H:%M%:z",
    "%Y-%m-%d %H:%M %:z",
];
/// Formats with a time and no offset.
const NO_OFFSET: &[&str] = &[
    "%Y-%m-%dT%H:%M:%S%.f",
    "%Y-%m-%d %H:%M:%S%.f",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M",
    "%B %d, %Y %H:%M",
    "%B %d, %Y, %H:%M",
    "%d %B %Y %H:%M",
];
/// Formats with a date only.
const DATE_ONLY: &[&str] = &[
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%Y.%m.%d",
    "%Y%m%d",
    "%B %d, %Y",
    "%B %d %Y",
    "%b %d, %Y",
    "%b. %d, %Y",
    "%b %d %Y",
    "%d %B %Y",
    "%d %B, %Y",
    "%d %b %Y",
    "%d %b. %Y",
    "%d-%b-%Y",
    "%A, %B %d, %Y",
    "%A %B %d, %Y",
    "%a, %B %d, %Y",
    "%a, %b %d, %Y",
    "%A, %d %B %Y",
    "%A %d %B %Y",
    "%a, %d %b %Y",
    "%a %d %b %Y",
];
/// Formats with a year and month.
const YEAR_MONTH: &[&str] = &["%Y-%m", "%B %Y", "%b %Y", "%Y/%m"];

fn iso_offset(seconds: i32) -> String {
    if seconds == 0 {
        return "Z".into();
    }
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.unsigned_abs();
    format!("{sign}{:02}:{:02}", s / 3600, (s % 3600) / 60)
}

fn year_ok(y: i16) -> bool {
    (1000..=9999).contains(&y)
}

/// Drops ordinal suffixes ("7th" -> "7"), a trailing "UTC" / "GMT" (as `Z`) and
/// repeated spaces.
fn tidy(s: &str) -> String {
    static ORDINAL: once_cell::sync::Lazy<regex::Regex> = once_cell::sync::Lazy::new(|| {
        regex::Regex::new(r"(?i)\b(\d{1,2})(st|nd|rd|th)\b").expect("regex")
    });
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let s = ORDINAL.replace_all(&s, "$1").into_owned();
    for zone in [" UTC", " GMT", "UTC", "GMT"] {
        if let Some(rest) = s.strip_suffix(zone) {
            if rest.contains(':') {
                return format!("{}+00:00", rest.trim_end());
            }
        }
    }
    match s.strip_suffix('Z').or_else(|| s.strip_suffix('z')) {
        Some(rest) if rest.contains(':') => format!("{rest}+00:00"),
        _ => s,
    }
}

/// The ISO 8601 form of a publication date, or `None` when `s` is not a date
/// in one of the accepted styles (see the module documentation).
pub fn normalise_date(s: &str) -> Option<String> {
    let plain = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if plain.is_empty() || plain.len() > 64 {
        return None;
    }
    if let Ok(ts) = jiff::fmt::rfc2822::DateTimeParser::new().parse_zoned_datetime(&plain) {
        let dt = ts.datetime();
        if year_ok(dt.year()) {
            return Some(format!(
                "{}{}",
                dt.strftime("%Y-%m-%dT%H:%M:%S"),
                iso_offset(ts.offset().seconds())
            ));
        }
    }
    let t = tidy(&plain);
    for f in WITH_OFFSET {
        if let Ok(b) = strtime::parse(f, &t) {
            let (Ok(dt), Some(off)) = (b.to_datetime(), b.offset()) else {
                continue;
            };
            if !year_ok(dt.year()) {
                continue;
            }
            let frac = dt.subsec_nanosecond();
            let base = dt.strftime("%Y-%m-%dT%H:%M:%S").to_string();
            let frac = if frac > 0 {
                format!(".{:09}", frac).trim_end_matches('0').to_string()
            } else {
                String::new()
            };
            return Some(format!("{base}{frac}{}", iso_offset(off.seconds())));
        }
    }
    for f in NO_OFFSET {
        if let Ok(b) = strtime::parse(f, &t) {
            match b.to_datetime() {
                Ok(dt) if year_ok(dt.year()) => {
                    return Some(dt.strftime("%Y-%m-%dT%H:%M:%S").to_string())
                }
                _ => continue,
            }
        }
    }
    for f in DATE_ONLY {
        if let Ok(b) = strtime::parse(f, &t) {
            match b.to_date() {
                Ok(d) if year_ok(d.year()) => return Some(d.strftime("%Y-%m-%d").to_string()),
                _ => continue,
            }
        }
    }
    for f in YEAR_MONTH {
        if let Ok(b) = strtime::parse(f, &t) {
            match (b.year(), b.month()) {
                (Some(y), Some(m)) if year_ok(y) && (1..=12).contains(&m) => {
                    return Some(format!("{y:04}-{m:02}"))
                }
                _ => continue,
            }
        }
    }
    if t.len() == 4 && t.bytes().all(|b| b.is_ascii_digit()) {
        let y: i16 = t.parse().ok()?;
        return year_ok(y).then(|| t.clone());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::normalise_date as n;

    #[test]
    fn common_styles_become_iso_8601() {
        let cases = [
            ("2024-03-07", "2024-03-07"),
            ("2024-03-07T09:00:00Z", "2024-03-07T09:00:00Z"),
            ("2024-03-07T09:00:00.250Z", "2024-03-07T09:00:00.25Z"),
            ("2024-03-07T09:00:00+01:00", "2024-03-07T09:00:00+01:00"),
            ("2024-03-07T09:00:00-0500", "2024-03-07T09:00:00-05:00"),
            ("2024-03-07 09:00", "2024-03-07T09:00:00"),
            ("2024-03-07 09:00:00 UTC", "2024-03-07T09:00:00Z"),
            ("March 7, 2024", "2024-03-07"),
            ("march 7th, 2024", "2024-03-07"),
            ("7 March 2024", "2024-03-07"),
            ("7 Mar 2024", "2024-03-07"),
            ("Mar. 7, 2024", "2024-03-07"),
            ("Thursday, March 7, 2024", "2024-03-07"),
            ("Thu, 07 Mar 2024 09:00:00 GMT", "2024-03-07T09:00:00Z"),
            (
                "Thu, 07 Mar 2024 09:00:00 +0100",
                "2024-03-07T09:00:00+01:00",
            ),
            ("2024/03/07", "2024-03-07"),
            ("20240307", "2024-03-07"),
            ("March 2024", "2024-03"),
            ("2024-03", "2024-03"),
            ("2024", "2024"),
        ];
        for (input, want) in cases {
            assert_eq!(n(input).as_deref(), Some(want), "{input}");
        }
    }

    #[test]
    fn impossible_and_ambiguous_dates_are_refused() {
        for bad in [
            "2024-13-01",
            "2024-04-31",
            "2023-02-29",
            "07/03/2024",
            "next Tuesday",
            "Friday, March 7, 2024",
            "",
            "12345",
            "99999-01-01",
        ] {
            assert_eq!(n(bad), None, "{bad}");
        }
        assert_eq!(n("2024-02-29").as_deref(), Some("2024-02-29"));
    }
}
