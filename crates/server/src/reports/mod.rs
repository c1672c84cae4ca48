//! SLA compliance reports (per organisation and month): how many incidents, how many
//! promises kept, every breach and its delay, the recurring incidents.
//!
//! The figures come from the stored incidents and their events, judged by the engine with
//! the policy each incident was reported under and its site's calendar — the same rules
//! as the live clocks. Months are calendar months in Paris time.

mod export;

pub use export::{to_csv, to_csv_fr};

use std::collections::BTreeMap;

use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use axum::routing;
use axum::Json;
use axum::Router;
use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use serde::Deserialize;
pub use vigie_api::reports::{Breach, Kept, Recurrent, SatisfactionComment, SatisfactionSummary, SlaReport};
use vigie_engine::sla::{self, ClockKind, ClockState};
use vigie_engine::Priority;

use crate::db::{get, to_ms};
use crate::error::Error;
use crate::extract::ApiQuery;
use crate::incidents::{self, Incident};
use crate::model::SiteRow;
use crate::model::User;
use crate::state::AppState;

/// `?organisation=ID&month=YYYY-MM&format=json|csv`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportQuery {
    organisation: i64,
    month: String,
    #[serde(default)]
    format: Option<String>,
}

/// One promise more in `kept`, on time or not; the percentage to a tenth.
fn count(kept: &mut Kept, on_time: bool) {
    kept.total += 1;
    kept.on_time += u32::from(on_time);
    kept.percent = Some((f64::from(kept.on_time) * 1000.0 / f64::from(kept.total)).round() / 10.0);
}

/// The first instant of a month in Paris, and of the next.
fn month_bounds(month: &str) -> Result<(DateTime<Utc>, DateTime<Utc>), Error> {
    let bad = || Error::field("month", format!("{month:?} is not a month as YYYY-MM"));
    let first = NaiveDate::parse_from_str(&format!("{month}-01"), "%Y-%m-%d").map_err(|_| bad())?;
    let next = first.checked_add_months(chrono::Months::new(1)).ok_or_else(bad)?;
    let paris = chrono_tz::Europe::Paris;
    let start = |d: NaiveDate| {
        paris.from_local_datetime(&d.and_hms_opt(0, 0, 0).unwrap_or_default()).earliest().map(|t| t.with_timezone(&Utc))
    };
    Ok((start(first).ok_or_else(bad)?, start(next).ok_or_else(bad)?))
}

/// The report of an organisation for a month, at `now`.
///
/// # Errors
/// [`Error::NotFound`] for an organisation the user may not see; [`Error::BadRequest`]
/// for a month that is not `YYYY-MM`.
pub async fn build(state: &AppState, user: &User, organisation: i64, month: &str) -> Result<SlaReport, Error> {
    if !user.sees(organisation) {
        return Err(Error::NotFound);
    }
    let (from, to) = month_bounds(month)?;
    let now = state.clock.now();
    let mut conn = state.db.pool().acquire().await?;
    incidents::organisation(&mut conn, organisation).await?;
    let rows = sqlx::query(
        "SELECT * FROM incidents WHERE organisation_id = $1 AND reported_at >= $2 AND reported_at < $3 ORDER BY id",
    )
    .bind(organisation)
    .bind(to_ms(from))
    .bind(to_ms(to))
    .fetch_all(&mut *conn)
    .await?;
    let mut report = SlaReport {
        organisation_id: organisation,
        month: month.to_string(),
        by_priority: BTreeMap::new(),
        by_source: BTreeMap::new(),
        take_charge: Kept::default(),
        on_site: Kept::default(),
        interventions: Kept::default(),
        client_updates: Kept::default(),
        postmortems: Kept::default(),
        gdpr_notices: Kept::default(),
        breaches: Vec::new(),
        recurrent: Vec::new(),
        reopened: 0,
        satisfaction: SatisfactionSummary::default(),
    };
    let mut calendars = std::collections::HashMap::new();
    for row in &rows {
        let incident = Incident::from_row(row)?;
        if let std::collections::hash_map::Entry::Vacant(entry) = calendars.entry(incident.site_id) {
            let site = incidents::site(&mut conn, incident.site_id).await?;
            entry.insert(site.calendar()?);
        }
        let calendar = &calendars[&incident.site_id];
        *report.by_priority.entry(incident.priority.to_string()).or_default() += 1;
        report.reopened += u32::from(incident.times.reopened_at.is_some());
        if let Some(given) = &incident.satisfaction {
            let summary = &mut report.satisfaction;
            let total = summary.average.unwrap_or(0.0) * f64::from(summary.count) + f64::from(given.score);
            summary.count += 1;
            summary.average = Some(total / f64::from(summary.count));
            if let Some(comment) = given.comment.clone().filter(|_| user.is_staff()) {
                summary.comments.push(SatisfactionComment {
                    reference: incident.reference.clone(),
                    incident_id: incident.id,
                    score: given.score,
                    comment,
                });
            }
        }
        *report
            .by_source
            .entry(
                serde_json::to_value(incident.source)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default(),
            )
            .or_default() += 1;
        if incident.recurrent {
            report.recurrent.push(Recurrent { reference: incident.reference.clone(), id: incident.id });
        }
        // Every clock the incident has had: those a reclassification ended too, so that a
        // breach recorded before it stays counted whatever the priority became. A clock the
        // resolution made moot is not applicable: neither kept nor broken.
        let clocks = sla::history(&incident.times, &incident.policy, calendar, now).map_err(Error::Engine)?;
        for (priority, clock) in &clocks {
            let tally = match clock.kind {
                ClockKind::TakeCharge => &mut report.take_charge,
                ClockKind::OnSite => &mut report.on_site,
                ClockKind::InterventionPlanned => &mut report.interventions,
                ClockKind::Postmortem => &mut report.postmortems,
                ClockKind::GdprNotice => &mut report.gdpr_notices,
                // Updates are judged one by one below.
                ClockKind::ClientUpdate | ClockKind::TechnicalReview => continue,
            };
            let late = match (clock.state, clock.reclassified_at) {
                (ClockState::Met | ClockState::Breached, None) => clock.late_by_seconds.unwrap_or(0),
                // Ended by a reclassification: only a breach by then counts.
                (ClockState::Breached, Some(_)) => clock.late_by_seconds.unwrap_or(0),
                _ => continue,
            };
            count(tally, late == 0);
            if late > 0 {
                report.breaches.push(breach(&incident, *priority, clock.kind, clock.due, late));
            }
        }
        judge_updates(&mut conn, &incident, calendar, now, &mut report).await?;
    }
    mark_escalations(&mut conn, &mut report.breaches).await?;
    Ok(report)
}

/// Sets when each breach reached the second level, from the monitor's record of it.
async fn mark_escalations(conn: &mut sqlx::AnyConnection, breaches: &mut [Breach]) -> Result<(), Error> {
    for b in breaches.iter_mut() {
        let at: Option<i64> = sqlx::query_scalar(
            "SELECT created_at FROM alerts WHERE incident_id = $1 AND clock = $2 AND level = $3 AND due = $4",
        )
        .bind(b.incident_id)
        .bind(b.clock.as_str())
        .bind(crate::monitor::ESCALATED)
        .bind(to_ms(b.due))
        .fetch_optional(&mut *conn)
        .await?;
        b.escalated_at = at.map(crate::db::from_ms);
    }
    Ok(())
}

fn breach(incident: &Incident, priority: Priority, clock: ClockKind, due: Option<DateTime<Utc>>, late: i64) -> Breach {
    Breach {
        reference: incident.reference.clone(),
        incident_id: incident.id,
        priority,
        clock,
        due: due.unwrap_or_default(),
        late_by_seconds: late,
        escalated_at: None,
    }
}

/// Each client update due from the take-charge notice to the resolution: on time when the
/// next update (or the resolution) came before the cadence ran out. The cadence is the one
/// of the priority in effect; a reclassification restarts it, and a breach running when it
/// came stays a breach.
async fn judge_updates(
    conn: &mut sqlx::AnyConnection,
    incident: &Incident,
    calendar: &vigie_engine::Calendar,
    now: DateTime<Utc>,
    report: &mut SlaReport,
) -> Result<(), Error> {
    enum Point {
        Sent,
        Reclassified,
        Resolved,
    }
    let times = &incident.times;
    let Some(ack) = times.acknowledged_at else {
        return Ok(());
    };
    let rows = sqlx::query("SELECT at FROM events WHERE incident_id = $1 AND kind = 'update' ORDER BY id")
        .bind(incident.id)
        .fetch_all(&mut *conn)
        .await?;
    let mut points: Vec<(DateTime<Utc>, Point)> = rows
        .iter()
        .map(|r| get::<i64>(r, "at").map(|at| (crate::db::from_ms(at), Point::Sent)))
        .collect::<Result<_, _>>()?;
    points.extend(times.priority_changes.iter().filter(|c| c.at > ack).map(|c| (c.at, Point::Reclassified)));
    points.extend(times.resolved_at.map(|at| (at, Point::Resolved)));
    points.sort_by_key(|(at, _)| *at);
    let due_after = |previous: DateTime<Utc>| -> Result<Option<(Priority, DateTime<Utc>)>, Error> {
        let (priority, _) = times.priority_at(previous);
        incident
            .policy
            .client_update
            .get(priority)
            .map(|cadence| cadence.deadline(previous, calendar).map(|due| (priority, due)))
            .transpose()
            .map_err(Error::Engine)
    };
    let mut previous = ack;
    for (at, point) in points {
        if let Some((priority, due)) = due_after(previous)? {
            match point {
                Point::Sent | Point::Resolved => {
                    count(&mut report.client_updates, at <= due);
                    if at > due {
                        report.breaches.push(breach(
                            incident,
                            priority,
                            ClockKind::ClientUpdate,
                            Some(due),
                            (at - due).num_seconds(),
                        ));
                    }
                }
                Point::Reclassified if at > due => {
                    count(&mut report.client_updates, false);
                    report.breaches.push(breach(
                        incident,
                        priority,
                        ClockKind::ClientUpdate,
                        Some(due),
                        (at - due).num_seconds(),
                    ));
                }
                Point::Reclassified => {}
            }
        }
        previous = at;
        if matches!(point, Point::Resolved) {
            return Ok(());
        }
    }
    // Still open: the update being waited for counts once its time is up.
    if let Some((priority, due)) = due_after(previous)?.filter(|(_, due)| now > *due) {
        count(&mut report.client_updates, false);
        report.breaches.push(breach(incident, priority, ClockKind::ClientUpdate, Some(due), (now - due).num_seconds()));
    }
    Ok(())
}

/// `GET /api/reports/sla`.
pub async fn sla_report(
    State(state): State<AppState>,
    user: User,
    ApiQuery(query): ApiQuery<ReportQuery>,
) -> Result<Response, Error> {
    let report = build(&state, &user, query.organisation, &query.month).await?;
    match query.format.as_deref().unwrap_or("json") {
        "json" => Ok(Json(report).into_response()),
        "csv" => Ok(([(header::CONTENT_TYPE, "text/csv; charset=utf-8")], to_csv(&report)).into_response()),
        "csv-fr" => {
            let name = format!("attachment; filename=\"rapport-sla-{}.csv\"", report.month);
            Ok((
                [(header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()), (header::CONTENT_DISPOSITION, name)],
                to_csv_fr(&report),
            )
                .into_response())
        }
        other => Err(Error::field("format", format!("unknown format {other:?} (expected json, csv or csv-fr)"))),
    }
}

/// The route of the monthly SLA report.
pub fn router() -> Router<AppState> {
    Router::new().route("/reports/sla", routing::get(sla_report))
}
