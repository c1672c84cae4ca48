//! The SLA monitor: wakes at the next instant a clock changes state (or when an incident
//! changes), records each at-risk point and breach of an incident's clocks and of a
//! technical review's clock exactly once — a unique key in the
//! database makes that hold across restarts and instances — and tells the operations
//! manager. It also pages the technician on duty about a P1 ([`crate::oncall`]).

use std::collections::{HashMap, HashSet};
use std::time::Duration;

use chrono::{DateTime, Utc};
use serde_json::json;
use vigie_api::EventKind;
use vigie_engine::sla::{self, ClockState};
use vigie_engine::Calendar;

use crate::db::{get, to_ms};
use crate::error::Error;
use crate::events;
use crate::incidents;
use crate::model::Site;
use crate::model::SiteRow;
use crate::notify;
use crate::state::AppState;

/// The longest the monitor sleeps without a reason, in case the clock jumped.
const MAX_SLEEP: Duration = Duration::from_secs(60);
/// Changes that come in a burst are looked at together.
const SETTLE: Duration = Duration::from_millis(200);

/// The alert level of a breach that reached the second level.
pub const ESCALATED: &str = "escalated";

/// Runs the monitor until shutdown.
pub async fn run(state: AppState) {
    loop {
        let next = match check(&state).await {
            Ok(next) => next,
            Err(e) => {
                tracing::error!("SLA monitor: {e}");
                None
            }
        };
        let now = state.clock.now();
        let sleep = next
            .and_then(|t| (t - now).to_std().ok())
            .map_or(MAX_SLEEP, |d| d.min(MAX_SLEEP))
            // A deadline computed to the millisecond: wake just after it.
            + Duration::from_millis(5);
        tokio::select! {
            _ = state.shutdown.cancelled() => return,
            _ = state.monitor.notified() => tokio::time::sleep(SETTLE).await,
            _ = tokio::time::sleep(sleep) => {}
        }
    }
}

/// Looks at every open incident once: records the alerts due, returns when to look again.
///
/// # Errors
/// [`Error::Database`].
pub async fn check(state: &AppState) -> Result<Option<DateTime<Utc>>, Error> {
    let now = state.clock.now();
    let mut conn = state.db.pool().acquire().await?;
    let open = incidents::open_incidents(&mut conn).await?;
    // Each site and its calendar once per pass, however many incidents it has.
    let sites: HashMap<i64, (Site, Calendar)> = sqlx::query("SELECT * FROM sites")
        .fetch_all(&mut *conn)
        .await?
        .iter()
        .map(|row| {
            let site = Site::from_row(row)?;
            let calendar = site.calendar()?;
            Ok((site.id, (site, calendar)))
        })
        .collect::<Result<_, Error>>()?;
    // The alerts already recorded, so that each pass writes only what is new.
    let recorded: HashSet<(i64, String, String, i64)> = sqlx::query(
        "SELECT alerts.incident_id, alerts.clock, alerts.level, alerts.due FROM alerts
         JOIN incidents ON incidents.id = alerts.incident_id
         WHERE incidents.closed_at IS NULL OR incidents.postmortem_published_at IS NULL
            OR (incidents.data_loss_known_at IS NOT NULL AND incidents.gdpr_notice_sent_at IS NULL)
            OR incidents.id IN (SELECT incident_id FROM recurrence_reviews WHERE closed_at IS NULL)",
    )
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(|r| Ok((get(r, "incident_id")?, get(r, "clock")?, get(r, "level")?, get(r, "due")?)))
    .collect::<Result<_, Error>>()?;
    drop(conn);

    let mut conn = state.db.pool().acquire().await?;
    let reviews = crate::reviews::open_reviews(&mut conn).await?;
    drop(conn);

    // Every incident's clocks, then every open review's clock: each alerted the same way.
    let (mut raised, mut next) = crate::oncall::check(state, &open, &sites, now).await?;
    let watched = open.into_iter().map(|i| (None, i)).chain(reviews.into_iter().map(|(opened, i)| (Some(opened), i)));
    for (n, (review_opened, incident)) in watched.enumerate() {
        // A long pass must not hold this worker away from requests.
        if n % 100 == 99 {
            tokio::task::yield_now().await;
        }
        let Some((site, calendar)) = sites.get(&incident.site_id) else { continue };
        // A resolution the client neither confirmed nor contested closes by itself.
        if review_opened.is_none() {
            match incidents::closes_at(&incident, calendar)? {
                Some(at) if at <= now => {
                    raised |= close_unanswered(state, &incident, site, now).await?;
                    continue;
                }
                Some(at) => next = Some(next.map_or(at, |n| n.min(at))),
                None => {}
            }
        }
        let clocks = match review_opened {
            None => sla::clocks(&incident.times, &incident.policy, calendar, now),
            Some(opened) => sla::review_clock(opened, None, &incident.policy, calendar, now).map(|c| vec![c]),
        }
        .map_err(Error::Engine)?;
        if let Some(t) = sla::next_change(&clocks, now) {
            next = Some(next.map_or(t, |n| n.min(t)));
        }
        for clock in &clocks {
            let (level, breached) = match clock.state {
                ClockState::AtRisk => ("at_risk", false),
                ClockState::Breached => ("breached", true),
                _ => continue,
            };
            let Some(due) = clock.due else { continue };
            if recorded.contains(&(incident.id, clock.kind.as_str().to_string(), level.to_string(), to_ms(due))) {
                continue;
            }
            let mut tx = state.db.begin().await?;
            let inserted = sqlx::query(
                "INSERT INTO alerts (incident_id, clock, level, due, created_at) VALUES ($1, $2, $3, $4, $5)
                 ON CONFLICT (incident_id, clock, level, due) DO NOTHING",
            )
            .bind(incident.id)
            .bind(clock.kind.as_str())
            .bind(level)
            .bind(to_ms(due))
            .bind(to_ms(now))
            .execute(&mut *tx)
            .await?;
            // Another instance may have recorded it first: then it alerts, not us.
            if inserted.rows_affected() == 1 {
                let event_id = events::append(
                    &mut tx,
                    Some(incident.id),
                    Some(incident.organisation_id),
                    EventKind::Alert,
                    now,
                    None,
                    json!({ "clock": clock.kind, "level": level, "due": due, "reference": incident.reference, "priority": incident.priority }),
                )
                .await?;
                notify::queue_alert(&mut tx, &incident, site, clock.kind, breached, due, event_id, now).await?;
                raised = true;
            }
            tx.commit().await?;
        }
        // A breach of the incident's promises still open after the policy's delay reaches
        // the second level, once. A technical review's lateness stays the operations
        // manager's.
        for clock in clocks.iter().filter(|_| review_opened.is_none()) {
            let delay = incident.policy.escalation.get(incident.priority);
            let Some(at) = sla::escalation_due(clock, delay, calendar).map_err(Error::Engine)? else {
                continue;
            };
            if at > now {
                next = Some(next.map_or(at, |n| n.min(at)));
                continue;
            }
            let Some(due) = clock.due else { continue };
            if recorded.contains(&(incident.id, clock.kind.as_str().to_string(), ESCALATED.to_string(), to_ms(due))) {
                continue;
            }
            raised |= escalate(state, &incident, site, clock.kind, due, now).await?;
        }
    }
    if raised {
        state.events.poke().await;
        state.outbox.notify_one();
    }
    Ok(next)
}

/// Records that a breach reached the second level and tells them, unless another pass or
/// instance already did: the same unique key as the other alerts makes it once. Returns
/// whether this call recorded it.
async fn escalate(
    state: &AppState,
    incident: &incidents::Incident,
    site: &Site,
    clock: sla::ClockKind,
    due: DateTime<Utc>,
    now: DateTime<Utc>,
) -> Result<bool, Error> {
    let mut tx = state.db.begin().await?;
    let inserted = sqlx::query(
        "INSERT INTO alerts (incident_id, clock, level, due, created_at) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (incident_id, clock, level, due) DO NOTHING",
    )
    .bind(incident.id)
    .bind(clock.as_str())
    .bind(ESCALATED)
    .bind(to_ms(due))
    .bind(to_ms(now))
    .execute(&mut *tx)
    .await?;
    if inserted.rows_affected() != 1 {
        tx.commit().await?;
        return Ok(false);
    }
    let contact = state.config.escalation.as_ref();
    let event_id = events::append(
        &mut tx,
        Some(incident.id),
        Some(incident.organisation_id),
        EventKind::Alert,
        now,
        None,
        json!({
            "clock": clock, "level": ESCALATED, "due": due, "reference": incident.reference,
            "priority": incident.priority, "to": contact.map(|c| c.name.clone()),
        }),
    )
    .await?;
    if let Some(contact) = contact {
        notify::queue_escalation(&mut tx, incident, site, clock, due, contact, event_id, now).await?;
    }
    tx.commit().await?;
    Ok(true)
}

/// Closes a resolved incident whose client neither confirmed the fix nor reopened it in
/// the policy's time, and asks the client how satisfied it is; once, whichever pass or
/// instance gets there first. Returns whether this call closed it.
async fn close_unanswered(
    state: &AppState,
    incident: &incidents::Incident,
    site: &Site,
    now: DateTime<Utc>,
) -> Result<bool, Error> {
    let mut tx = state.db.begin().await?;
    let closed = sqlx::query(
        "UPDATE incidents SET closed_at = $1 WHERE id = $2 AND closed_at IS NULL AND resolved_at IS NOT NULL",
    )
    .bind(to_ms(now))
    .bind(incident.id)
    .execute(&mut *tx)
    .await?;
    if closed.rows_affected() != 1 {
        tx.commit().await?;
        return Ok(false);
    }
    let event_id = events::append(
        &mut tx,
        Some(incident.id),
        Some(incident.organisation_id),
        EventKind::Closed,
        now,
        None,
        json!({ "automatic": true, "resolved_at": incident.times.resolved_at }),
    )
    .await?;
    let org = incidents::organisation(&mut tx, incident.organisation_id).await?;
    let link = incidents::incident_link(state, incident.id);
    crate::notices::queue(
        &mut tx,
        incident,
        site,
        &org,
        crate::notices::ClientNotice::Closure { link: &link },
        event_id,
        now,
    )
    .await?;
    tx.commit().await?;
    Ok(true)
}
