//! Accounts: created or invited, deactivated, and their passwords.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;
use vigie_api::admin::{CreatedUser, Deactivated, NewPassword, NewUser, UserAccount};

use super::{check_name, record, require_organisation, taken};
use crate::auth::MAX_USERNAME;
use crate::contacts::{valid_email, valid_phone};
use crate::db::{get, get_parsed};
use crate::error::Error;
use crate::extract::{ApiJson, Id};
use crate::invitations::{self, Invitee};
use crate::model::{Role, User};
use crate::state::{AppState, SessionEnd};

/// `POST /api/admin/users`: a client user needs an organisation; staff have none. Without
/// a password, the person is invited by email to choose one ([`crate::invitations`]).
pub async fn create_user(
    State(state): State<AppState>,
    user: User,
    headers: HeaderMap,
    ApiJson(form): ApiJson<NewUser>,
) -> Result<Response, Error> {
    let username = form.username.trim();
    if username.is_empty() {
        return Err(Error::field("username", "required"));
    }
    if username.chars().count() > MAX_USERNAME {
        return Err(Error::field("username", format!("at most {MAX_USERNAME} characters")));
    }
    if username.chars().any(char::is_control) {
        return Err(Error::field("username", "must not contain control characters"));
    }
    check_name("display_name", &form.display_name)?;
    if form.email.chars().count() > crate::contacts::MAX_EMAIL {
        return Err(Error::field("email", format!("at most {} characters", crate::contacts::MAX_EMAIL)));
    }
    let password = form.password.as_deref().filter(|p| !p.is_empty());
    match password {
        Some(password) => check_password(password, username)?,
        None if form.email.trim().is_empty() => {
            return Err(Error::field("email", "required to send the invitation (or give a password)"))
        }
        None => {}
    }
    match (form.role, form.organisation_id) {
        (Role::Client, None) => return Err(Error::field("organisation_id", "required for a client user")),
        (Role::Client, Some(_)) | (_, None) => {}
        (_, Some(_)) => return Err(Error::field("organisation_id", "only client users belong to an organisation")),
    }
    if !form.email.is_empty() && !valid_email(&form.email) {
        return Err(Error::field("email", format!("{:?} is not an email address", form.email)));
    }
    let phone = form.phone.trim();
    if !phone.is_empty() && !valid_phone(phone) {
        return Err(Error::field("phone", format!("{phone:?} is not a phone number in E.164 form (+33612345678)")));
    }
    // Invited: no password opens the account until the person chooses one.
    let hash = match password {
        Some(password) => state.passwords.hash(password.to_string()).await?,
        None => NO_PASSWORD.to_string(),
    };
    let mut tx = state.db.begin().await?;
    if let Some(organisation) = form.organisation_id {
        require_organisation(&mut tx, "organisation_id", organisation).await?;
    }
    let row = sqlx::query("INSERT INTO users (username, password_hash, display_name, role, organisation_id, email, phone) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id")
        .bind(username)
        .bind(hash)
        .bind(form.display_name.trim())
        .bind(form.role.as_str())
        .bind(form.organisation_id)
        .bind(&form.email)
        .bind(phone)
        .fetch_one(&mut *tx)
        .await
        .map_err(|e| taken(e, "username", format!("the username {username:?} is taken")))?;
    let id: i64 = get(&row, "id")?;
    let invited = password.is_none();
    if invited {
        let invitee = Invitee { id, username, display_name: form.display_name.trim(), email: form.email.trim() };
        invitations::invite(&mut tx, &invitee, &invitations::base_url(&state, &headers), state.clock.now()).await?;
    }
    let after = CreatedUser {
        id,
        username: username.to_string(),
        role: form.role,
        organisation_id: form.organisation_id,
        active: true,
        invited,
    };
    let audited = serde_json::to_value(&after).map_err(|e| Error::Database(e.to_string()))?;
    record(&mut tx, &user, "user", id, "create", None, Some(audited), &state).await?;
    tx.commit().await?;
    state.outbox.notify_one();
    Ok((StatusCode::CREATED, Json(after)).into_response())
}

/// The password hash of an account invited but not yet set up: no password matches it
/// (it is not a hash at all).
pub(super) const NO_PASSWORD: &str = "!invited";

/// `POST /api/admin/users/{id}/invite`: emails the person a new link to choose their
/// password (an invitation lost, or a password forgotten); an earlier link stops working.
///
/// # Errors
/// [`Error::NotFound`]; [`Error::BadRequest`] on `email` for an account without one.
pub async fn invite_user(
    State(state): State<AppState>,
    user: User,
    headers: HeaderMap,
    Id(id): Id,
) -> Result<StatusCode, Error> {
    let row = sqlx::query("SELECT username, display_name, email FROM users WHERE id = $1 AND active = 1")
        .bind(id)
        .fetch_optional(state.db.pool())
        .await?
        .ok_or(Error::NotFound)?;
    let (username, display_name, email): (String, String, String) =
        (get(&row, "username")?, get(&row, "display_name")?, get(&row, "email")?);
    if email.trim().is_empty() {
        return Err(Error::field("email", "this account has no email address to send the invitation to"));
    }
    let mut tx = state.db.begin().await?;
    let invitee = Invitee { id, username: &username, display_name: &display_name, email: &email };
    invitations::invite(&mut tx, &invitee, &invitations::base_url(&state, &headers), state.clock.now()).await?;
    record(&mut tx, &user, "user", id, "invite", None, None, &state).await?;
    tx.commit().await?;
    state.outbox.notify_one();
    Ok(StatusCode::NO_CONTENT)
}

/// `POST /api/admin/users/{id}/deactivate`: the user's sessions end at once.
pub async fn deactivate_user(
    State(state): State<AppState>,
    user: User,
    Id(id): Id,
) -> Result<Json<Deactivated>, Error> {
    if id == user.id {
        return Err(Error::Conflict("an administrator cannot deactivate themselves".into()));
    }
    let mut tx = state.db.begin().await?;
    let updated = sqlx::query("UPDATE users SET active = 0 WHERE id = $1").bind(id).execute(&mut *tx).await?;
    if updated.rows_affected() != 1 {
        return Err(Error::NotFound);
    }
    sqlx::query("DELETE FROM sessions WHERE user_id = $1").bind(id).execute(&mut *tx).await?;
    record(
        &mut tx,
        &user,
        "user",
        id,
        "deactivate",
        Some(json!({ "active": true })),
        Some(json!({ "active": false })),
        &state,
    )
    .await?;
    tx.commit().await?;
    state.sessions_ended(SessionEnd::User(id));
    Ok(Json(Deactivated { id, active: false }))
}

/// `GET /api/admin/users`: every account, without its password hash.
pub async fn users(State(state): State<AppState>) -> Result<Json<Vec<UserAccount>>, Error> {
    let rows = sqlx::query(
        "SELECT id, username, display_name, role, organisation_id, email, active FROM users ORDER BY username",
    )
    .fetch_all(state.db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            Ok(UserAccount {
                id: get(r, "id")?,
                username: get(r, "username")?,
                display_name: get(r, "display_name")?,
                role: get_parsed(r, "role")?,
                organisation_id: get(r, "organisation_id")?,
                email: get(r, "email")?,
                active: get::<i64>(r, "active")? != 0,
            })
        })
        .collect::<Result<Vec<_>, Error>>()
        .map(Json)
}

/// A password an administrator may set: 12 characters at least, and not the username.
///
/// # Errors
/// [`Error::BadRequest`] on `password`.
pub fn check_password(password: &str, username: &str) -> Result<(), Error> {
    if password.chars().count() < 12 {
        return Err(Error::field("password", "at least 12 characters"));
    }
    if password == username {
        return Err(Error::field("password", "must not be the username"));
    }
    Ok(())
}

/// `PUT /api/admin/users/{id}/password`: sets or resets a password; the user's sessions
/// end, so that whoever knew the old one is logged out.
pub async fn set_password(
    State(state): State<AppState>,
    user: User,
    Id(id): Id,
    ApiJson(form): ApiJson<NewPassword>,
) -> Result<StatusCode, Error> {
    let row = sqlx::query("SELECT username FROM users WHERE id = $1")
        .bind(id)
        .fetch_optional(state.db.pool())
        .await?
        .ok_or(Error::NotFound)?;
    let username: String = get(&row, "username")?;
    check_password(&form.password, &username)?;
    let hash = state.passwords.hash(form.password).await?;
    let mut tx = state.db.begin().await?;
    let updated =
        sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2").bind(hash).bind(id).execute(&mut *tx).await?;
    if updated.rows_affected() != 1 {
        return Err(Error::NotFound);
    }
    sqlx::query("DELETE FROM sessions WHERE user_id = $1").bind(id).execute(&mut *tx).await?;
    crate::throttle::forget_account(&mut tx, &username).await?;
    record(&mut tx, &user, "user", id, "password", None, None, &state).await?;
    tx.commit().await?;
    state.sessions_ended(SessionEnd::User(id));
    Ok(StatusCode::NO_CONTENT)
}

/// `vigie password USERNAME`: sets an account's password from the server's machine, or
/// creates an administrator with it when there is no such account (how the first
/// administrator of a new desk is made, and how an operator replaces a demo password the
/// server refuses to start with). The account's sessions end. Returns whether the
/// account was created.
///
/// # Errors
/// [`Error::BadRequest`] for a password or username refused; [`Error::Database`].
pub async fn set_password_of(state: &AppState, username: &str, password: String) -> Result<bool, Error> {
    let username = username.trim();
    if username.is_empty() || username.chars().count() > MAX_USERNAME || username.chars().any(char::is_control) {
        return Err(Error::field("username", format!("1 to {MAX_USERNAME} characters, no control character")));
    }
    check_password(&password, username)?;
    let hash = state.passwords.hash(password).await?;
    let mut tx = state.db.begin().await?;
    let existing =
        sqlx::query("SELECT id FROM users WHERE username = $1").bind(username).fetch_optional(&mut *tx).await?;
    let ended = match existing {
        Some(row) => {
            let id: i64 = get(&row, "id")?;
            sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
                .bind(&hash)
                .bind(id)
                .execute(&mut *tx)
                .await?;
            sqlx::query("DELETE FROM sessions WHERE user_id = $1").bind(id).execute(&mut *tx).await?;
            Some(id)
        }
        None => {
            sqlx::query("INSERT INTO users (username, password_hash, display_name, role) VALUES ($1, $2, $1, 'admin')")
                .bind(username)
                .bind(&hash)
                .execute(&mut *tx)
                .await?;
            None
        }
    };
    crate::throttle::forget_account(&mut tx, username).await?;
    tx.commit().await?;
    if let Some(id) = ended {
        state.sessions_ended(SessionEnd::User(id));
    }
    Ok(ended.is_none())
}
