//! A hybrid logical clock: the time stamp that orders events made on several
//! laptops. It is the wall time in milliseconds (as the caller read it) with a
//! counter that keeps it moving forward when the wall clock stalls or goes
//! back, and the device id breaks ties. Pure: the wall time is passed in.

use std::fmt;

/// One reading of the clock on one device.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Hlc {
    /// Milliseconds since 1970, never less than any earlier reading.
    pub millis: i64,
    /// Counts readings within the same millisecond.
    pub counter: u32,
    /// The device that made it.
    pub device: String,
}

/// Text that is not a stored clock reading.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("'{0}' is not a clock reading")]
pub struct BadHlc(pub String);

impl Hlc {
    /// The next reading on `device` after `last` (the newest this device has
    /// seen, from any device), at wall time `now_millis`.
    pub fn next(last: Option<&Hlc>, now_millis: i64, device: &str) -> Hlc {
        let (millis, counter) = match last {
            Some(last) if last.millis >= now_millis => {
                (last.millis, last.counter.saturating_add(1))
            }
            _ => (now_millis.max(0), 0),
        };
        Hlc {
            millis,
            counter,
            device: device.to_owned(),
        }
    }

    /// Reads back what `Display` wrote.
    pub fn parse(text: &str) -> Result<Hlc, BadHlc> {
        let bad = || BadHlc(text.to_owned());
        let mut parts = text.splitn(3, '-');
        let millis = parts.next().and_then(|p| p.parse().ok()).ok_or_else(bad)?;
        let counter = parts.next().and_then(|p| p.parse().ok()).ok_or_else(bad)?;
        let device = parts.next().filter(|d| !d.is_empty()).ok_or_else(bad)?;
        Ok(Hlc {
            millis,
            counter,
            device: device.to_owned(),
        })
    }
}

/// `0001764601234567-000000-<device>`: fixed-width numbers, so the text sorts
/// in the clock's order.
impl fmt::Display for Hlc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:016}-{:06}-{}", self.millis, self.counter, self.device)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readings_move_forward_when_the_wall_clock_stalls_or_goes_back() {
        let a = Hlc::next(None, 1_000, "d1");
        let b = Hlc::next(Some(&a), 1_000, "d1");
        let c = Hlc::next(Some(&b), 900, "d1");
        let d = Hlc::next(Some(&c), 2_000, "d1");
        assert!(a < b && b < c && c < d);
        assert_eq!((c.millis, c.counter), (1_000, 2));
        assert_eq!((d.millis, d.counter), (2_000, 0));
    }

    #[test]
    fn text_sorts_as_the_clock_does_and_reads_back() {
        let a = Hlc::next(None, 999, "d2");
        let b = Hlc::next(Some(&a), 1_000, "d1");
        assert!(a.to_string() < b.to_string());
        assert_eq!(Hlc::parse(&b.to_string()), Ok(b));
        assert!(Hlc::parse("nonsense").is_err());
    }
}
