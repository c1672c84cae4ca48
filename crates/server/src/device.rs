//! The device cookie: after a successful login, the browser gets a long-lived cookie that
//! names the device, signed for the username that logged in. A later login for that
//! username presenting it is counted on that device's own counter only
//! ([`crate::throttle`]): an attack on the account from many addresses, or on every account
//! at once, does not keep its owner out of it.
//!
//! The cookie is `__Host-vigie_device=NONCE.SIGNATURE`: 128 random bits and the
//! HMAC-SHA256 of the username and the nonce with a key of the database's own (256 random
//! bits, made at the first login and kept in `settings`). It opens nothing: a password is
//! still needed, and a forged or copied cookie only buys its own, slower, counter.

use hmac::{Hmac, Mac};
use sha2::Sha256;
use sqlx::Row;

use crate::error::Error;
use crate::state::AppState;

/// The device cookie's name (`__Host-`: only this host, over https, `Path=/`).
pub const COOKIE: &str = "__Host-vigie_device";
/// How long a device is remembered.
pub const DAYS: i64 = 365;
/// The key of the signing key in `settings`.
const SETTING: &str = "device_key";

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn unhex(s: &str) -> Option<Vec<u8>> {
    if s.len() % 2 != 0 || !s.bytes().all(|b| b.is_ascii_hexdigit()) {
        return None;
    }
    (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).ok()).collect()
}

/// The database's signing key, made on first use (one key however many instances start
/// at once: the first insert wins, every instance reads it back).
async fn key(state: &AppState) -> Result<Vec<u8>, Error> {
    let pool = state.db.pool();
    let read = || sqlx::query("SELECT value FROM settings WHERE key = $1").bind(SETTING).fetch_optional(pool);
    let row = match read().await? {
        Some(row) => row,
        None => {
            let mut bytes = [0u8; 32];
            getrandom::getrandom(&mut bytes).map_err(|e| Error::Io(std::io::Error::other(e.to_string())))?;
            sqlx::query("INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING")
                .bind(SETTING)
                .bind(hex(&bytes))
                .execute(pool)
                .await?;
            read().await?.ok_or_else(|| Error::Io(std::io::Error::other("the device key was not kept")))?
        }
    };
    let value: String = row.try_get("value")?;
    unhex(&value).ok_or_else(|| Error::Io(std::io::Error::other("the device key is not hex")))
}

fn mac(key: &[u8], username: &str, nonce: &str) -> Hmac<Sha256> {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key).expect("HMAC takes a key of any length");
    mac.update(b"vigie device\0");
    mac.update(username.as_bytes());
    mac.update(b"\0");
    mac.update(nonce.as_bytes());
    mac
}

/// The device a cookie names, when its signature is right for `username`; `None` for
/// anything else (no cookie, another user's, a forged one).
///
/// # Errors
/// [`Error::Database`].
pub async fn verified(state: &AppState, cookie: Option<&str>, username: &str) -> Result<Option<String>, Error> {
    let Some((nonce, signature)) = cookie.and_then(|c| c.split_once('.')) else { return Ok(None) };
    let (Some(_), Some(signature)) = (unhex(nonce).filter(|n| n.len() == 16), unhex(signature)) else {
        return Ok(None);
    };
    let key = key(state).await?;
    Ok(mac(&key, username, nonce).verify_slice(&signature).is_ok().then(|| nonce.to_string()))
}

/// The cookie's value for `username` on a device: `device` when it already has a name,
/// else a new one.
///
/// # Errors
/// [`Error::Database`]; [`Error::Io`] without randomness.
pub async fn cookie_value(state: &AppState, username: &str, device: Option<&str>) -> Result<String, Error> {
    let nonce = match device {
        Some(device) => device.to_string(),
        None => {
            let mut bytes = [0u8; 16];
            getrandom::getrandom(&mut bytes).map_err(|e| Error::Io(std::io::Error::other(e.to_string())))?;
            hex(&bytes)
        }
    };
    let key = key(state).await?;
    Ok(format!("{nonce}.{}", hex(&mac(&key, username, &nonce).finalize().into_bytes())))
}

/// The `Set-Cookie` value of the device cookie.
pub fn set_cookie(value: &str) -> String {
    format!("{COOKIE}={value}; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age={}", DAYS * 86_400)
}

/// The device cookie's value, if the request has one.
pub fn from_headers(headers: &axum::http::HeaderMap) -> Option<String> {
    crate::auth::cookie(headers, COOKIE)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signature_is_for_one_username_and_one_device() {
        let key = [7u8; 32];
        let signature = mac(&key, "admin", "00ff").finalize().into_bytes();
        assert!(mac(&key, "admin", "00ff").verify_slice(&signature).is_ok());
        assert!(mac(&key, "admin2", "00ff").verify_slice(&signature).is_err());
        assert!(mac(&key, "admin", "00fe").verify_slice(&signature).is_err());
        assert!(mac(&[8u8; 32], "admin", "00ff").verify_slice(&signature).is_err());
        assert_eq!(unhex("00ff"), Some(vec![0, 255]));
        assert_eq!(unhex("0g"), None);
        assert_eq!(unhex("abc"), None);
        let cookie = set_cookie("abc.def");
        for part in ["Path=/", "Secure", "HttpOnly", "SameSite=Strict"] {
            assert!(cookie.split("; ").any(|p| p == part), "{part} in {cookie}");
        }
        assert!(cookie.starts_with("__Host-vigie_device=abc.def;"));
    }
}
