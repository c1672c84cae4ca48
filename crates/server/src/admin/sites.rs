//! Sites: their address, calendar and sensitive zones.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::Value;
use sqlx::AnyConnection;
use vigie_api::admin::{SiteForm, SiteRecord};
use vigie_engine::Calendar;

use super::{check_name, record, require_organisation, taken, MAX_ADDRESS, MAX_ZONES};
use crate::db::get;
use crate::error::Error;
use crate::extract::{ApiJson, Id};
use crate::model::{Site, SiteRow, User};
use crate::state::AppState;

pub(super) fn check_site(form: &SiteForm) -> Result<(), Error> {
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

pub(super) async fn site_record(conn: &mut AnyConnection, id: i64) -> Result<SiteRecord, Error> {
    let row = sqlx::query("SELECT * FROM sites WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?
        .ok_or(Error::NotFound)?;
    Site::from_row(&row)
}

/// A site as the audit log keeps it.
fn audited(site: &SiteRecord) -> Result<Value, Error> {
    serde_json::to_value(site).map_err(|e| Error::Database(e.to_string()))
}

/// `POST /api/admin/sites`.
pub async fn create_site(
    State(state): State<AppState>,
    user: User,
    ApiJson(form): ApiJson<SiteForm>,
) -> Result<Response, Error> {
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
    let after = site_record(&mut tx, id).await?;
    record(&mut tx, &user, "site", id, "create", None, Some(audited(&after)?), &state).await?;
    tx.commit().await?;
    Ok((StatusCode::CREATED, Json(after)).into_response())
}

/// `PUT /api/admin/sites/{id}`.
pub async fn update_site(
    State(state): State<AppState>,
    user: User,
    Id(id): Id,
    ApiJson(form): ApiJson<SiteForm>,
) -> Result<Json<SiteRecord>, Error> {
    check_site(&form)?;
    let mut tx = state.db.begin().await?;
    let before = audited(&site_record(&mut tx, id).await?)?;
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
    let after = site_record(&mut tx, id).await?;
    record(&mut tx, &user, "site", id, "update", Some(before), Some(audited(&after)?), &state).await?;
    tx.commit().await?;
    Ok(Json(after))
}
