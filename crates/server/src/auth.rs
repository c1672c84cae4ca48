//! Accounts and sessions: argon2id password hashes, session cookies, slowed-down failed
//! logins, and the same-origin rule for state-changing requests.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use axum::extract::{FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, Method, Request};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use sha2::{Digest, Sha256};
use sqlx::Row;

use crate::db::to_ms;
use crate::error::Error;
use crate::model::User;
use crate::state::AppState;

/// The session cookie's name.
pub const COOKIE: &str = "vigie_session";
/// How long a session lasts.
pub const SESSION_DAYS: i64 = 14;
/// Failed logins allowed before the account is slowed down.
pub const FREE_FAILURES: i64 = 3;

/// Hashes a password with argon2id and a random salt.
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

/// A hash to check unknown users against.
fn dummy_hash() -> &'static str {
    static HASH: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    HASH.get_or_init(|| hash_password("no such user").unwrap_or_default())
}

fn verify_password(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash).is_ok_and(|parsed| Argon2::default().verify_password(password.as_bytes(), &parsed).is_ok())
}

/// A new random session token, hex.
fn new_token() -> Result<String, Error> {
    let mut bytes = [0u8; 32];
    getrandom::getrandom(&mut bytes).map_err(|e| Error::Io(std::io::Error::other(e.to_string())))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// Tokens are stored hashed: a stolen database opens no session.
pub fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// Seconds a user must wait after `failures` failed logins in a row.
fn wait_after(failures: i64) -> i64 {
    if failures < FREE_FAILURES {
        0
    } else {
        (1i64 << (failures - FREE_FAILURES).min(6)).min(60)
    }
}

/// Checks a username and password; on success opens a session and returns its token and
/// the user.
///
/// # Errors
/// [`Error::Unauthorized`] for a wrong pair, [`Error::TooManyRequests`] while failed logins
/// are slowed down.
pub async fn login(state: &AppState, username: &str, password: &str) -> Result<(String, User), Error> {
    let pool = state.db.pool();
    let now = state.clock.now();
    let failure = sqlx::query("SELECT failures, last_at FROM login_failures WHERE username = $1")
        .bind(username)
        .fetch_optional(pool)
        .await?;
    if let Some(row) = &failure {
        let failures: i64 = row.try_get("failures")?;
        let last_at: i64 = row.try_get("last_at")?;
        let wait = wait_after(failures) * 1000 - (to_ms(now) - last_at);
        if wait > 0 {
            return Err(Error::TooManyRequests { retry_after: (wait as u64).div_ceil(1000) });
        }
    }
    let row = sqlx::query("SELECT * FROM users WHERE username = $1 AND active = 1").bind(username).fetch_optional(pool).await?;
    // Unknown users are checked against a dummy hash: the same time spent, so timing
    // does not tell which names exist.
    let hash: String = match &row {
        Some(row) => row.try_get("password_hash")?,
        None => dummy_hash().to_string(),
    };
    // Argon2 takes tens of milliseconds of CPU: off the request workers.
    let given = password.to_string();
    let matches = tokio::task::spawn_blocking(move || verify_password(&given, &hash))
        .await
        .map_err(|e| Error::Io(std::io::Error::other(e.to_string())))?;
    let user = match row {
        Some(row) if matches => Some(User::from_row(&row)?),
        _ => None,
    };
    let Some(user) = user else {
        sqlx::query(
            "INSERT INTO login_failures (username, failures, last_at) VALUES ($1, 1, $2)
             ON CONFLICT (username) DO UPDATE SET failures = login_failures.failures + 1, last_at = $2",
        )
        .bind(username)
        .bind(to_ms(now))
        .execute(pool)
        .await?;
        return Err(Error::Unauthorized);
    };
    sqlx::query("DELETE FROM login_failures WHERE username = $1").bind(username).execute(pool).await?;
    let token = new_token()?;
    sqlx::query("INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)")
        .bind(token_hash(&token))
        .bind(user.id)
        .bind(to_ms(now))
        .bind(to_ms(now + chrono::TimeDelta::days(SESSION_DAYS)))
        .execute(pool)
        .await?;
    Ok((token, user))
}

/// Creates a new API token for an organisation's supervision tools and returns it; only its
/// hash is kept, so it is shown once. It replaces the previous one.
///
/// # Errors
/// [`Error::NotFound`] for an unknown organisation.
pub async fn issue_api_token(state: &AppState, organisation: &str) -> Result<String, Error> {
    let token = new_token()?;
    let updated = sqlx::query("UPDATE organisations SET api_token_hash = $1 WHERE name = $2")
        .bind(token_hash(&token))
        .bind(organisation)
        .execute(state.db.pool())
        .await?;
    if updated.rows_affected() == 1 {
        Ok(token)
    } else {
        Err(Error::NotFound)
    }
}

/// Ends the session of `token`.
///
/// # Errors
/// [`Error::Database`].
pub async fn logout(state: &AppState, token: &str) -> Result<(), Error> {
    sqlx::query("DELETE FROM sessions WHERE token_hash = $1").bind(token_hash(token)).execute(state.db.pool()).await?;
    Ok(())
}

/// The session cookie's value, if the request has one.
pub fn session_token(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == COOKIE)
        .map(|(_, value)| value.to_string())
}

/// The `Set-Cookie` value that opens (or, with `max_age` 0, ends) a session.
pub fn session_cookie(token: &str, max_age: i64) -> String {
    format!("{COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict; Max-Age={max_age}")
}

/// The user of a session token, if the session is valid and the user active.
///
/// # Errors
/// [`Error::Database`].
pub async fn user_of(state: &AppState, token: &str) -> Result<Option<User>, Error> {
    let row = sqlx::query(
        "SELECT users.* FROM sessions JOIN users ON users.id = sessions.user_id
         WHERE sessions.token_hash = $1 AND sessions.expires_at > $2 AND users.active = 1",
    )
    .bind(token_hash(token))
    .bind(to_ms(state.clock.now()))
    .fetch_optional(state.db.pool())
    .await?;
    row.map(|r| User::from_row(&r)).transpose()
}

/// The logged-in user: an extractor that answers 401 without a valid session.
impl FromRequestParts<AppState> for User {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        let token = session_token(&parts.headers).ok_or(Error::Unauthorized)?;
        user_of(state, &token).await?.ok_or(Error::Unauthorized)
    }
}

/// A state-changing request that carries a session cookie must come from the server's own
/// origin (`Origin`, or lacking it `Referer`), else 403: another site cannot act with the
/// user's cookie.
pub async fn same_origin(State(_state): State<AppState>, request: Request<axum::body::Body>, next: Next) -> Response {
    let changes_state = !matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    if changes_state && session_token(request.headers()).is_some() && !from_own_origin(request.headers()) {
        return Error::Forbidden("cross-origin request refused (Origin or Referer must be this server)".into()).into_response();
    }
    next.run(request).await
}

fn from_own_origin(headers: &HeaderMap) -> bool {
    let Some(host) = headers.get(header::HOST).and_then(|h| h.to_str().ok()) else {
        return false;
    };
    let origin = headers
        .get(header::ORIGIN)
        .or_else(|| headers.get(header::REFERER))
        .and_then(|v| v.to_str().ok());
    origin.is_some_and(|o| {
        let rest = o.strip_prefix("http://").or_else(|| o.strip_prefix("https://")).unwrap_or("");
        rest.split('/').next() == Some(host)
    })
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
    }

    #[test]
    fn failed_logins_slow_down() {
        assert_eq!((0..=2).map(wait_after).collect::<Vec<_>>(), [0, 0, 0]);
        assert_eq!((3..=10).map(wait_after).collect::<Vec<_>>(), [1, 2, 4, 8, 16, 32, 60, 60]);
    }

    #[test]
    fn origin_must_be_this_server() {
        let headers = |pairs: &[(&'static str, &'static str)]| {
            let mut h = HeaderMap::new();
            for (k, v) in pairs {
                h.insert(*k, v.parse().unwrap());
            }
            h
        };
        assert!(from_own_origin(&headers(&[("host", "vigie.local:8080"), ("origin", "http://vigie.local:8080")])));
        assert!(from_own_origin(&headers(&[("host", "vigie.local:8080"), ("referer", "https://vigie.local:8080/report")])));
        assert!(!from_own_origin(&headers(&[("host", "vigie.local:8080"), ("origin", "http://evil.example")])));
        assert!(!from_own_origin(&headers(&[("host", "vigie.local:8080"), ("origin", "http://vigie.local:8080.evil.example")])));
        assert!(!from_own_origin(&headers(&[("host", "vigie.local:8080")])));
    }
}
