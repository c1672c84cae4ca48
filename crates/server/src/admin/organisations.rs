//! Organisations: their contract, contacts and own policy values, and the API token of
//! their supervision tools.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};
use sqlx::AnyConnection;
use vigie_api::admin::{ApiToken, OrganisationForm, OrganisationView};

use super::{audited, record, taken};
use crate::auth::token_hash;
use crate::contacts::check_contacts;
use crate::db::get;
use crate::error::Error;
use crate::extract::{ApiJson, Id};
use crate::model::{Contact, Organisation, User};
use crate::state::AppState;

/// The organisation as the administration shows it.
pub(crate) async fn organisation_view(conn: &mut AnyConnection, id: i64) -> Result<OrganisationView, Error> {
    let row = sqlx::query("SELECT * FROM organisations WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or(Error::NotFound)?;
    let Organisation { id, name, contract, policy, contacts } = Organisation::from_row(&row)?;
    Ok(OrganisationView {
        id,
        name,
        contract,
        policy,
        contacts,
        anonymous_lessons: get::<i64>(&row, "anonymous_lessons")? != 0,
        has_api_token: get::<Option<String>>(&row, "api_token_hash")?.is_some(),
    })
}

/// The organisation as the audit log keeps it, before and after a change.
pub(crate) async fn organisation_value(conn: &mut AnyConnection, id: i64) -> Result<Value, Error> {
    audited(&organisation_view(conn, id).await?)
}

/// `GET /api/admin/organisations`.
pub async fn organisations(State(state): State<AppState>) -> Result<Json<Vec<OrganisationView>>, Error> {
    let mut conn = state.db.pool().acquire().await?;
    let ids: Vec<i64> = sqlx::query("SELECT id FROM organisations ORDER BY name")
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(|r| get(r, "id"))
        .collect::<Result<_, _>>()?;
    let mut out = Vec::new();
    for id in ids {
        out.push(organisation_view(&mut conn, id).await?);
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
pub(super) fn check_name(field: &str, name: &str) -> Result<(), Error> {
    if name.trim().chars().count() > MAX_NAME {
        return Err(Error::field(field, format!("at most {MAX_NAME} characters")));
    }
    if name.chars().any(char::is_control) {
        return Err(Error::field(field, "must be on one line"));
    }
    Ok(())
}

/// The form checked; its contacts as they are stored (trimmed).
pub(super) fn check_organisation(form: &OrganisationForm) -> Result<Vec<Contact>, Error> {
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
    let after = organisation_view(&mut tx, id).await?;
    record(&mut tx, &user, "organisation", id, "create", None, Some(audited(&after)?), &state).await?;
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
) -> Result<Json<OrganisationView>, Error> {
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
    let after = organisation_view(&mut tx, id).await?;
    record(&mut tx, &user, "organisation", id, "update", Some(before), Some(audited(&after)?), &state).await?;
    tx.commit().await?;
    Ok(Json(after))
}

/// `POST /api/admin/organisations/{id}/token`: a new API token for the organisation's
/// supervision tools, shown once and stored hashed; it replaces the previous one.
pub async fn create_token(State(state): State<AppState>, user: User, Id(id): Id) -> Result<Response, Error> {
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
    Ok((StatusCode::CREATED, Json(ApiToken { organisation_id: id, token })).into_response())
}

/// `DELETE /api/admin/organisations/{id}/token`: revokes it.
pub async fn revoke_token(State(state): State<AppState>, user: User, Id(id): Id) -> Result<StatusCode, Error> {
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
