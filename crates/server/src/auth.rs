//! Accounts and sessions: session cookies, logins counted before their password is
//! checked ([`crate::throttle`]) and checked in a bounded pool ([`crate::passwords`]).

use std::net::IpAddr;

use axum::extract::{FromRequestParts, Request};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap};
use axum::middleware::Next;
use axum::response::Response;
use sha2::{Digest, Sha256};

use crate::db::to_ms;
use crate::error::Error;
use crate::model::User;
use crate::state::{AppState, SessionEnd};
use crate::throttle;

/// The session cookie's name. The `__Host-` prefix makes browsers accept it only with
/// `Secure`, `Path=/` and no `Domain`: no other host or plain-http page can set it.
pub const COOKIE: &str = "__Host-vigie_session";
/// How long a session lasts.
pub const SESSION_DAYS: i64 = 14;
/// The longest username, in characters.
pub const MAX_USERNAME: usize = 64;

/// A new random token (a session's, an invitation's), hex.
pub(crate) fn new_token() -> Result<String, Error> {
    let mut bytes = [0u8; 32];
    getrandom::getrandom(&mut bytes).map_err(|e| Error::Io(std::io::Error::other(e.to_string())))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// Tokens are stored hashed: a stolen database opens no session.
pub fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// What a successful login gives: the session's token, the user, and the value of the
/// device cookie ([`crate::device`]) to set.
#[derive(Debug)]
pub struct LoggedIn {
    /// The session's token.
    pub token: String,
    /// The user.
    pub user: User,
    /// The device cookie's value, signed for this user.
    pub device: String,
}

/// Checks a username and password from `ip`; on success opens a session. The attempt is
/// counted before the password is checked: on the device's own counter when `device` is a
/// device cookie signed for `username`, else on the address's, the account's and
/// everyone's ([`throttle`]).
///
/// # Errors
/// [`Error::Unauthorized`] for a wrong pair (and for a name longer than any username,
/// which is not looked up nor stored); [`Error::TooManyRequests`] while failed logins are
/// slowed down; [`Error::Unavailable`] when every password check is taken and the queue
/// is full.
pub async fn login(
    state: &AppState,
    ip: IpAddr,
    username: &str,
    password: &str,
    device: Option<&str>,
) -> Result<LoggedIn, Error> {
    let plausible = !username.is_empty() && username.chars().count() <= MAX_USERNAME;
    let device = if plausible { crate::device::verified(state, device, username).await? } else { None };
    let attempt = throttle::attempt(state, ip, plausible.then_some(username), device.as_deref()).await?;
    if !plausible {
        attempt.failed();
        return Err(Error::Unauthorized);
    }
    let pool = state.db.pool();
    let row = sqlx::query("SELECT * FROM users WHERE username = $1 AND active = 1")
        .bind(username)
        .fetch_optional(pool)
        .await?;
    let hash = row.as_ref().map(|r| crate::db::get::<String>(r, "password_hash")).transpose()?;
    let matches = match state.passwords.verify(password.to_string(), hash).await {
        Ok(matches) => matches,
        Err(e) => {
            attempt.not_checked(state).await;
            return Err(e);
        }
    };
    let user = match row {
        Some(row) if matches => User::from_row(&row)?,
        _ => {
            attempt.failed();
            return Err(Error::Unauthorized);
        }
    };
    attempt.succeeded(state).await;
    let token = new_token()?;
    let now = state.clock.now();
    sqlx::query("INSERT INTO sessions (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)")
        .bind(token_hash(&token))
        .bind(user.id)
        .bind(to_ms(now))
        .bind(to_ms(now + chrono::TimeDelta::days(SESSION_DAYS)))
        .execute(pool)
        .await?;
    let device = crate::device::cookie_value(state, &user.username, device.as_deref()).await?;
    Ok(LoggedIn { token, user, device })
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
    state.sessions_ended(SessionEnd::Token(token_hash(token)));
    Ok(())
}

/// The session cookie's value, if the request has one.
pub fn session_token(headers: &HeaderMap) -> Option<String> {
    cookie(headers, COOKIE)
}

/// The value of the cookie `name`, if the request has one.
pub(crate) fn cookie(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(n, _)| *n == name)
        .map(|(_, value)| value.to_string())
}

/// The `Set-Cookie` value that opens (or, with `max_age` 0, ends) a session. `Secure`:
/// browsers send it over https only, and over http to `localhost` and `127.0.0.1`, which
/// they count as secure.
pub fn session_cookie(token: &str, max_age: i64) -> String {
    format!("{COOKIE}={token}; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age={max_age}")
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

/// The logged-in user: an extractor that answers 401 without a valid session. A user
/// already found by [`admins_only`] or [`staff_only`] is taken from the request rather
/// than looked up twice.
impl FromRequestParts<AppState> for User {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Self::Rejection> {
        if let Some(user) = parts.extensions.get::<User>() {
            return Ok(user.clone());
        }
        let token = session_token(&parts.headers).ok_or(Error::Unauthorized)?;
        user_of(state, &token).await?.ok_or(Error::Unauthorized)
    }
}

/// A route layer for the administrator's routes: 401 without a session, 403 for any other
/// role, before the handler reads the request's path or body.
///
/// # Errors
/// [`Error::Unauthorized`], [`Error::Forbidden`].
pub async fn admins_only(user: User, mut request: Request, next: Next) -> Result<Response, Error> {
    user.require_admin()?;
    request.extensions_mut().insert(user);
    Ok(next.run(request).await)
}

/// A route layer for the staff's routes (technicians, supervisors, admins): 401 without a
/// session, 403 for a client's user, before the handler reads the request's path or body.
///
/// # Errors
/// [`Error::Unauthorized`], [`Error::Forbidden`].
pub async fn staff_only(user: User, mut request: Request, next: Next) -> Result<Response, Error> {
    user.require_staff()?;
    request.extensions_mut().insert(user);
    Ok(next.run(request).await)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cookie_is_a_host_cookie() {
        let cookie = session_cookie("abc", 60);
        assert!(cookie.starts_with("__Host-vigie_session=abc;"));
        for part in ["Path=/", "Secure", "HttpOnly", "SameSite=Strict", "Max-Age=60"] {
            assert!(cookie.split("; ").any(|p| p == part), "{part} in {cookie}");
        }
        assert!(!cookie.contains("Domain"));
        let mut headers = HeaderMap::new();
        headers.insert(header::COOKIE, "other=1; __Host-vigie_session=abc".parse().unwrap());
        assert_eq!(session_token(&headers).as_deref(), Some("abc"));
        headers.insert(header::COOKIE, "vigie_session=abc".parse().unwrap());
        assert_eq!(session_token(&headers), None);
    }
}
