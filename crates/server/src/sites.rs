//! The sites a caller may report on, each with the policy it would be under.

use std::collections::hash_map::Entry;
use std::collections::HashMap;

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use vigie_api::SiteView;
use vigie_engine::Policy;

use crate::error::Error;
use crate::incidents;
use crate::model::SiteRow;
use crate::model::{Organisation, Site, User};
use crate::state::AppState;

/// The route of the sites.
pub fn router() -> Router<AppState> {
    Router::new().route("/sites", get(sites))
}

/// `GET /api/sites`: the sites the caller may report on, each with the policy an incident
/// reported now would be under, so that the report page promises what the server will
/// count.
async fn sites(State(state): State<AppState>, user: User) -> Result<Json<Vec<SiteView>>, Error> {
    let mut conn = state.db.pool().acquire().await?;
    let rows =
        sqlx::query("SELECT * FROM sites WHERE $1 IS NULL OR organisation_id = $1 ORDER BY organisation_id, name")
            .bind(if user.is_staff() { None } else { Some(user.organisation_id.unwrap_or(-1)) })
            .fetch_all(&mut *conn)
            .await?;
    let mut organisations: HashMap<i64, (Organisation, Policy)> = HashMap::new();
    let mut out = Vec::with_capacity(rows.len());
    for row in rows {
        let site = Site::from_row(&row)?;
        if let Entry::Vacant(entry) = organisations.entry(site.organisation_id) {
            let organisation = incidents::organisation(&mut conn, site.organisation_id).await?;
            let policy = crate::policies::effective(&mut conn, &state, &organisation).await?;
            entry.insert((organisation, policy));
        }
        let (organisation, policy) = &organisations[&site.organisation_id];
        out.push(site_view(site, organisation, *policy));
    }
    out.sort_by(|a, b| (&a.organisation_name, &a.name).cmp(&(&b.organisation_name, &b.name)));
    Ok(Json(out))
}

/// A site as `GET /api/sites` shows it, with its organisation and the policy an incident
/// reported now would be under.
pub(crate) fn site_view(site: Site, organisation: &Organisation, policy: Policy) -> SiteView {
    SiteView {
        id: site.id,
        organisation_id: organisation.id,
        organisation_name: organisation.name.clone(),
        contract: organisation.contract,
        name: site.name,
        address: site.address,
        calendar: site.calendar,
        sensitive_zones: site.sensitive_zones,
        policy,
        technical_contact: site.technical_contact,
    }
}
