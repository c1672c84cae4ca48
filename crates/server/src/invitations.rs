//! Invitations: an administrator makes an account without typing a password, and the
//! person chooses it through a link emailed to them, valid for [`INVITATION_DAYS`] days and
//! once. Nobody but that person ever knows the password; an administrator who must reset
//! one sends a new invitation the same way.
//!
//! The link carries the token in its fragment (`/invitation#…`), which browsers do not send
//! to servers nor put in `Referer`: it appears in no access log. Only its hash is stored.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use axum::Router;
use chrono::{DateTime, TimeDelta, Utc};
use serde_json::json;
use sqlx::AnyConnection;
use vigie_api::EventKind;

use crate::admin::check_password;
use crate::auth::{new_token, token_hash};
use crate::db::{from_ms, get, to_ms};
use crate::error::Error;
use crate::events;
use crate::extract::ApiJson;
use crate::notify::{Channel, Outgoing};
use crate::state::{AppState, SessionEnd};

/// How long an invitation's link stays valid.
pub const INVITATION_DAYS: i64 = 7;

/// Who is invited.
pub(crate) struct Invitee<'a> {
    pub id: i64,
    pub username: &'a str,
    pub display_name: &'a str,
    pub email: &'a str,
}

/// The address people open the desk at, for the link: the configured public origin, else
/// the origin the administrator's browser sent (checked by the origin guard before any
/// state-changing request reaches here).
pub(crate) fn base_url(state: &AppState, headers: &HeaderMap) -> String {
    state
        .config
        .public_origin
        .clone()
        .or_else(|| headers.get("origin").and_then(|o| o.to_str().ok()).map(str::to_string))
        .unwrap_or_else(|| "http://localhost".into())
        .trim_end_matches('/')
        .to_string()
}

/// Records an invitation for `invitee` in the caller's transaction, replacing any earlier
/// one, and puts its email in the outbox. The caller wakes the outbox after committing.
///
/// # Errors
/// [`Error::Database`]; [`Error::Io`] when no random token can be drawn.
pub(crate) async fn invite(
    conn: &mut AnyConnection,
    invitee: &Invitee<'_>,
    base: &str,
    now: DateTime<Utc>,
) -> Result<(), Error> {
    let token = new_token()?;
    sqlx::query("DELETE FROM invitations WHERE user_id = $1").bind(invitee.id).execute(&mut *conn).await?;
    sqlx::query("INSERT INTO invitations (token_hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)")
        .bind(token_hash(&token))
        .bind(invitee.id)
        .bind(to_ms(now))
        .bind(to_ms(now + TimeDelta::days(INVITATION_DAYS)))
        .execute(&mut *conn)
        .await?;
    let event =
        events::append(conn, None, None, EventKind::InvitationSent, now, None, json!({ "user_id": invitee.id }))
            .await?;
    let body = format!(
        "Bonjour {name},\n\n\
         Un compte Vigie a été ouvert pour vous (identifiant : {username}).\n\
         Choisissez votre mot de passe ici, dans les {INVITATION_DAYS} jours :\n\n\
         {base}/invitation#{token}\n\n\
         Ce lien ne sert qu'une fois. Si vous n'attendiez pas ce message, ignorez-le.\n\n\
         —\n\
         A Vigie account was opened for you (username: {username}). Choose your password at the link above, within {INVITATION_DAYS} days.\n",
        name = invitee.display_name,
        username = invitee.username,
    );
    let message = Outgoing {
        channel: Channel::Email,
        recipient: invitee.display_name.to_string(),
        address: invitee.email.to_string(),
        subject: "Votre compte Vigie : choisissez votre mot de passe".into(),
        body,
    };
    crate::notify::enqueue(conn, None, event, message, now).await
}

pub use vigie_api::Acceptance;

/// `POST /api/invitations/accept`: the invited person sets their password; the link is
/// spent, any session of the account ends.
///
/// # Errors
/// [`Error::BadRequest`] on `token` for a link unknown, spent or expired, and on `password`
/// for a password refused; [`Error::Database`].
pub async fn accept(State(state): State<AppState>, ApiJson(form): ApiJson<Acceptance>) -> Result<StatusCode, Error> {
    let expired = || {
        Error::field(
            "token",
            "this link is unknown, already used or expired: ask your administrator for a new invitation",
        )
    };
    let hash = token_hash(form.token.trim());
    let row = sqlx::query("SELECT invitations.user_id, invitations.expires_at, users.username FROM invitations JOIN users ON users.id = invitations.user_id WHERE invitations.token_hash = $1 AND users.active = 1")
        .bind(&hash)
        .fetch_optional(state.db.pool())
        .await?
        .ok_or_else(expired)?;
    let (user_id, expires_at, username): (i64, i64, String) =
        (get(&row, "user_id")?, get(&row, "expires_at")?, get(&row, "username")?);
    if from_ms(expires_at) <= state.clock.now() {
        return Err(expired());
    }
    check_password(&form.password, &username)?;
    let password_hash = state.passwords.hash(form.password).await?;
    let mut tx = state.db.begin().await?;
    // Spent once: a second use of the same link finds nothing.
    let spent = sqlx::query("DELETE FROM invitations WHERE token_hash = $1").bind(&hash).execute(&mut *tx).await?;
    if spent.rows_affected() != 1 {
        return Err(expired());
    }
    sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
        .bind(password_hash)
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM sessions WHERE user_id = $1").bind(user_id).execute(&mut *tx).await?;
    crate::throttle::forget_account(&mut tx, &username).await?;
    tx.commit().await?;
    state.sessions_ended(SessionEnd::User(user_id));
    Ok(StatusCode::NO_CONTENT)
}

/// The route where an invited person chooses their password.
pub fn router() -> Router<AppState> {
    Router::new().route("/invitations/accept", post(accept))
}
