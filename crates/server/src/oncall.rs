//! The on-call rota and the paging of P1s.
//!
//! The administrator keeps the rota: a weekly pattern in Paris local time and exceptions
//! between two instants ([`vigie_engine::oncall`] says who is on duty at an instant); staff
//! read it. The SLA monitor pages the technician on duty, by SMS and email through the
//! outbox, once per incident:
//!
//! - a P1 reported outside its site's business hours, at once;
//! - a P1 reported in business hours and still unassigned `[oncall] unassigned_minutes`
//!   (10 by default) after its report; one somebody took in time is not paged.
//!
//! The paged technician is given the incident unless somebody already has it. When the rota
//! leaves nobody on duty, the timeline says so and the operations managers are emailed, as
//! for an SLA alert. A desk without any rota pages nobody.

use std::collections::{HashMap, HashSet};

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::{DateTime, TimeDelta, Utc};
use serde_json::{json, Value};
use sqlx::AnyConnection;
use vigie_api::{
    NewOnCallException, OnCallChange, OnCallException, OnCallPerson, OnCallRota, OnCallSlotView, OnCallWeek,
};
use vigie_engine::oncall::{self, format_time, parse_time, Replacement, Rota, Slot};
use vigie_engine::{Calendar, Priority};

use crate::admin::{record, require_admin};
use crate::db::{from_ms, get, to_ms};
use crate::error::Error;
use crate::events;
use crate::extract::{ApiJson, Id};
use crate::incidents::{self, Incident};
use crate::model::{Site, User};
use crate::notify::{self, local, Channel, Outgoing};
use crate::state::AppState;

/// The event a page records, seen by staff only.
pub const PAGED: &str = "oncall_page";
/// How far ahead `GET /api/oncall` lists the changes.
const AHEAD_DAYS: i64 = 7;
/// The most slots a weekly pattern has (a slot every half hour of the week is 336).
const MAX_SLOTS: usize = 400;

/// The rota as stored, with the names of the people on it.
struct Stored {
    rota: Rota,
    slot_rows: Vec<Slot>,
    exception_ids: Vec<i64>,
    names: HashMap<i64, String>,
}

async fn stored(conn: &mut AnyConnection) -> Result<Stored, Error> {
    let slots = sqlx::query(
        "SELECT weekday, start_minute, end_minute, user_id FROM oncall_slots ORDER BY weekday, start_minute",
    )
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(|r| {
        let small = |column: &str| -> Result<u16, Error> {
            u16::try_from(get::<i64>(r, column)?).map_err(|_| Error::Database(format!("oncall_slots.{column}")))
        };
        Ok(Slot {
            weekday: u8::try_from(small("weekday")?).map_err(|_| Error::Database("oncall_slots.weekday".into()))?,
            start: small("start_minute")?,
            end: small("end_minute")?,
            user_id: get(r, "user_id")?,
        })
    })
    .collect::<Result<Vec<_>, Error>>()?;
    let rows = sqlx::query("SELECT id, starts_at, ends_at, user_id FROM oncall_exceptions ORDER BY id")
        .fetch_all(&mut *conn)
        .await?;
    let mut exceptions = Vec::with_capacity(rows.len());
    let mut exception_ids = Vec::with_capacity(rows.len());
    for r in &rows {
        exception_ids.push(get(r, "id")?);
        exceptions.push(Replacement {
            from: from_ms(get(r, "starts_at")?),
            to: from_ms(get(r, "ends_at")?),
            user_id: get(r, "user_id")?,
        });
    }
    let names = sqlx::query(
        "SELECT id, display_name FROM users WHERE id IN (SELECT user_id FROM oncall_slots)
            OR id IN (SELECT user_id FROM oncall_exceptions)",
    )
    .fetch_all(&mut *conn)
    .await?
    .iter()
    .map(|r| Ok((get(r, "id")?, get(r, "display_name")?)))
    .collect::<Result<_, Error>>()?;
    Ok(Stored { rota: Rota { week: slots.clone(), exceptions }, slot_rows: slots, exception_ids, names })
}

impl Stored {
    fn person(&self, id: i64) -> OnCallPerson {
        OnCallPerson { id, name: self.names.get(&id).cloned().unwrap_or_default() }
    }

    fn view(&self, now: DateTime<Utc>) -> OnCallRota {
        let week = self
            .slot_rows
            .iter()
            .map(|s| OnCallSlotView {
                weekday: s.weekday,
                start: format_time(s.start),
                end: format_time(s.end),
                person: self.person(s.user_id),
            })
            .collect();
        let mut exceptions: Vec<OnCallException> = self
            .rota
            .exceptions
            .iter()
            .zip(&self.exception_ids)
            .filter(|(r, _)| r.to > now)
            .map(|(r, id)| OnCallException { id: *id, from: r.from, to: r.to, person: self.person(r.user_id) })
            .collect();
        exceptions.sort_by_key(|e| (e.from, e.id));
        let changes = self
            .rota
            .changes(now, now + TimeDelta::days(AHEAD_DAYS))
            .into_iter()
            .map(|c| OnCallChange { at: c.at, person: c.user_id.map(|id| self.person(id)) })
            .collect();
        OnCallRota {
            time_zone: oncall::TIME_ZONE.name().to_string(),
            week,
            exceptions,
            now,
            on_duty: self.rota.on_duty(now).map(|id| self.person(id)),
            changes,
        }
    }
}

/// `GET /api/oncall` (staff): the weekly pattern, the exceptions not yet over, who is on
/// duty now and the changes of the coming 7 days.
pub async fn show(State(state): State<AppState>, user: User) -> Result<Json<OnCallRota>, Error> {
    user.require_staff()?;
    let mut conn = state.db.pool().acquire().await?;
    Ok(Json(stored(&mut conn).await?.view(state.clock.now())))
}

/// An active member of staff, or 422 on `field`.
async fn require_staff_member(conn: &mut AnyConnection, field: &str, id: i64) -> Result<(), Error> {
    let row = sqlx::query("SELECT role FROM users WHERE id = $1 AND active = 1").bind(id).fetch_optional(conn).await?;
    match row.map(|r| get::<String>(&r, "role")).transpose()? {
        Some(role) if role != "client" => Ok(()),
        _ => Err(Error::field(field, format!("{id} is not an active member of staff"))),
    }
}

/// The rota as the audit log keeps it.
fn audited(stored: &Stored) -> Value {
    json!({
        "week": stored.slot_rows.iter().map(|s| json!({
            "weekday": s.weekday, "start": format_time(s.start), "end": format_time(s.end), "user_id": s.user_id,
        })).collect::<Vec<_>>(),
    })
}

/// `PUT /api/oncall/week` (admin): replaces the weekly pattern. 422 on `slots[i].weekday`,
/// `.start`, `.end` or `.user_id` for a bad value, an overlap or someone not on the staff.
pub async fn set_week(
    State(state): State<AppState>,
    user: User,
    ApiJson(body): ApiJson<OnCallWeek>,
) -> Result<Json<OnCallRota>, Error> {
    require_admin(&user)?;
    if body.slots.len() > MAX_SLOTS {
        return Err(Error::field("slots", format!("at most {MAX_SLOTS} slots")));
    }
    let mut slots = Vec::with_capacity(body.slots.len());
    for (i, s) in body.slots.iter().enumerate() {
        let time = |field: &str, value: &str| {
            parse_time(value.trim()).ok_or_else(|| {
                Error::field(
                    format!("slots[{i}].{field}"),
                    format!("{value:?} is not a time HH:MM from 00:00 to 24:00"),
                )
            })
        };
        slots.push(Slot {
            weekday: s.weekday,
            start: time("start", &s.start)?,
            end: time("end", &s.end)?,
            user_id: s.user_id,
        });
    }
    oncall::check_week(&slots).map_err(|e| Error::field(format!("slots[{}].{}", e.index, e.field), e.message))?;
    let mut tx = state.db.begin().await?;
    for (i, slot) in slots.iter().enumerate() {
        require_staff_member(&mut tx, &format!("slots[{i}].user_id"), slot.user_id).await?;
    }
    let before = audited(&stored(&mut tx).await?);
    sqlx::query("DELETE FROM oncall_slots").execute(&mut *tx).await?;
    for slot in &slots {
        sqlx::query("INSERT INTO oncall_slots (weekday, start_minute, end_minute, user_id) VALUES ($1, $2, $3, $4)")
            .bind(i64::from(slot.weekday))
            .bind(i64::from(slot.start))
            .bind(i64::from(slot.end))
            .bind(slot.user_id)
            .execute(&mut *tx)
            .await?;
    }
    let after = stored(&mut tx).await?;
    record(&mut tx, &user, "oncall_week", 0, "update", Some(before), Some(audited(&after)), &state).await?;
    tx.commit().await?;
    // Who is on duty may have changed for an incident waiting for its page.
    state.monitor.notify_one();
    Ok(Json(after.view(state.clock.now())))
}

/// `POST /api/oncall/exceptions` (admin): someone on duty from one instant to another,
/// whatever the weekly pattern says. 422 on `to` when it is not after `from`, on `user_id`
/// for someone not on the staff.
pub async fn add_exception(
    State(state): State<AppState>,
    user: User,
    ApiJson(body): ApiJson<NewOnCallException>,
) -> Result<Response, Error> {
    require_admin(&user)?;
    let (from, to) = (body.from.with_timezone(&Utc), body.to.with_timezone(&Utc));
    if to <= from {
        return Err(Error::field("to", "must be after from"));
    }
    if to - from > TimeDelta::days(366) {
        return Err(Error::field("to", "an exception lasts a year at most"));
    }
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    require_staff_member(&mut tx, "user_id", body.user_id).await?;
    let row = sqlx::query(
        "INSERT INTO oncall_exceptions (starts_at, ends_at, user_id, created_by, created_at) VALUES ($1, $2, $3, $4, $5)
         RETURNING id",
    )
    .bind(to_ms(from))
    .bind(to_ms(to))
    .bind(body.user_id)
    .bind(user.id)
    .bind(to_ms(now))
    .fetch_one(&mut *tx)
    .await?;
    let id: i64 = get(&row, "id")?;
    let after = stored(&mut tx).await?;
    let exception = OnCallException { id, from, to, person: after.person(body.user_id) };
    let value = serde_json::to_value(&exception).map_err(|e| Error::Database(e.to_string()))?;
    record(&mut tx, &user, "oncall_exception", id, "create", None, Some(value), &state).await?;
    tx.commit().await?;
    state.monitor.notify_one();
    Ok((StatusCode::CREATED, Json(exception)).into_response())
}

/// `DELETE /api/oncall/exceptions/{id}` (admin).
pub async fn remove_exception(State(state): State<AppState>, user: User, Id(id): Id) -> Result<StatusCode, Error> {
    require_admin(&user)?;
    let mut tx = state.db.begin().await?;
    let row = sqlx::query("SELECT starts_at, ends_at, user_id FROM oncall_exceptions WHERE id = $1")
        .bind(id)
        .fetch_optional(&mut *tx)
        .await?
        .ok_or(Error::NotFound)?;
    let before = json!({
        "id": id, "from": from_ms(get(&row, "starts_at")?), "to": from_ms(get(&row, "ends_at")?),
        "user_id": get::<i64>(&row, "user_id")?,
    });
    sqlx::query("DELETE FROM oncall_exceptions WHERE id = $1").bind(id).execute(&mut *tx).await?;
    record(&mut tx, &user, "oncall_exception", id, "delete", Some(before), None, &state).await?;
    tx.commit().await?;
    state.monitor.notify_one();
    Ok(StatusCode::NO_CONTENT)
}

/// Why a P1 pages the technician on duty.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Rule {
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
async fn page(
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
        PAGED,
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
                    "assigned",
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
