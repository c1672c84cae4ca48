//! Administration (admin role): organisations and their contacts and policies, sites and
//! their calendars, users, API tokens. Every change is recorded — who, when, before,
//! after — and can be listed.

use axum::extract::State;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};
use sqlx::AnyConnection;
use vigie_engine::{Calendar, CalendarSpec, Contract, Policy};

use crate::auth::{token_hash, MAX_USERNAME};
use crate::contacts::{check_contacts, valid_email, valid_phone};
use crate::db::{from_ms, get, to_ms};
use crate::error::Error;
use crate::extract::{ApiJson, Id};
use crate::invitations::{self, Invitee};
use crate::model::{Contact, Organisation, Role, Site, User};
use crate::state::{AppState, SessionEnd};

pub(crate) fn require_admin(user: &User) -> Result<(), Error> {
    if user.role == Role::Admin {
        Ok(())
    } else {
        Err(Error::Forbidden(format!("a {} may not administer Vigie", user.role)))
    }
}

#[allow(clippy::too_many_arguments)] // one audit row: who, what, which, before, after, why
pub(crate) async fn record(
    conn: &mut AnyConnection,
    actor: &User,
    entity: &str,
    id: i64,
    action: &str,
    before: Option<Value>,
    after: Option<Value>,
    state: &AppState,
) -> Result<(), Error> {
    sqlx::query("INSERT INTO audit_log (actor_id, at, entity, entity_id, action, before, after) VALUES ($1, $2, $3, $4, $5, $6, $7)")
        .bind(actor.id)
        .bind(to_ms(state.clock.now()))
        .bind(entity)
        .bind(id)
        .bind(action)
        .bind(before.map(|v| v.to_string()))
        .bind(after.map(|v| v.to_string()))
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// A unique value already taken, said of the field that holds it.
fn taken(e: sqlx::Error, field: &str, message: String) -> Error {
    match Error::from(e) {
        Error::Duplicate { .. } => Error::Duplicate { field: field.to_string(), message },
        other => other,
    }
}

/// The organisation a site or a client user is given must exist: 422 on `field` otherwise,
/// rather than a foreign key error from the database.
async fn require_organisation(conn: &mut AnyConnection, field: &str, id: i64) -> Result<(), Error> {
    let exists = sqlx::query("SELECT id FROM organisations WHERE id = $1").bind(id).fetch_optional(&mut *conn).await?;
    exists.map(|_| ()).ok_or_else(|| Error::field(field, format!("no organisation {id}")))
}

/// An organisation as the administrator writes it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrganisationForm {
    name: String,
    contract: Contract,
    #[serde(default)]
    contacts: Vec<Contact>,
    #[serde(default)]
    anonymous_lessons: bool,
    /// The organisation's own SLA values; `null` for its contract's.
    #[serde(default)]
    policy: Option<Policy>,
}

pub(crate) async fn organisation_value(conn: &mut AnyConnection, id: i64) -> Result<Value, Error> {
    let row = sqlx::query("SELECT * FROM organisations WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or(Error::NotFound)?;
    let org = Organisation::from_row(&row)?;
    let mut value = serde_json::to_value(&org).map_err(|e| Error::Database(e.to_string()))?;
    value["anonymous_lessons"] = json!(get::<i64>(&row, "anonymous_lessons")? != 0);
    value["has_api_token"] = json!(get::<Option<String>>(&row, "api_token_hash")?.is_some());
    Ok(value)
}

/// `GET /api/admin/organisations`.
pub async fn organisations(State(state): State<AppState>, user: User) -> Result<Json<Vec<Value>>, Error> {
    require_admin(&user)?;
    let mut conn = state.db.pool().acquire().await?;
    let ids: Vec<i64> = sqlx::query("SELECT id FROM organisations ORDER BY name")
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(|r| get(r, "id"))
        .collect::<Result<_, _>>()?;
    let mut out = Vec::new();
    for id in ids {
        out.push(organisation_value(&mut conn, id).await?);
    }
    Ok(Json(out))
}

/// The longest name of an organisation, a site, a sensitive zone or a person (as a
/// contact's, [`crate::contacts::MAX_NAME`]).
pub const MAX_NAME: usize = crate::contacts::MAX_NAME;
/// The longest postal address of a site.
pub const MAX_ADDRESS: usize = 300;
/// The most sensitive zones a site has.
pub const MAX_ZONES: usize = 50;

/// A name: at most [`MAX_NAME`] characters, on one line.
fn check_name(field: &str, name: &str) -> Result<(), Error> {
    if name.trim().chars().count() > MAX_NAME {
        return Err(Error::field(field, format!("at most {MAX_NAME} characters")));
    }
    if name.chars().any(char::is_control) {
        return Err(Error::field(field, "must be on one line"));
    }
    Ok(())
}

/// The form checked; its contacts as they are stored (trimmed).
fn check_organisation(form: &OrganisationForm) -> Result<Vec<Contact>, Error> {
    if form.name.trim().is_empty() {
        return Err(Error::field("name", "required"));
    }
    check_name("name", &form.name)?;
    let contacts = check_contacts(&form.contacts)?;
    if let Some(policy) = &form.policy {
        policy.validate().map_err(|e| Error::field("policy", e.to_string()))?;
    }
    Ok(contacts)
}

/// `POST /api/admin/organisations`.
pub async fn create_organisation(
    State(state): State<AppState>,
    user: User,
    ApiJson(form): ApiJson<OrganisationForm>,
) -> Result<Response, Error> {
    require_admin(&user)?;
    let contacts = check_organisation(&form)?;
    let mut tx = state.db.begin().await?;
    let row = sqlx::query("INSERT INTO organisations (name, contract, contacts, anonymous_lessons, policy) VALUES ($1, $2, $3, $4, $5) RETURNING id")
        .bind(form.name.trim())
        .bind(form.contract.as_str())
        .bind(serde_json::to_string(&contacts).unwrap_or_default())
        .bind(i64::from(form.anonymous_lessons))
        .bind(form.policy.map(|p| serde_json::to_string(&p).unwrap_or_default()))
        .fetch_one(&mut *tx)
        .await
        .map_err(|e| taken(e, "name", format!("an organisation named {:?} exists", form.name.trim())))?;
    let id: i64 = get(&row, "id")?;
    let after = organisation_value(&mut tx, id).await?;
    record(&mut tx, &user, "organisation", id, "create", None, Some(after.clone()), &state).await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(after)).into_response())
}

/// `PUT /api/admin/organisations/{id}`: a new policy applies to incidents reported after
/// it; the incidents already reported keep theirs.
pub async fn update_organisation(
    State(state): State<AppState>,
    user: User,
    Id(id): Id,
    ApiJson(form): ApiJson<OrganisationForm>,
) -> Result<Json<Value>, Error> {
    require_admin(&user)?;
    let contacts = check_organisation(&form)?;
    let mut tx = state.db.begin().await?;
    let before = organisation_value(&mut tx, id).await?;
    sqlx::query("UPDATE organisations SET name = $1, contract = $2, contacts = $3, anonymous_lessons = $4, policy = $5 WHERE id = $6")
        .bind(form.name.trim())
        .bind(form.contract.as_str())
        .bind(serde_json::to_string(&contacts).unwrap_or_default())
        .bind(i64::from(form.anonymous_lessons))
        .bind(form.policy.map(|p| serde_json::to_string(&p).unwrap_or_default()))
        .bind(id)
        .execute(&mut *tx)
        .await
        .map_err(|e| taken(e, "name", format!("an organisation named {:?} exists", form.name.trim())))?;
    let after = organisation_value(&mut tx, id).await?;
    record(&mut tx, &user, "organisation", id, "update", Some(before), Some(after.clone()), &state).await?;
    tx.commit().await?;
    Ok(Json(after))
}

/// A site as the administrator writes it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteForm {
    organisation_id: i64,
    name: String,
    #[serde(default)]
    address: String,
    calendar: CalendarSpec,
    #[serde(default)]
    sensitive_zones: Vec<String>,
}

fn check_site(form: &SiteForm) -> Result<(), Error> {
    if form.name.trim().is_empty() {
        return Err(Error::field("name", "required"));
    }
    check_name("name", &form.name)?;
    if form.address.trim().chars().count() > MAX_ADDRESS {
        return Err(Error::field("address", format!("at most {MAX_ADDRESS} characters")));
    }
    if form.sensitive_zones.len() > MAX_ZONES {
        return Err(Error::field("sensitive_zones", format!("at most {MAX_ZONES} zones")));
    }
    for (n, zone) in form.sensitive_zones.iter().enumerate() {
        check_name(&format!("sensitive_zones[{n}]"), zone)?;
    }
    // The engine's own message: the same one the calendar editor shows as the admin types.
    Calendar::try_from(form.calendar.clone()).map_err(|e| Error::field("calendar", e.to_string()))?;
    Ok(())
}

async fn site_value(conn: &mut AnyConnection, id: i64) -> Result<Value, Error> {
    let row = sqlx::query("SELECT * FROM sites WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or(Error::NotFound)?;
    serde_json::to_value(Site::from_row(&row)?).map_err(|e| Error::Database(e.to_string()))
}

/// `POST /api/admin/sites`.
pub async fn create_site(
    State(state): State<AppState>,
    user: User,
    ApiJson(form): ApiJson<SiteForm>,
) -> Result<Response, Error> {
    require_admin(&user)?;
    check_site(&form)?;
    let mut tx = state.db.begin().await?;
    require_organisation(&mut tx, "organisation_id", form.organisation_id).await?;
    let row = sqlx::query("INSERT INTO sites (organisation_id, name, address, calendar, sensitive_zones) VALUES ($1, $2, $3, $4, $5) RETURNING id")
        .bind(form.organisation_id)
        .bind(form.name.trim())
        .bind(form.address.trim())
        .bind(serde_json::to_string(&form.calendar).unwrap_or_default())
        .bind(serde_json::to_string(&form.sensitive_zones).unwrap_or_default())
        .fetch_one(&mut *tx)
        .await
        .map_err(|e| taken(e, "name", format!("the organisation has a site named {:?}", form.name.trim())))?;
    let id: i64 = get(&row, "id")?;
    let after = site_value(&mut tx, id).await?;
    record(&mut tx, &user, "site", id, "create", None, Some(after.clone()), &state).await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(after)).into_response())
}

/// `PUT /api/admin/sites/{id}`.
pub async fn update_site(
    State(state): State<AppState>,
    user: User,
    Id(id): Id,
    ApiJson(form): ApiJson<SiteForm>,
) -> Result<Json<Value>, Error> {
    require_admin(&user)?;
    check_site(&form)?;
    let mut tx = state.db.begin().await?;
    let before = site_value(&mut tx, id).await?;
    require_organisation(&mut tx, "organisation_id", form.organisation_id).await?;
    sqlx::query("UPDATE sites SET organisation_id = $1, name = $2, address = $3, calendar = $4, sensitive_zones = $5 WHERE id = $6")
        .bind(form.organisation_id)
        .bind(form.name.trim())
        .bind(form.address.trim())
        .bind(serde_json::to_string(&form.calendar).unwrap_or_default())
        .bind(serde_json::to_string(&form.sensitive_zones).unwrap_or_default())
        .bind(id)
        .execute(&mut *tx)
        .await
        .map_err(|e| taken(e, "name", format!("the organisation has a site named {:?}", form.name.trim())))?;
    let after = site_value(&mut tx, id).await?;
    record(&mut tx, &user, "site", id, "update", Some(before), Some(after.clone()), &state).await?;
    tx.commit().await?;
    Ok(Json(after))
}

/// A user invited by the administrator.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserForm {
    username: String,
    display_name: String,
    role: Role,
    #[serde(default)]
    organisation_id: Option<i64>,
    #[serde(default)]
    email: String,
    /// A phone in E.164 form (`+33612345678`), offered as the number to call back when the
    /// person reports; empty for none.
    #[serde(default)]
    phone: String,
    /// Absent or empty: the person is invited by email to choose it.
    #[serde(default)]
    password: Option<String>,
}

/// `POST /api/admin/users`: a client user needs an organisation; staff have none. Without
/// a password, the person is invited by email to choose one ([`crate::invitations`]).
pub async fn create_user(
    State(state): State<AppState>,
    user: User,
    headers: HeaderMap,
    ApiJson(form): ApiJson<UserForm>,
) -> Result<Response, Error> {
    require_admin(&user)?;
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
    let after = json!({ "id": id, "username": username, "role": form.role, "organisation_id": form.organisation_id, "active": true, "invited": invited });
    record(&mut tx, &user, "user", id, "create", None, Some(after.clone()), &state).await?;
    tx.commit().await?;
    state.outbox.notify_one();
    Ok((StatusCode::CREATED, Json(after)).into_response())
}

/// The password hash of an account invited but not yet set up: no password matches it
/// (it is not a hash at all).
const NO_PASSWORD: &str = "!invited";

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
    require_admin(&user)?;
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
pub async fn deactivate_user(State(state): State<AppState>, user: User, Id(id): Id) -> Result<Json<Value>, Error> {
    require_admin(&user)?;
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
    Ok(Json(json!({ "id": id, "active": false })))
}

/// `POST /api/admin/organisations/{id}/token`: a new API token for the organisation's
/// supervision tools, shown once and stored hashed; it replaces the previous one.
pub async fn create_token(State(state): State<AppState>, user: User, Id(id): Id) -> Result<Response, Error> {
    require_admin(&user)?;
    let name: String = get(
        &sqlx::query("SELECT name FROM organisations WHERE id = $1")
            .bind(id)
            .fetch_optional(state.db.pool())
            .await?
            .ok_or(Error::NotFound)?,
        "name",
    )?;
    let token = crate::auth::issue_api_token(&state, &name).await?;
    let mut tx = state.db.begin().await?;
    record(&mut tx, &user, "api_token", id, "create", None, Some(json!({ "hash": token_hash(&token) })), &state)
        .await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(json!({ "organisation_id": id, "token": token }))).into_response())
}

/// `DELETE /api/admin/organisations/{id}/token`: revokes it.
pub async fn revoke_token(State(state): State<AppState>, user: User, Id(id): Id) -> Result<StatusCode, Error> {
    require_admin(&user)?;
    let mut tx = state.db.begin().await?;
    let updated =
        sqlx::query("UPDATE organisations SET api_token_hash = NULL WHERE id = $1").bind(id).execute(&mut *tx).await?;
    if updated.rows_affected() != 1 {
        return Err(Error::NotFound);
    }
    record(&mut tx, &user, "api_token", id, "revoke", None, None, &state).await?;
    tx.commit().await?;
    Ok(StatusCode::NO_CONTENT)
}

/// `GET /api/admin/audit`: every administrative change, newest first.
pub async fn audit(State(state): State<AppState>, user: User) -> Result<Json<Vec<Value>>, Error> {
    require_admin(&user)?;
    let rows = sqlx::query("SELECT audit_log.*, users.username FROM audit_log JOIN users ON users.id = audit_log.actor_id ORDER BY audit_log.id DESC LIMIT 1000")
        .fetch_all(state.db.pool())
        .await?;
    let parse = |v: Option<String>| v.and_then(|t| serde_json::from_str::<Value>(&t).ok());
    rows.iter()
        .map(|r| {
            Ok(json!({
                "id": get::<i64>(r, "id")?,
                "actor": get::<String>(r, "username")?,
                "at": from_ms(get(r, "at")?),
                "entity": get::<String>(r, "entity")?,
                "entity_id": get::<i64>(r, "entity_id")?,
                "action": get::<String>(r, "action")?,
                "before": parse(get(r, "before")?),
                "after": parse(get(r, "after")?),
            }))
        })
        .collect::<Result<Vec<_>, Error>>()
        .map(Json)
}

/// `GET /api/admin/users`: every account, without its password hash.
pub async fn users(State(state): State<AppState>, user: User) -> Result<Json<Vec<Value>>, Error> {
    require_admin(&user)?;
    let rows = sqlx::query(
        "SELECT id, username, display_name, role, organisation_id, email, active FROM users ORDER BY username",
    )
    .fetch_all(state.db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            Ok(json!({
                "id": get::<i64>(r, "id")?,
                "username": get::<String>(r, "username")?,
                "display_name": get::<String>(r, "display_name")?,
                "role": get::<String>(r, "role")?,
                "organisation_id": get::<Option<i64>>(r, "organisation_id")?,
                "email": get::<String>(r, "email")?,
                "active": get::<i64>(r, "active")? != 0,
            }))
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

/// A new password.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PasswordForm {
    password: String,
}

/// `PUT /api/admin/users/{id}/password`: sets or resets a password; the user's sessions
/// end, so that whoever knew the old one is logged out.
pub async fn set_password(
    State(state): State<AppState>,
    user: User,
    Id(id): Id,
    ApiJson(form): ApiJson<PasswordForm>,
) -> Result<StatusCode, Error> {
    require_admin(&user)?;
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
