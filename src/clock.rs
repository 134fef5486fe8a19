//! Time as verdicts and progress use it: nanoseconds since the Unix epoch in an `i64` (good until
//! 2262). One unit everywhere, so a step can begin at the very instant its predecessor's evidence
//! happened; conversions to the daemon's and the user's formats live here and nowhere else.

use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

/// Nanoseconds in a second.
pub const SECOND: i64 = 1_000_000_000;

/// Now, in nanoseconds since the epoch.
pub fn now() -> i64 {
    nanos(OffsetDateTime::now_utc())
}

/// A time as nanoseconds since the epoch (saturating outside the `i64` range).
pub fn nanos(t: OffsetDateTime) -> i64 {
    i64::try_from(t.unix_timestamp_nanos()).unwrap_or(if t.unix_timestamp() < 0 {
        i64::MIN
    } else {
        i64::MAX
    })
}

/// Whole seconds since the epoch to nanoseconds.
pub fn from_secs(secs: i64) -> i64 {
    secs.saturating_mul(SECOND)
}

/// The whole second a time falls in (rounded down).
pub fn secs(ns: i64) -> i64 {
    ns.div_euclid(SECOND)
}

/// An RFC 3339 time (as the Engine API writes `Created`, `StartedAt`, log timestamps), or None.
/// The zero time the API uses for "never" (`0001-01-01T00:00:00Z`) is None too.
pub fn parse_rfc3339(s: &str) -> Option<i64> {
    let t = OffsetDateTime::parse(s.trim(), &Rfc3339).ok()?;
    (t.year() > 1970).then(|| nanos(t))
}

/// A time as the Engine's `since`/`until` parameters take it: `seconds.nanoseconds`.
pub fn docker_param(ns: i64) -> String {
    format!("{}.{:09}", secs(ns), ns.rem_euclid(SECOND))
}

/// A time for people and reports: RFC 3339 in UTC with nanoseconds.
pub fn rfc3339(ns: i64) -> String {
    OffsetDateTime::from_unix_timestamp_nanos(i128::from(ns))
        .ok()
        .and_then(|t| t.format(&Rfc3339).ok())
        .unwrap_or_else(|| ns.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conversions_round_trip_and_keep_the_nanoseconds() {
        let t = parse_rfc3339("2026-12-06T21:24:26.123456789Z").expect("parse");
        assert_eq!(t.rem_euclid(SECOND), 123_456_789);
        assert_eq!(rfc3339(t), "2026-12-06T21:24:26.123456789Z");
        assert_eq!(docker_param(t), format!("{}.123456789", secs(t)));
        assert_eq!(docker_param(from_secs(5)), "5.000000000");
        assert_eq!(
            parse_rfc3339("0001-01-01T00:00:00Z"),
            None,
            "the API's never"
        );
        assert_eq!(parse_rfc3339("garbage"), None);
        assert!(now() > from_secs(1_700_000_000));
    }
}
