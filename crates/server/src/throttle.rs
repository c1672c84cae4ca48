//! Login attempts, counted before the password is checked.
//!
//! Each attempt first takes its place in four counters, each in one atomic statement
//! (an upsert that increments and returns, or refuses when the counter says wait): so
//! thirty wrong passwords sent at once are counted thirty times before any is checked,
//! and only those the counters allow are checked at all. A successful login gives its
//! places back; a failed one keeps them.
//!
//! - the account from one address: 3 free failures, then 1, 2, 4… up to 60 s between
//!   tries. It is what locks out someone guessing one account; it does not lock out the
//!   account's owner, who comes from another address;
//! - the address: 10 free failures, then 1, 2, 4… up to 60 s: one password tried on many
//!   accounts (spraying) is slowed as much;
//! - the account from anywhere: 20 free failures, then 1, 2, 4, then 5 s at most between
//!   tries: guessing from many addresses is slowed, and the owner of an account under
//!   such an attack still gets in after a few seconds;
//! - every login together: at most `login.failed_per_minute` failures a minute (600 by
//!   default), which bounds what a botnet gets.
//!
//! An address is an IPv4 address, or an IPv6 network of 64 bits (what one subscriber
//! gets): changing address within one's own /64 gains nothing.
//!
//! A login from a device the account's owner already logged in from ([`crate::device`]:
//! the device cookie, signed for that username) is counted only on that device's own
//! counter (5 free failures, then 1, 2, 4… up to 60 s): neither an attack on the account
//! from many addresses nor the cap on everyone keeps the owner out. Its password is still
//! checked in the bounded pool ([`crate::passwords`]).
//!
//! A counter forgets after 15 minutes without a failure; the rows are purged then
//! ([`crate::housekeeping`]). Every time is the server's clock ([`crate::state::Clock`]).

use std::net::IpAddr;

use chrono::{DateTime, Utc};
use sqlx::Row;

use crate::db::to_ms;
use crate::error::Error;
use crate::state::AppState;

/// After this long without a failure, a counter starts again from zero.
pub const FORGET_AFTER_MS: i64 = 15 * 60 * 1000;

/// How a counter slows down: `free` failures, then waits doubling from 1 s up to
/// `max_wait_secs` between tries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Backoff {
    /// Failures allowed before any wait.
    pub free: i64,
    /// The longest wait, in seconds.
    pub max_wait_secs: i64,
}

/// The account from one address.
pub const ACCOUNT_FROM_ADDRESS: Backoff = Backoff { free: 3, max_wait_secs: 60 };
/// The address, whatever the account.
pub const ADDRESS: Backoff = Backoff { free: 10, max_wait_secs: 60 };
/// The account, whatever the address.
pub const ACCOUNT: Backoff = Backoff { free: 20, max_wait_secs: 5 };
/// The account from a device its owner logged in from before.
pub const DEVICE: Backoff = Backoff { free: 5, max_wait_secs: 60 };

impl Backoff {
    /// Milliseconds to wait after `failures` failures before the next try.
    pub fn wait_ms(self, failures: i64) -> i64 {
        if failures < self.free {
            0
        } else {
            (1i64 << (failures - self.free).min(20)).min(self.max_wait_secs) * 1000
        }
    }

    /// [`Backoff::wait_ms`] as an SQL expression of a column, so that the database decides
    /// in the same statement that counts.
    fn wait_sql(self, column: &str) -> String {
        let mut sql = format!("CASE WHEN {column} < {} THEN 0", self.free);
        let mut failures = self.free;
        while self.wait_ms(failures) < self.max_wait_secs * 1000 {
            sql.push_str(&format!(" WHEN {column} = {failures} THEN {}", self.wait_ms(failures)));
            failures += 1;
        }
        sql.push_str(&format!(" ELSE {} END", self.max_wait_secs * 1000));
        sql
    }
}

/// One counter's row.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Key {
    key: String,
    /// The account the counter is about, so that a new password clears it.
    username: Option<String>,
}

impl Key {
    fn account_from_address(username: &str, ip: IpAddr) -> Key {
        // An address has no space: the key cannot be read two ways.
        Key { key: format!("p:{} {username}", address_group(ip)), username: Some(username.to_string()) }
    }

    fn address(ip: IpAddr) -> Key {
        Key { key: format!("i:{}", address_group(ip)), username: None }
    }

    fn device(username: &str, device: &str) -> Key {
        // A device's name is hex: the key cannot be read two ways.
        Key { key: format!("d:{device} {username}"), username: Some(username.to_string()) }
    }

    fn account(username: &str) -> Key {
        Key { key: format!("a:{username}"), username: Some(username.to_string()) }
    }

    fn minute(now: DateTime<Utc>) -> Key {
        Key { key: format!("g:{}", to_ms(now).div_euclid(60_000)), username: None }
    }
}

/// What an address is counted as: an IPv4 address as it is, an IPv6 address as its /64
/// network (an IPv4 address mapped into IPv6 as the IPv4 address).
pub fn address_group(ip: IpAddr) -> String {
    match ip {
        IpAddr::V4(v4) => v4.to_string(),
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => v4.to_string(),
            None => {
                let s = v6.segments();
                format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
            }
        },
    }
}

/// The places an attempt took, to give back if it succeeds.
#[derive(Debug, Default)]
#[must_use = "an attempt's places are given back or kept explicitly"]
pub struct Attempt {
    taken: Vec<Key>,
    /// The counter a success starts again from zero (the account from this address, or
    /// this device).
    reset: Option<Key>,
}

/// Counts one attempt by `ip` (and for `username`, when it is a name that may exist)
/// before its password is checked. With `device`, the name of a device the owner of
/// `username` logged in from (its cookie checked by [`crate::device`]), the attempt is
/// counted on that device's counter only.
///
/// # Errors
/// [`Error::TooManyRequests`] when a counter says wait, with the seconds to wait; the
/// attempt then holds no place. [`Error::Database`].
pub async fn attempt(
    state: &AppState,
    ip: IpAddr,
    username: Option<&str>,
    device: Option<&str>,
) -> Result<Attempt, Error> {
    let now = state.clock.now();
    let mut attempt = Attempt::default();
    if let (Some(username), Some(device)) = (username, device) {
        let key = Key::device(username, device);
        count(state, &key, DEVICE, now).await?;
        attempt.reset = Some(key);
        return Ok(attempt);
    }
    let minute = Key::minute(now);
    if !count_in_minute(state, &minute, now).await? {
        let retry_after = 60 - to_ms(now).rem_euclid(60_000) / 1000;
        return Err(Error::TooManyRequests { retry_after: retry_after.max(1) as u64 });
    }
    attempt.taken.push(minute);
    let mut counters = vec![(Key::address(ip), ADDRESS)];
    if let Some(username) = username {
        counters.push((Key::account(username), ACCOUNT));
        counters.push((Key::account_from_address(username, ip), ACCOUNT_FROM_ADDRESS));
    }
    for (key, backoff) in counters {
        if let Err(e) = count(state, &key, backoff, now).await {
            give_back(state, &attempt.taken).await;
            return Err(e);
        }
        if backoff == ACCOUNT_FROM_ADDRESS {
            attempt.reset = Some(key);
        } else {
            attempt.taken.push(key);
        }
    }
    Ok(attempt)
}

impl Attempt {
    /// The password was right: the account from this address (or this device) starts
    /// again from zero, and the other counters get their place back.
    pub async fn succeeded(self, state: &AppState) {
        give_back(state, &self.taken).await;
        if let Some(key) = self.reset {
            if let Err(e) =
                sqlx::query("DELETE FROM login_throttle WHERE key = $1").bind(&key.key).execute(state.db.pool()).await
            {
                tracing::error!("login counter: {e}");
            }
        }
    }

    /// The password was never checked (the server was busy): every place is given back.
    pub async fn not_checked(self, state: &AppState) {
        give_back(state, &self.taken).await;
        if let Some(key) = &self.reset {
            give_back(state, std::slice::from_ref(key)).await;
        }
    }

    /// The password was wrong: the places stay taken.
    pub fn failed(self) {}
}

/// Takes a place in a backoff counter, or says how long to wait.
async fn count(state: &AppState, key: &Key, backoff: Backoff, now: DateTime<Utc>) -> Result<(), Error> {
    let sql = format!(
        "INSERT INTO login_throttle (key, username, failures, last_at) VALUES ($1, $2, 1, $3)
         ON CONFLICT (key) DO UPDATE SET
           failures = CASE WHEN login_throttle.last_at < $3 - {FORGET_AFTER_MS} THEN 1 ELSE login_throttle.failures + 1 END,
           last_at = $3
         WHERE login_throttle.last_at < $3 - {FORGET_AFTER_MS} OR $3 - login_throttle.last_at >= {}
         RETURNING failures",
        backoff.wait_sql("login_throttle.failures")
    );
    let now_ms = to_ms(now);
    let counted =
        sqlx::query(&sql).bind(&key.key).bind(&key.username).bind(now_ms).fetch_optional(state.db.pool()).await?;
    if counted.is_some() {
        return Ok(());
    }
    // Refused: how long until the counter allows a try (a read only for the message).
    let row = sqlx::query("SELECT failures, last_at FROM login_throttle WHERE key = $1")
        .bind(&key.key)
        .fetch_optional(state.db.pool())
        .await?;
    let wait = match row {
        Some(row) => {
            let failures: i64 = row.try_get("failures")?;
            let last_at: i64 = row.try_get("last_at")?;
            backoff.wait_ms(failures) - (now_ms - last_at)
        }
        None => 1000,
    };
    Err(Error::TooManyRequests { retry_after: (wait.max(1) as u64).div_ceil(1000) })
}

/// Takes a place among this minute's failures; `false` when the minute is full.
async fn count_in_minute(state: &AppState, key: &Key, now: DateTime<Utc>) -> Result<bool, Error> {
    let counted = sqlx::query(
        "INSERT INTO login_throttle (key, username, failures, last_at) VALUES ($1, NULL, 1, $2)
         ON CONFLICT (key) DO UPDATE SET failures = login_throttle.failures + 1, last_at = $2
         WHERE login_throttle.failures < $3
         RETURNING failures",
    )
    .bind(&key.key)
    .bind(to_ms(now))
    .bind(state.config.login.failed_per_minute)
    .fetch_optional(state.db.pool())
    .await?;
    Ok(counted.is_some())
}

/// Gives places back. A failure here only leaves a counter one higher until it is
/// forgotten: it is logged, not reported to the client.
async fn give_back(state: &AppState, keys: &[Key]) {
    for key in keys {
        let result = sqlx::query("UPDATE login_throttle SET failures = failures - 1 WHERE key = $1 AND failures > 0")
            .bind(&key.key)
            .execute(state.db.pool())
            .await;
        if let Err(e) = result {
            tracing::error!("login counter: {e}");
        }
    }
}

/// Forgets the counters of an account (its password was just set by an administrator).
///
/// # Errors
/// [`Error::Database`].
pub async fn forget_account(conn: &mut sqlx::AnyConnection, username: &str) -> Result<(), Error> {
    sqlx::query("DELETE FROM login_throttle WHERE username = $1").bind(username).execute(&mut *conn).await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failed_logins_slow_down() {
        let waits =
            |b: Backoff, range: std::ops::RangeInclusive<i64>| range.map(|f| b.wait_ms(f) / 1000).collect::<Vec<_>>();
        assert_eq!(waits(ACCOUNT_FROM_ADDRESS, 0..=2), [0, 0, 0]);
        assert_eq!(waits(ACCOUNT_FROM_ADDRESS, 3..=10), [1, 2, 4, 8, 16, 32, 60, 60]);
        assert_eq!(waits(ADDRESS, 9..=12), [0, 1, 2, 4]);
        assert_eq!(waits(ACCOUNT, 19..=24), [0, 1, 2, 4, 5, 5]);
        assert_eq!(ACCOUNT_FROM_ADDRESS.wait_ms(i64::MAX), 60_000);
        assert_eq!(waits(DEVICE, 4..=12), [0, 1, 2, 4, 8, 16, 32, 60, 60]);
    }

    #[test]
    fn an_ipv6_address_counts_as_its_network() {
        let group = |s: &str| address_group(s.parse().unwrap());
        assert_eq!(group("192.0.2.7"), "192.0.2.7");
        assert_eq!(group("2001:db8:1:2:aaaa::1"), "2001:db8:1:2::/64");
        assert_eq!(group("2001:db8:1:2:ffff:ffff:ffff:ffff"), "2001:db8:1:2::/64");
        assert_ne!(group("2001:db8:1:3::1"), group("2001:db8:1:2::1"));
        assert_eq!(group("::ffff:192.0.2.7"), "192.0.2.7");
        assert_eq!(Key::address("2001:db8::1".parse().unwrap()), Key::address("2001:db8::2".parse().unwrap()));
    }

    #[test]
    fn the_database_waits_as_long() {
        assert_eq!(
            ACCOUNT.wait_sql("f"),
            "CASE WHEN f < 20 THEN 0 WHEN f = 20 THEN 1000 WHEN f = 21 THEN 2000 WHEN f = 22 THEN 4000 ELSE 5000 END"
        );
        assert!(ACCOUNT_FROM_ADDRESS.wait_sql("f").ends_with("WHEN f = 8 THEN 32000 ELSE 60000 END"));
    }
}
