//! Playing the history's scripts through the server's own code on a clock set in the past.

use std::collections::HashMap;

use axum::extract::State;
use chrono::{DateTime, Days, NaiveDate, TimeDelta, TimeZone, Utc};
use serde_json::json;
use sqlx::Row;
use vigie_engine::communication::Resolution;
use vigie_engine::postmortem::PlanItem;
use vigie_engine::Calendar;

use super::script::Step::{Acknowledge, Close, OnSite, Proposal, Publish, Reclassify, Resolve, Update};
use super::script::When::{BusinessDay, Minutes};
use super::{Script, Step, ACCOUNTS, HISTORY, PARIS, STRASBOURG};
use crate::error::Error;
use crate::extract::{ApiJson, Id};
use crate::incidents::{self, Action, NewIncident};
use crate::model::SiteRow;
use crate::model::{Site, User};
use crate::state::{AppState, Clock};
use crate::{monitor, postmortems};

/// Why the history's notices were never sent, as the outbox keeps it.
pub(super) const NOT_SENT: &str = "demo history: never sent";

/// Plays [`HISTORY`] when the desk has no incident yet — once: a restart finds the
/// incidents and adds nothing.
///
/// The scripts run on a copy of the state with a clock of its own (the real one is not
/// touched), set to each step's instant in turn, in the order of time across all scripts, so
/// that incidents, events, alerts and post-mortems carry past dates and come in the order a
/// real desk would have written them. Before each step the SLA monitor looks once, at that
/// past instant, so the late promises get their alerts on the timeline as they would have.
///
/// The notices the history queues (client emails and SMS, alerts to the operations manager)
/// are marked `skipped` at the end, with [`NOT_SENT`]: sent now they would reach fictitious
/// contacts weeks late, and marking them delivered would be untrue. The notification
/// worker, started after this, picks up only `pending` messages; `/metrics` counts them
/// apart.
///
/// Each report carries an idempotency key: should two instances start in demo mode on the
/// same empty database at once, the second finds a report already made and stops there.
pub(super) async fn history(state: &AppState) -> Result<(), Error> {
    let pool = state.db.pool();
    if sqlx::query("SELECT id FROM incidents LIMIT 1").fetch_optional(pool).await?.is_some() {
        return Ok(());
    }
    let now = state.clock.now();
    // The history needs the demo sites and accounts as created; on a database where they
    // were changed, there is none.
    let mut sites: HashMap<&str, (Site, Calendar)> = HashMap::new();
    for (organisation, name) in [("Demo Client", PARIS), ("Banque Premium", STRASBOURG)] {
        let row = sqlx::query(
            "SELECT sites.* FROM sites JOIN organisations ON organisations.id = sites.organisation_id
             WHERE organisations.name = $1 AND sites.name = $2",
        )
        .bind(organisation)
        .bind(name)
        .fetch_optional(pool)
        .await?;
        let Some(row) = row else { return Ok(()) };
        let site = Site::from_row(&row)?;
        let calendar = site.calendar()?;
        sites.insert(name, (site, calendar));
    }
    let mut users: HashMap<&str, User> = HashMap::new();
    for (name, _, _) in ACCOUNTS {
        let row = sqlx::query("SELECT * FROM users WHERE username = $1 AND active = 1")
            .bind(name)
            .fetch_optional(pool)
            .await?;
        let Some(row) = row else { return Ok(()) };
        users.insert(name, User::from_row(&row)?);
    }
    // Every step's instant: (when, script, step; `None` is the report).
    let mut plan: Vec<(DateTime<Utc>, usize, Option<usize>)> = Vec::new();
    for (i, script) in HISTORY.iter().enumerate() {
        let (_, calendar) = &sites[script.site];
        let Some(times) = schedule(script, calendar, now) else { continue };
        // The table keeps every step days in the past; a script that would reach the
        // future (a calendar closed for weeks) is left out rather than half played.
        if times.iter().any(|t| *t >= now) {
            continue;
        }
        plan.extend(times.into_iter().enumerate().map(|(j, t)| (t, i, j.checked_sub(1))));
    }
    plan.sort();

    let past = AppState { clock: Clock::default(), ..state.clone() };
    let mut ids: Vec<Option<i64>> = vec![None; HISTORY.len()];
    for (at, i, step) in plan {
        // A millisecond over: `advance` drops the sub-millisecond part, and a step a hair
        // before its minute would show the minute before.
        past.clock.advance(at - past.clock.now() + TimeDelta::milliseconds(1));
        monitor::check(&past).await?;
        let script = &HISTORY[i];
        match step {
            None => match report(&past, &users, &sites, i, script).await? {
                Some(id) => ids[i] = Some(id),
                // Another instance is writing the history.
                None => break,
            },
            Some(j) => {
                let id = ids[i].ok_or_else(|| Error::Database(format!("demo history: script {i} was not reported")))?;
                play(&past, &users, id, &script.steps[j].1).await?;
            }
        }
    }
    for id in ids.into_iter().flatten() {
        sqlx::query(
            "UPDATE outbox SET status = 'skipped', last_error = $1 WHERE incident_id = $2 AND status = 'pending'",
        )
        .bind(NOT_SENT)
        .bind(id)
        .execute(pool)
        .await?;
    }
    Ok(())
}

/// The instants of a script: its report, then each step.
pub(super) fn schedule(script: &Script, calendar: &Calendar, now: DateTime<Utc>) -> Option<Vec<DateTime<Utc>>> {
    let mut day = calendar.local_date(now).checked_sub_days(Days::new(script.days_ago))?;
    for _ in 0..30 {
        if calendar.is_business_day(day) {
            break;
        }
        day = day.pred_opt()?;
    }
    let local = |date: NaiveDate, (hour, minute): (u32, u32)| {
        calendar
            .time_zone()
            .from_local_datetime(&date.and_hms_opt(hour, minute, 0)?)
            .earliest()
            .map(|t| t.with_timezone(&Utc))
    };
    let reported = local(day, script.at)?;
    let mut times = vec![reported];
    for (when, _) in script.steps {
        times.push(match *when {
            Minutes(m) => reported + TimeDelta::minutes(m),
            BusinessDay(n, at) => {
                let mut date = day;
                for _ in 0..n {
                    date = date.succ_opt()?;
                    for _ in 0..30 {
                        if calendar.is_business_day(date) {
                            break;
                        }
                        date = date.succ_opt()?;
                    }
                }
                local(date, at)?
            }
        });
    }
    Some(times)
}

/// Reports a script's incident as its reporter would; `None` when another instance already
/// did.
pub(super) async fn report(
    state: &AppState,
    users: &HashMap<&str, User>,
    sites: &HashMap<&str, (Site, Calendar)>,
    i: usize,
    script: &Script,
) -> Result<Option<i64>, Error> {
    let bad = |what: String| Error::Database(format!("demo history, script {i}: {what}"));
    let answers = match script.answers {
        "" => None,
        text => Some(serde_json::from_str(text).map_err(|e| bad(format!("answers: {e}")))?),
    };
    let request = NewIncident {
        site_id: sites[script.site].0.id,
        description: script.description.to_string(),
        answers,
        on_site_required: Some(script.on_site_required),
        priority: script.override_reason.map(|_| script.priority),
        priority_reason: script.override_reason.map(str::to_string),
        source: script.source,
        reported_at: None,
        ..NewIncident::default()
    };
    let key = format!("demo-history-{i:02}");
    let (view, replayed) = incidents::create(state, &users[script.reporter], request, Some(key)).await?;
    if replayed {
        return Ok(None);
    }
    if view.priority != script.priority {
        return Err(bad(format!("classified {} by {}, the script says {}", view.priority, view.rule, script.priority)));
    }
    Ok(Some(view.id))
}

/// Plays one step on an incident.
pub(super) async fn play(state: &AppState, users: &HashMap<&str, User>, id: i64, step: &Step) -> Result<(), Error> {
    let tech = &users["tech"];
    let supervisor = &users["supervisor"];
    let note = |text: &str| Some(text.to_string());
    let action = match step {
        Acknowledge(text) => Action::Acknowledge { note: note(text) },
        OnSite(text) => Action::OnSite { note: note(text) },
        Update(text) => Action::Update { message: text.to_string() },
        Reclassify(priority, reason) => Action::Reclassify { priority: *priority, reason: reason.to_string() },
        Resolve(root_cause, actions, impact) => Action::Resolve(Resolution {
            root_cause: root_cause.to_string(),
            actions: actions.to_string(),
            security_data_impact: impact.to_string(),
            personal_data_lost: false,
        }),
        Close => Action::Close { note: None },
        Step::PostMortem(text) => {
            let draft = postmortems::of_incident(State(state.clone()), tech.clone(), Id(id)).await?.0;
            let today = state.clock.now().date_naive();
            let mut document = draft.document;
            document.root_cause = text.root_cause.to_string();
            document.corrective_measures = text.corrective.iter().map(|s| s.to_string()).collect();
            document.preventive_measures = text.preventive.iter().map(|s| s.to_string()).collect();
            document.plan = text
                .plan
                .iter()
                .map(|(action, owner, days)| PlanItem {
                    action: action.to_string(),
                    owner: owner.to_string(),
                    due: today.checked_add_days(Days::new(*days)),
                })
                .collect();
            let _ = postmortems::edit(State(state.clone()), tech.clone(), Id(draft.id), ApiJson(document)).await?;
            return Ok(());
        }
        Publish => {
            let draft = postmortems::of_incident(State(state.clone()), supervisor.clone(), Id(id)).await?.0;
            let _ = postmortems::publish(State(state.clone()), supervisor.clone(), Id(draft.id)).await?;
            return Ok(());
        }
        Proposal(description, cost) => {
            let row = sqlx::query("SELECT id FROM recurrence_reviews WHERE incident_id = $1")
                .bind(id)
                .fetch_optional(state.db.pool())
                .await?
                .ok_or_else(|| Error::Database(format!("demo history: incident {id} opened no technical review")))?;
            let review: i64 = row.try_get("id")?;
            let proposal = serde_json::from_value(
                json!({ "description": description, "estimated_cost_eur": cost, "status": "proposed" }),
            )
            .map_err(|e| Error::Database(format!("demo history: proposal: {e}")))?;
            let _ =
                crate::reviews::set_proposal(State(state.clone()), supervisor.clone(), Id(review), ApiJson(proposal))
                    .await?;
            return Ok(());
        }
    };
    incidents::act(state, tech, id, action).await?;
    Ok(())
}
