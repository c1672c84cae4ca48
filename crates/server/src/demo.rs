//! `vigie serve --demo`: two client organisations, their sites and four accounts, created
//! if absent. Demo passwords exist in demo mode only.

use serde_json::json;
use sqlx::Row;

use crate::auth::hash_password;
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

async fn organisation(state: &AppState, name: &str, contract: &str, contacts: serde_json::Value, anonymous_lessons: bool) -> Result<i64, Error> {
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

async fn site(state: &AppState, organisation: i64, name: &str, address: &str, calendar: serde_json::Value, zones: serde_json::Value) -> Result<(), Error> {
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

async fn user(state: &AppState, username: &str, name: &str, role: &str, organisation: Option<i64>, email: &str) -> Result<(), Error> {
    let exists = sqlx::query("SELECT id FROM users WHERE username = $1").bind(username).fetch_optional(state.db.pool()).await?;
    if exists.is_none() {
        sqlx::query(
            "INSERT INTO users (username, password_hash, display_name, role, organisation_id, email) VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (username) DO NOTHING",
        )
        .bind(username)
        .bind(hash_password(username)?)
        .bind(name)
        .bind(role)
        .bind(organisation)
        .bind(email)
        .execute(state.db.pool())
        .await?;
    }
    Ok(())
}

/// Creates the demo data that is missing.
///
/// # Errors
/// [`Error::Database`].
pub async fn create(state: &AppState) -> Result<(), Error> {
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
    user(state, "premium", "Claire Weber", "client", Some(premium), "securite@banque-premium.example").await?;
    user(state, "tech", "Karim Haddad", "technician", None, "astreinte@mileotech.example").await?;
    user(state, "supervisor", "Sophie Laurent", "supervisor", None, "exploitation@mileotech.example").await?;
    user(state, "admin", "Administration Vigie", "admin", None, "").await?;
    Ok(())
}
