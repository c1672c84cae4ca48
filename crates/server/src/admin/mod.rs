//! Administration (admin role): organisations and their contacts and policies, sites and
//! their calendars, users, API tokens. Every change is recorded — who, when, before,
//! after — and can be listed.

mod organisations;
mod sites;
mod users;

use axum::routing::{self, post, put};
use axum::{middleware, Router};
use organisations::check_name;
pub(crate) use organisations::organisation_value;
pub use organisations::{
    create_organisation, create_token, organisations, revoke_token, update_organisation, MAX_ADDRESS, MAX_NAME,
    MAX_ZONES,
};
pub use sites::{create_site, update_site};
pub use users::{check_password, create_user, deactivate_user, invite_user, set_password, set_password_of, users};

use axum::extract::State;
use axum::Json;
use serde_json::Value;
use sqlx::AnyConnection;
use vigie_api::admin::AuditEntry;

use crate::auth::{self};
use crate::db::{from_ms, get, to_ms};
use crate::error::Error;
use crate::model::User;
use crate::policies;
use crate::state::AppState;

/// A view as the audit log keeps it.
///
/// # Errors
/// [`Error::Database`] if it cannot be written as JSON.
pub(crate) fn audited(view: &impl serde::Serialize) -> Result<Value, Error> {
    serde_json::to_value(view).map_err(|e| Error::Database(e.to_string()))
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

/// `GET /api/admin/audit`: every administrative change, newest first.
pub async fn audit(State(state): State<AppState>) -> Result<Json<Vec<AuditEntry>>, Error> {
    let rows = sqlx::query("SELECT audit_log.*, users.username FROM audit_log JOIN users ON users.id = audit_log.actor_id ORDER BY audit_log.id DESC LIMIT 1000")
        .fetch_all(state.db.pool())
        .await?;
    let parse = |v: Option<String>| v.and_then(|t| serde_json::from_str::<Value>(&t).ok());
    rows.iter()
        .map(|r| {
            Ok(AuditEntry {
                id: get(r, "id")?,
                actor: get(r, "username")?,
                at: from_ms(get(r, "at")?),
                entity: get(r, "entity")?,
                entity_id: get(r, "entity_id")?,
                action: get(r, "action")?,
                before: parse(get(r, "before")?),
                after: parse(get(r, "after")?),
            })
        })
        .collect::<Result<Vec<_>, Error>>()
        .map(Json)
}

/// The administrator's routes, and only the administrator's: organisations, sites, users,
/// the audit log and the policies.
pub fn router(state: &AppState) -> Router<AppState> {
    Router::new()
        .route("/admin/organisations", routing::get(organisations).post(create_organisation))
        .route("/admin/organisations/{id}", put(update_organisation))
        .route("/admin/organisations/{id}/token", post(create_token).delete(revoke_token))
        .route("/admin/sites", post(create_site))
        .route("/admin/sites/{id}", put(update_site))
        .route("/admin/users", routing::get(users).post(create_user))
        .route("/admin/users/{id}/password", put(set_password))
        .route("/admin/users/{id}/deactivate", post(deactivate_user))
        .route("/admin/users/{id}/invite", post(invite_user))
        .route("/admin/audit", routing::get(audit))
        .route("/admin/policies", routing::get(policies::list))
        .route("/admin/policies/{contract}", put(policies::set).delete(policies::reset))
        .route_layer(middleware::from_fn_with_state(state.clone(), auth::admins_only))
}
