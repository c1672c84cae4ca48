//! Passwords: argon2id hashes, and the bounded pool that every hash and check goes
//! through.
//!
//! One argon2id computation takes 19 MiB and tens of milliseconds of a core. Left to the
//! blocking thread pool (up to 512 threads), a burst of logins takes as many of them at
//! once: memory grows by 19 MiB per login in flight. Here they wait for one of a few
//! permits (about one per core: more would not go faster), in a queue of bounded length;
//! past it a login is answered 503 at once, with `Retry-After`, rather than held.

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::Arc;

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use sqlx::Row;
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::config::Login;
use crate::db::Db;
use crate::error::Error;

/// Hashes a password with argon2id and a random salt. Blocks for the computation: call it
/// through [`Passwords::hash`] from async code.
///
/// # Errors
/// [`Error::Io`] when no randomness is available.
pub fn hash_password(password: &str) -> Result<String, Error> {
    let mut salt = [0u8; 16];
    getrandom::getrandom(&mut salt).map_err(|e| Error::Io(std::io::Error::other(e.to_string())))?;
    let salt = SaltString::encode_b64(&salt).map_err(|e| Error::Io(std::io::Error::other(e.to_string())))?;
    Argon2::default()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| Error::Io(std::io::Error::other(e.to_string())))
}

/// A hash to check unknown users against, so that timing does not tell which names exist.
fn dummy_hash() -> &'static str {
    static HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HASH.get_or_init(|| hash_password("no such user").unwrap_or_default())
}

/// The hash a password is checked against, and whether a match counts: the stored hash
/// when it is one; else (no such user, or an account whose hash is a mark such as
/// `!invited`, waiting for its owner to choose a password) the dummy hash, whose match
/// counts for nothing, so that every login costs one argon2 check and timing tells
/// nothing about the account.
fn hash_to_check(stored: Option<&str>) -> (&str, bool) {
    match stored {
        Some(hash) if PasswordHash::new(hash).is_ok() => (hash, true),
        _ => (dummy_hash(), false),
    }
}

/// Whether `password` matches `hash` (an unreadable hash matches nothing). Blocks.
pub fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok())
}

/// The bounded pool of password computations of one server instance.
#[derive(Debug, Clone)]
pub struct Passwords {
    permits: Arc<Semaphore>,
    queue: usize,
    waiting: Arc<AtomicUsize>,
    computed: Arc<AtomicU64>,
}

/// A permit to compute, and the place in the queue it took.
struct Turn {
    _permit: OwnedSemaphorePermit,
}

impl Passwords {
    /// A pool with the configured number of permits and queue length.
    pub fn new(login: &Login) -> Passwords {
        Passwords {
            permits: Arc::new(Semaphore::new(login.password_checks.max(1))),
            queue: login.queue,
            waiting: Arc::default(),
            computed: Arc::default(),
        }
    }

    /// The semaphore itself: tests hold its permits to fill the queue at will.
    pub fn permits(&self) -> &Arc<Semaphore> {
        &self.permits
    }

    /// How many computations wait for a permit.
    pub fn waiting(&self) -> usize {
        self.waiting.load(Ordering::SeqCst)
    }

    /// How many hashes and checks were computed since the start.
    pub fn computed(&self) -> u64 {
        self.computed.load(Ordering::Relaxed)
    }

    /// Waits for a permit, unless the queue is full.
    async fn turn(&self) -> Result<Turn, Error> {
        if let Ok(permit) = self.permits.clone().try_acquire_owned() {
            return Ok(Turn { _permit: permit });
        }
        // Take a place in the queue, or leave at once when there is none.
        let place = self.waiting.fetch_add(1, Ordering::SeqCst);
        if place >= self.queue {
            self.waiting.fetch_sub(1, Ordering::SeqCst);
            return Err(Error::Unavailable { retry_after: 1 });
        }
        let permit = self.permits.clone().acquire_owned().await;
        self.waiting.fetch_sub(1, Ordering::SeqCst);
        permit.map(|p| Turn { _permit: p }).map_err(|_| Error::Unavailable { retry_after: 1 })
    }

    /// Runs one argon2 computation on the blocking pool, in its turn.
    async fn compute<T: Send + 'static>(&self, work: impl FnOnce() -> T + Send + 'static) -> Result<T, Error> {
        let turn = self.turn().await?;
        let computed = self.computed.clone();
        tokio::task::spawn_blocking(move || {
            let out = work();
            computed.fetch_add(1, Ordering::Relaxed);
            drop(turn);
            out
        })
        .await
        .map_err(|e| Error::Io(std::io::Error::other(e.to_string())))
    }

    /// Hashes a new password.
    ///
    /// # Errors
    /// [`Error::Unavailable`] when the queue is full; [`Error::Io`].
    pub async fn hash(&self, password: String) -> Result<String, Error> {
        self.compute(move || hash_password(&password)).await?
    }

    /// Checks a password against a stored hash, or against a dummy hash when there is
    /// none (an unknown user takes as long as a known one).
    ///
    /// # Errors
    /// [`Error::Unavailable`] when the queue is full.
    pub async fn verify(&self, password: String, hash: Option<String>) -> Result<bool, Error> {
        self.compute(move || {
            let (checked, real) = hash_to_check(hash.as_deref());
            verify_password(&password, checked) && real
        })
        .await
    }
}

/// The active accounts whose password is their username (a demo account, or one made
/// before passwords were checked), by username.
///
/// # Errors
/// [`Error::Database`].
pub async fn accounts_named_as_their_password(db: &Db, passwords: &Passwords) -> Result<Vec<String>, Error> {
    let rows = sqlx::query("SELECT username, password_hash FROM users WHERE active = 1 ORDER BY username")
        .fetch_all(db.pool())
        .await?;
    let checks = rows.iter().map(|row| {
        let username: Result<String, _> = row.try_get("username");
        let hash: Result<String, _> = row.try_get("password_hash");
        async move {
            let (username, hash) = (username?, hash?);
            // Each waits for its turn in the pool, without the queue's limit of requests.
            let matches = loop {
                match passwords.verify(username.clone(), Some(hash.clone())).await {
                    Err(Error::Unavailable { .. }) => tokio::time::sleep(std::time::Duration::from_millis(20)).await,
                    other => break other?,
                }
            };
            Ok::<_, Error>(matches.then_some(username))
        }
    });
    let found = futures_util::future::join_all(checks).await;
    Ok(found.into_iter().collect::<Result<Vec<_>, _>>()?.into_iter().flatten().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_round_trip() {
        let hash = hash_password("correct horse").unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password("correct horse", &hash));
        assert!(!verify_password("wrong", &hash));
        assert!(!verify_password("wrong", "not a hash"));
    }

    #[test]
    fn an_invited_account_costs_a_real_check() {
        let hash = hash_password("correct horse").unwrap();
        assert_eq!(hash_to_check(Some(&hash)), (hash.as_str(), true));
        // No password yet, or no such user: the dummy hash is checked, and never counts.
        assert_eq!(hash_to_check(Some("!invited")), (dummy_hash(), false));
        assert_eq!(hash_to_check(None), (dummy_hash(), false));
        assert!(PasswordHash::new(dummy_hash()).is_ok(), "the dummy is a real argon2 hash");
    }

    #[tokio::test]
    async fn a_full_queue_answers_at_once() {
        let passwords = Passwords::new(&Login { password_checks: 1, queue: 1, ..Login::default() });
        let held = passwords.permits().clone().acquire_many_owned(1).await.unwrap();
        let queued = tokio::spawn({
            let passwords = passwords.clone();
            async move { passwords.verify("x".into(), None).await }
        });
        while passwords.waiting.load(Ordering::SeqCst) == 0 {
            tokio::task::yield_now().await;
        }
        assert!(matches!(passwords.verify("y".into(), None).await, Err(Error::Unavailable { retry_after: 1 })));
        drop(held);
        assert!(!queued.await.unwrap().unwrap());
        assert_eq!(passwords.computed(), 1);
    }
}
