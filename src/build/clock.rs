//! The clock and the UUID source of [`super::DeliveryBuilder`], injectable so that tests and
//! example corpora are deterministic, and the TS 103 280 timestamp forms computed from
//! [`std::time::SystemTime`].
//!
//! Both traits are implemented for closures: `|| SystemTime::now()` is a [`Clock`] and
//! `|| uuid::Uuid::new_v4()` a [`UuidSource`].

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use crate::error::ValueError;
use crate::schema::etsi::{QualifiedDateTime, QualifiedMicrosecondDateTime};
use crate::value::DateTime;

/// Where the time of a message comes from.
pub trait Clock {
    /// The current time.
    fn now(&self) -> SystemTime;
}

impl<F: Fn() -> SystemTime> Clock for F {
    fn now(&self) -> SystemTime {
        self()
    }
}

/// The system clock ([`SystemTime::now`]); the default.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> SystemTime {
        SystemTime::now()
    }
}

/// A clock that always says the same time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FixedClock(pub SystemTime);

impl FixedClock {
    /// The time `secs` seconds and `micros` microseconds after 1970-01-01T00:00:00Z
    /// (`micros` above 999 999 carry into the seconds).
    pub fn at_unix(secs: u64, micros: u32) -> FixedClock {
        let t = Duration::from_secs(secs)
            .checked_add(Duration::from_micros(u64::from(micros)))
            .and_then(|d| UNIX_EPOCH.checked_add(d))
            .unwrap_or(UNIX_EPOCH);
        FixedClock(t)
    }
}

impl Clock for FixedClock {
    fn now(&self) -> SystemTime {
        self.0
    }
}

/// Where the UUIDs of a message come from (TransactionIdentifier, ObjectIdentifier,
/// DeliveryID). Values should be version 4 UUIDs; they are written in lower case.
pub trait UuidSource {
    /// The next UUID.
    fn next_uuid(&mut self) -> uuid::Uuid;
}

impl<F: FnMut() -> uuid::Uuid> UuidSource for F {
    fn next_uuid(&mut self) -> uuid::Uuid {
        self()
    }
}

/// Random version 4 UUIDs ([`uuid::Uuid::new_v4`]); the default.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RandomUuids;

impl UuidSource for RandomUuids {
    fn next_uuid(&mut self) -> uuid::Uuid {
        uuid::Uuid::new_v4()
    }
}

/// Deterministic version 4 UUIDs from a seed (SplitMix64): the same seed gives the same
/// sequence. For tests and example corpora only: these UUIDs are predictable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeededUuids(SplitMix64);

impl SeededUuids {
    /// A sequence starting from `seed`.
    pub fn new(seed: u64) -> SeededUuids {
        SeededUuids(SplitMix64::new(seed))
    }
}

impl UuidSource for SeededUuids {
    fn next_uuid(&mut self) -> uuid::Uuid {
        let mut bytes = [0u8; 16];
        bytes[..8].copy_from_slice(&self.0.next_u64().to_le_bytes());
        bytes[8..].copy_from_slice(&self.0.next_u64().to_le_bytes());
        uuid::Builder::from_random_bytes(bytes).into_uuid()
    }
}

/// SplitMix64, a small deterministic generator (not for secrets).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SplitMix64(u64);

impl SplitMix64 {
    pub(crate) fn new(seed: u64) -> SplitMix64 {
        SplitMix64(seed)
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`0` when `n` is 0).
    pub(crate) fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            0
        } else {
            self.next_u64() % n
        }
    }
}

/// Civil date and time in UTC: (year, month, day, hour, minute, second, microsecond).
fn civil(t: SystemTime) -> (i64, u32, u32, u32, u32, u32, u32) {
    // Seconds and microseconds since the epoch, the microseconds always non-negative.
    let (secs, micros): (i128, u32) = match t.duration_since(UNIX_EPOCH) {
        Ok(d) => (i128::from(d.as_secs()), d.subsec_micros()),
        Err(e) => {
            let d = e.duration();
            let (s, us) = (i128::from(d.as_secs()), d.subsec_micros());
            if us == 0 {
                (-s, 0)
            } else {
                (-s - 1, 1_000_000 - us)
            }
        }
    };
    let days = secs.div_euclid(86_400);
    let sod = secs.rem_euclid(86_400) as u32;
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i128::from(month <= 2);
    let year = i64::try_from(year).unwrap_or(i64::MAX);
    (
        year,
        month,
        day,
        sod / 3600,
        sod % 3600 / 60,
        sod % 60,
        micros,
    )
}

/// `t` as a TS 103 280 QualifiedMicrosecondDateTime in UTC, `YYYY-MM-DDThh:mm:ss.ffffffZ`
/// (the form of the TS 103 120 message Timestamp, Table 1). Fails for years outside
/// 1 to 9999.
pub fn microsecond_timestamp(t: SystemTime) -> Result<QualifiedMicrosecondDateTime, ValueError> {
    let (y, mo, d, h, mi, s, us) = civil(t);
    let text = format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}.{us:06}Z");
    QualifiedMicrosecondDateTime::new(DateTime::new(&text)?)
}

/// `t` as a TS 103 280 QualifiedDateTime in UTC to the whole second,
/// `YYYY-MM-DDThh:mm:ssZ` (the form of item timestamps and binary object expiry, Tables 6
/// and 8). Fails for years outside 1 to 9999.
pub fn qualified_date_time(t: SystemTime) -> Result<QualifiedDateTime, ValueError> {
    let (y, mo, d, h, mi, s, _) = civil(t);
    let text = format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z");
    QualifiedDateTime::new(DateTime::new(&text)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_utc_microseconds() {
        let t = FixedClock::at_unix(1_710_408_413, 589_793).now();
        let ts = microsecond_timestamp(t).expect("in range");
        assert_eq!(ts.to_string(), "2024-03-14T09:26:53.589793Z");
        assert_eq!(
            qualified_date_time(t).expect("in range").to_string(),
            "2024-03-14T09:26:53Z"
        );
        assert_eq!(
            microsecond_timestamp(UNIX_EPOCH)
                .expect("epoch")
                .to_string(),
            "1970-01-01T00:00:00.000000Z"
        );
        // Leap day and end of year.
        let leap = UNIX_EPOCH + Duration::from_secs(951_782_400); // 2000-02-29
        assert_eq!(
            qualified_date_time(leap).expect("ok").to_string(),
            "2000-02-29T00:00:00Z"
        );
        let eoy = UNIX_EPOCH + Duration::from_secs(1_704_067_199); // 2023-12-31T23:59:59Z
        assert_eq!(
            qualified_date_time(eoy).expect("ok").to_string(),
            "2023-12-31T23:59:59Z"
        );
    }

    #[test]
    fn before_the_epoch_and_out_of_range() {
        let t = UNIX_EPOCH - Duration::from_micros(1);
        assert_eq!(
            microsecond_timestamp(t).expect("ok").to_string(),
            "1969-12-31T23:59:59.999999Z"
        );
        let far = UNIX_EPOCH + Duration::from_secs(400 * 366 * 86_400 * 25);
        assert!(microsecond_timestamp(far).is_err());
        if let Some(ancient) = UNIX_EPOCH.checked_sub(Duration::from_secs(3_000 * 366 * 86_400)) {
            assert!(qualified_date_time(ancient).is_err());
        }
    }

    #[test]
    fn seeded_uuids_are_v4_and_repeatable() {
        let mut a = SeededUuids::new(7);
        let mut b = SeededUuids::new(7);
        let (x, y) = (a.next_uuid(), b.next_uuid());
        assert_eq!(x, y);
        assert_eq!(x.get_version_num(), 4);
        assert_ne!(a.next_uuid(), x);
        let mut n = 0u128;
        let mut closure = move || {
            n += 1;
            uuid::Uuid::from_u128(n)
        };
        assert_eq!(closure.next_uuid(), uuid::Uuid::from_u128(1));
        assert_eq!(RandomUuids.next_uuid().get_version_num(), 4);
        let fixed = || UNIX_EPOCH;
        assert_eq!(fixed.now(), UNIX_EPOCH);
    }
}
