//! Paging the technician on duty for a P1, by the rules the module's documentation says.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, TimeDelta, Utc};
use serde_json::json;
use vigie_engine::{Calendar, Priority};

use super::stored;
use crate::db::{get, to_ms};
use crate::error::Error;
use crate::events;
use crate::incidents::{self, Incident};
use crate::model::SiteRow;
use crate::model::{Site, User};
use crate::notify::{self, local, Channel, Outgoing};
use crate::state::AppState;
use vigie_api::EventKind;

/// Why a P1 pages the technician on duty.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Rule {
    /// Reported outside its site's business hours: at once.
    OutsideHours,
    /// Still unassigned after the configured delay.
    Unassigned,
}

impl Rule {
    fn as_str(self) -> &'static str {
        match self {
            Rule::OutsideHours => "outside_hours",
            Rule::Unassigned => "unassigned",
        }
    }
}

/// The monitor's look at the P1s: pages those that are due and not yet paged. Returns
/// whether it paged any, and the next instant a page falls due.
///
/// # Errors
/// [`Error::Database`].
pub(crate) async fn check(
    state: &AppState,
    open: &[Incident],
    sites: &HashMap<i64, (Site, Calendar)>,
    now: DateTime<Utc>,
) -> Result<(bool, Option<DateTime<Utc>>), Error> {
    let waiting: Vec<&Incident> = open
        .iter()
        .filter(|i| i.priority == Priority::P1 && i.closed_at.is_none() && i.times.resolved_at.is_none())
        .collect();
    if waiting.is_empty() {
        return Ok((false, None));
    }
    let mut conn = state.db.pool().acquire().await?;
    let rota = stored(&mut conn).await?;
    // A desk without a rota pages nobody.
    if rota.rota.week.is_empty() && rota.rota.exceptions.is_empty() {
        return Ok((false, None));
    }
    let paged: HashSet<i64> = sqlx::query(
        "SELECT oncall_pages.incident_id FROM oncall_pages JOIN incidents ON incidents.id = oncall_pages.incident_id
         WHERE incidents.closed_at IS NULL",
    )
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(|r| get(r, "incident_id"))
    .collect::<Result<_, _>>()?;
    drop(conn);
    let delay = TimeDelta::minutes(i64::from(state.config.oncall.unassigned_minutes));
    let mut next: Option<DateTime<Utc>> = None;
    let mut raised = false;
    for incident in waiting.into_iter().filter(|i| !paged.contains(&i.id)) {
        let Some((site, calendar)) = sites.get(&incident.site_id) else { continue };
        let reported = incident.times.reported_at;
        let rule = if !calendar.is_open(reported) {
            Rule::OutsideHours
        } else if incident.assignee_id.is_some() {
            // Taken in time: nobody needs paging.
            continue;
        } else if reported + delay > now {
            next = Some(next.map_or(reported + delay, |n| n.min(reported + delay)));
            continue;
        } else {
            Rule::Unassigned
        };
        raised |= page(state, incident, site, rule, rota.rota.on_duty(now), now).await?;
    }
    Ok((raised, next))
}

/// Pages the technician on duty about a P1 and gives it to them unless somebody has it, or
/// tells the operations managers that nobody is on duty; once, whichever pass or instance
/// gets there first. Returns whether this call paged.
pub(super) async fn page(
    state: &AppState,
    incident: &Incident,
    site: &Site,
    rule: Rule,
    on_duty: Option<i64>,
    now: DateTime<Utc>,
) -> Result<bool, Error> {
    let mut tx = state.db.begin().await?;
    // Someone on the rota who left the staff is nobody.
    let technician = match on_duty {
        Some(id) => sqlx::query("SELECT * FROM users WHERE id = $1 AND active = 1 AND role <> 'client'")
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?
            .map(|r| User::from_row(&r))
            .transpose()?,
        None => None,
    };
    let inserted = sqlx::query(
        "INSERT INTO oncall_pages (incident_id, rule, user_id, paged_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (incident_id) DO NOTHING",
    )
    .bind(incident.id)
    .bind(rule.as_str())
    .bind(technician.as_ref().map(|t| t.id))
    .bind(to_ms(now))
    .execute(&mut *tx)
    .await?;
    if inserted.rows_affected() != 1 {
        tx.commit().await?;
        return Ok(false);
    }
    let event_id = events::append(
        &mut tx,
        Some(incident.id),
        Some(incident.organisation_id),
        EventKind::OncallPage,
        now,
        None,
        json!({
            "rule": rule.as_str(), "to": technician.as_ref().map(|t| t.display_name.clone()),
            "user_id": technician.as_ref().map(|t| t.id), "reference": incident.reference,
        }),
    )
    .await?;
    let tz = site.calendar()?.time_zone();
    let why = match rule {
        Rule::OutsideHours => "signalé hors heures ouvrées",
        Rule::Unassigned => "toujours sans responsable",
    };
    let subject = format!("[{}] ASTREINTE — P1 {why}, site {}", incident.reference, site.name);
    let body = format!(
        "Incident {} (P1) — site {}\nSignalé le {}\n\n{}\n\n{}\n",
        incident.reference,
        site.name,
        local(incident.times.reported_at, tz),
        incident.description,
        incidents::incident_link(state, incident.id)
    );
    match &technician {
        Some(technician) => {
            let sms = format!("{subject} — détails par email.");
            for (channel, address, text) in
                [(Channel::Sms, &technician.phone, sms), (Channel::Email, &technician.email, body.clone())]
            {
                if address.trim().is_empty() {
                    continue;
                }
                let m = Outgoing {
                    channel,
                    recipient: technician.display_name.clone(),
                    address: address.trim().to_string(),
                    subject: subject.clone(),
                    body: text,
                };
                notify::enqueue(&mut tx, Some(incident.id), event_id, m, now).await?;
            }
            // Given to them unless somebody took it meanwhile.
            let assigned = sqlx::query(
                "UPDATE incidents SET assignee_id = $1, assignee_name = $2 WHERE id = $3 AND assignee_id IS NULL",
            )
            .bind(technician.id)
            .bind(&technician.display_name)
            .bind(incident.id)
            .execute(&mut *tx)
            .await?;
            if assigned.rows_affected() == 1 {
                events::append(
                    &mut tx,
                    Some(incident.id),
                    Some(incident.organisation_id),
                    EventKind::Assigned,
                    now,
                    None,
                    json!({ "from": null, "to": technician.display_name, "oncall": true }),
                )
                .await?;
            }
        }
        None => {
            let subject = format!("[{}] ASTREINTE — personne de service pour un P1 {why}", incident.reference);
            let body = format!("Personne n'est d'astreinte selon le planning.\n\n{body}");
            notify::queue_to_managers(&mut tx, incident.id, &subject, &body, event_id, now).await?;
        }
    }
    tx.commit().await?;
    Ok(true)
}
