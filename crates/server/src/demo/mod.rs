//! `vigie serve --demo`: two client organisations, their sites and five accounts, created
//! if absent, and on an empty incident desk a few weeks of history, so that the SLA report,
//! the lessons learned and the technical reviews have something to show. Demo passwords
//! exist in demo mode only, and only on a database `--demo` made: a database it did not
//! make is refused ([`claim`]), so that `--demo` never adds `admin`/`admin` to a real desk.
//! The desk also gets an on-call rota ([`rota`]) and an incident being worked on as a team,
//! with its conversation and a photo (`team`).
//!
//! The history's scripts, which are data, are in `script`; `history` plays them.

mod history;
mod script;
mod team;

use history::history;
use script::{Script, Step, HISTORY, PARIS, STRASBOURG};

use chrono::{Days, NaiveDate, TimeZone, Utc};
use serde_json::json;
use sqlx::Row;

use crate::db::to_ms;
use crate::error::Error;
use crate::state::AppState;

/// The demo accounts, `(username, password, role)`, as printed at start-up.
pub const ACCOUNTS: [(&str, &str, &str); 5] = [
    ("client", "client", "client user of Demo Client"),
    ("premium", "premium", "client user of Banque Premium"),
    ("tech", "tech", "technician"),
    ("supervisor", "supervisor", "operations manager"),
    ("admin", "admin", "administrator"),
];

async fn organisation(
    state: &AppState,
    name: &str,
    contract: &str,
    contacts: serde_json::Value,
    anonymous_lessons: bool,
) -> Result<i64, Error> {
    let pool = state.db.pool();
    sqlx::query("INSERT INTO organisations (name, contract, contacts, anonymous_lessons) VALUES ($1, $2, $3, $4) ON CONFLICT (name) DO NOTHING")
        .bind(name)
        .bind(contract)
        .bind(contacts.to_string())
        .bind(i64::from(anonymous_lessons))
        .execute(pool)
        .await?;
    let row = sqlx::query("SELECT id FROM organisations WHERE name = $1").bind(name).fetch_one(pool).await?;
    Ok(row.try_get("id")?)
}

async fn site(
    state: &AppState,
    organisation: i64,
    name: &str,
    address: &str,
    calendar: serde_json::Value,
    zones: serde_json::Value,
) -> Result<(), Error> {
    sqlx::query(
        "INSERT INTO sites (organisation_id, name, address, calendar, sensitive_zones) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (organisation_id, name) DO NOTHING",
    )
    .bind(organisation)
    .bind(name)
    .bind(address)
    .bind(calendar.to_string())
    .bind(zones.to_string())
    .execute(state.db.pool())
    .await?;
    Ok(())
}

async fn user(
    state: &AppState,
    username: &str,
    name: &str,
    role: &str,
    organisation: Option<i64>,
    email: &str,
) -> Result<(), Error> {
    let exists =
        sqlx::query("SELECT id FROM users WHERE username = $1").bind(username).fetch_optional(state.db.pool()).await?;
    if exists.is_none() {
        sqlx::query(
            "INSERT INTO users (username, password_hash, display_name, role, organisation_id, email) VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (username) DO NOTHING",
        )
        .bind(username)
        .bind(state.passwords.hash(username.to_string()).await?)
        .bind(name)
        .bind(role)
        .bind(organisation)
        .bind(email)
        .execute(state.db.pool())
        .await?;
    }
    Ok(())
}

/// The mark a database made by `--demo` carries.
const MARK: &str = "demo";

/// Makes sure the database is a demo one before demo accounts go into it. Accepted: a
/// database marked by `--demo`; an empty one (no account, no organisation, no incident),
/// which is marked now; and one made by `--demo` before the mark existed, recognised by
/// its accounts being only demo accounts whose password is still their username (which
/// `vigie password` never sets), marked now too. Any other database is refused, an
/// administrator named `admin` made with `vigie password` included.
///
/// # Errors
/// [`Error::Refused`] naming the way out; [`Error::Database`].
pub async fn claim(state: &AppState) -> Result<(), Error> {
    let pool = state.db.pool();
    if sqlx::query("SELECT value FROM settings WHERE key = $1").bind(MARK).fetch_optional(pool).await?.is_some() {
        return Ok(());
    }
    let count = |table: &'static str| async move {
        let row = sqlx::query(&format!("SELECT COUNT(*) AS n FROM {table}")).fetch_one(pool).await?;
        Ok::<i64, Error>(row.try_get("n")?)
    };
    let (organisations, incidents) = (count("organisations").await?, count("incidents").await?);
    let rows = sqlx::query("SELECT username FROM users").fetch_all(pool).await?;
    let usernames: Vec<String> = rows.iter().map(|r| r.try_get("username")).collect::<Result<_, _>>()?;
    let empty = usernames.is_empty() && organisations == 0 && incidents == 0;
    let made_by_demo = !empty && !usernames.is_empty() && {
        let demo_names = usernames.iter().all(|u| ACCOUNTS.iter().any(|(demo, _, _)| demo == u));
        demo_names && {
            let weak = crate::passwords::accounts_named_as_their_password(&state.db, &state.passwords).await?;
            weak.len() == usernames.len()
        }
    };
    if !empty && !made_by_demo {
        return Err(Error::Refused(format!(
            "--demo refused: this database was not made by --demo and is not empty ({} account(s), {organisations} organisation(s), {incidents} incident(s)); demo accounts would open it with known passwords. Use a new database for the demo (--database-url sqlite://data/demo.db)",
            usernames.len()
        )));
    }
    sqlx::query("INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING")
        .bind(MARK)
        .bind(state.clock.now().to_rfc3339())
        .execute(pool)
        .await?;
    Ok(())
}

/// Creates the demo data that is missing: organisations, sites and accounts
/// ([`accounts`]), then the history when the desk has no incident yet ([`history`]), then
/// the on-call rota when there is none ([`rota`]), then the incident worked on as a team
/// when the desk does not have it.
///
/// # Errors
/// [`Error::Database`]; any error of the incident code paths while the history is played
/// (a script that no longer classifies as written says so).
pub async fn create(state: &AppState) -> Result<(), Error> {
    accounts(state).await?;
    history(state).await?;
    rota(state).await?;
    team::team_incident(state).await
}

/// The demo rota, when the desk has none: Karim Haddad (`tech`) on call on weeknights,
/// 18:00 to 08:00, Sophie Laurent (`supervisor`) from Friday 18:00 to Monday 08:00, and an
/// exception: Sophie replaces Karim the night of the day after tomorrow. Karim gets a
/// mobile number, for the SMS. Made after the history, which stays as it was played.
///
/// # Errors
/// [`Error::Database`].
pub async fn rota(state: &AppState) -> Result<(), Error> {
    let pool = state.db.pool();
    let empty = sqlx::query("SELECT id FROM oncall_slots LIMIT 1").fetch_optional(pool).await?.is_none()
        && sqlx::query("SELECT id FROM oncall_exceptions LIMIT 1").fetch_optional(pool).await?.is_none();
    let id = |username: &'static str| async move {
        let row = sqlx::query("SELECT id FROM users WHERE username = $1 AND active = 1")
            .bind(username)
            .fetch_optional(pool)
            .await?;
        row.map(|r| r.try_get::<i64, _>("id")).transpose().map_err(Error::from)
    };
    let (Some(tech), Some(supervisor)) = (id("tech").await?, id("supervisor").await?) else { return Ok(()) };
    if !empty {
        return Ok(());
    }
    sqlx::query("UPDATE users SET phone = $1 WHERE id = $2 AND phone = ''")
        .bind("+33600000101")
        .bind(tech)
        .execute(pool)
        .await?;
    let (evening, morning, midnight) = (18 * 60, 8 * 60, 24 * 60);
    let mut week: Vec<(i64, i64, i64, i64)> = (1..=4).map(|day| (day, evening, morning, tech)).collect();
    week.extend([(5, evening, midnight, supervisor), (6, 0, midnight, supervisor), (7, 0, midnight, supervisor)]);
    week.push((1, 0, morning, supervisor));
    let mut tx = state.db.begin().await?;
    for (weekday, start, end, user) in week {
        sqlx::query("INSERT INTO oncall_slots (weekday, start_minute, end_minute, user_id) VALUES ($1, $2, $3, $4)")
            .bind(weekday)
            .bind(start)
            .bind(end)
            .bind(user)
            .execute(&mut *tx)
            .await?;
    }
    let now = state.clock.now();
    let tz = vigie_engine::oncall::TIME_ZONE;
    let day = now.with_timezone(&tz).date_naive() + Days::new(2);
    let at = |date: NaiveDate, hour: u32| {
        date.and_hms_opt(hour, 0, 0).and_then(|t| tz.from_local_datetime(&t).earliest()).map(|t| t.with_timezone(&Utc))
    };
    if let (Some(from), Some(to)) = (at(day, 18), at(day + Days::new(1), 8)) {
        sqlx::query(
            "INSERT INTO oncall_exceptions (starts_at, ends_at, user_id, created_by, created_at) VALUES ($1, $2, $3, NULL, $4)",
        )
        .bind(to_ms(from))
        .bind(to_ms(to))
        .bind(supervisor)
        .bind(to_ms(now))
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

/// Creates the demo organisations, sites and accounts that are missing, without history:
/// what tests that need an empty desk start from.
///
/// # Errors
/// [`Error::Database`].
pub async fn accounts(state: &AppState) -> Result<(), Error> {
    let demo = organisation(
        state,
        "Demo Client",
        "standard",
        json!([
            {"kind": "technical", "name": "Julie Martin", "email": "julie.martin@demo-client.example", "phone": "+33612345678"},
            {"kind": "management", "name": "Paul Bernard", "email": "direction@demo-client.example", "phone": "+33698765432"}
        ]),
        false,
    )
    .await?;
    let premium = organisation(
        state,
        "Banque Premium",
        "premium",
        json!([
            {"kind": "technical", "name": "Claire Weber", "email": "securite@banque-premium.example", "phone": "+33388112233"},
            {"kind": "management", "name": "Marc Schmitt", "email": "direction@banque-premium.example", "phone": "+33388445566"}
        ]),
        // A bank that wants its name left out of internal lessons learned.
        true,
    )
    .await?;
    site(
        state,
        demo,
        "Siège Paris",
        "47 boulevard de Courcelles, 75008 Paris",
        json!({"time_zone": "Europe/Paris", "holidays": "FR"}),
        json!(["Salle serveurs", "Accueil", "Parking"]),
    )
    .await?;
    site(
        state,
        premium,
        "Agence Strasbourg",
        "1 place Kléber, 67000 Strasbourg",
        json!({"time_zone": "Europe/Paris", "holidays": "FR-ALSACE-MOSELLE"}),
        json!(["Salle des coffres", "Hall clients"]),
    )
    .await?;
    user(state, "client", "Julie Martin", "client", Some(demo), "julie.martin@demo-client.example").await?;
    // Her mobile, offered as the number to call back when she reports.
    sqlx::query("UPDATE users SET phone = $1 WHERE username = 'client' AND phone = ''")
        .bind("+33612345678")
        .execute(state.db.pool())
        .await?;
    user(state, "premium", "Claire Weber", "client", Some(premium), "securite@banque-premium.example").await?;
    user(state, "tech", "Karim Haddad", "technician", None, "astreinte@mileotech.example").await?;
    user(state, "supervisor", "Sophie Laurent", "supervisor", None, "exploitation@mileotech.example").await?;
    user(state, "admin", "Administration Vigie", "admin", None, "").await?;
    Ok(())
}
