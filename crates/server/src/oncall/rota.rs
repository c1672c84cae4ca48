//! The rota as the administrator keeps it and staff read it.

use std::collections::HashMap;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{self, delete, post, put};
use axum::Json;
use axum::{middleware, Router};
use chrono::{DateTime, TimeDelta, Utc};
use serde_json::{json, Value};
use sqlx::AnyConnection;
use vigie_api::{
    NewOnCallException, OnCallChange, OnCallException, OnCallPerson, OnCallRota, OnCallSlotView, OnCallWeek,
};
use vigie_engine::oncall::{self, format_time, parse_time, Replacement, Rota, Slot};

use super::{AHEAD_DAYS, MAX_SLOTS};
use crate::admin::record;
use crate::auth;
use crate::db::{from_ms, get, to_ms};
use crate::error::Error;
use crate::extract::{ApiJson, Id};
use crate::model::User;
use crate::state::AppState;

/// The rota as stored, with the names of the people on it.
pub(super) struct Stored {
    pub(super) rota: Rota,
    pub(super) slot_rows: Vec<Slot>,
    pub(super) exception_ids: Vec<i64>,
    pub(super) names: HashMap<i64, String>,
}

pub(super) async fn stored(conn: &mut AnyConnection) -> Result<Stored, Error> {
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
pub async fn show(State(state): State<AppState>) -> Result<Json<OnCallRota>, Error> {
    let mut conn = state.db.pool().acquire().await?;
    Ok(Json(stored(&mut conn).await?.view(state.clock.now())))
}

/// An active member of staff, or 422 on `field`.
pub(super) async fn require_staff_member(conn: &mut AnyConnection, field: &str, id: i64) -> Result<(), Error> {
    let row = sqlx::query("SELECT role FROM users WHERE id = $1 AND active = 1").bind(id).fetch_optional(conn).await?;
    match row.map(|r| get::<String>(&r, "role")).transpose()? {
        Some(role) if role != "client" => Ok(()),
        _ => Err(Error::field(field, format!("{id} is not an active member of staff"))),
    }
}

/// The rota as the audit log keeps it.
pub(super) fn audited(stored: &Stored) -> Value {
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

/// The routes of the rota: staff read it, the administrator keeps it.
pub fn router(state: &AppState) -> Router<AppState> {
    let for_admins = Router::new()
        .route("/oncall/week", put(set_week))
        .route("/oncall/exceptions", post(add_exception))
        .route("/oncall/exceptions/{id}", delete(remove_exception))
        .route_layer(middleware::from_fn_with_state(state.clone(), auth::admins_only));
    Router::new()
        .route("/oncall", routing::get(show))
        .route_layer(middleware::from_fn_with_state(state.clone(), auth::staff_only))
        .merge(for_admins)
}
