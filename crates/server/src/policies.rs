//! The SLA values each contract promises. The procedure's values (the engine's
//! [`Policy::for_contract`]) hold by default; the configuration file may replace a
//! contract's, and the administrator may replace them again from the app, stored here so
//! that every instance applies the same ones. An organisation may also have its own.
//!
//! An incident keeps the policy it was reported under: a change applies to incidents
//! reported after it, never to those already open.

use axum::extract::State;
use axum::Json;
use serde_json::Value;
use sqlx::AnyConnection;
use vigie_api::admin::{ContractPolicy, PolicySource};
use vigie_engine::{Contract, Policy};

use crate::admin::{audited, record};
use crate::db::{get, to_ms};
use crate::error::Error;
use crate::extract::{ApiJson, Word};
use crate::model::{Organisation, User};
use crate::state::AppState;

/// Where a contract's values come from.
fn source(stored: bool, configured: bool) -> PolicySource {
    match (stored, configured) {
        (true, _) => PolicySource::Administrator,
        (false, true) => PolicySource::Configuration,
        (false, false) => PolicySource::Procedure,
    }
}

/// The administrator's values for a contract, if any.
async fn stored(conn: &mut AnyConnection, contract: Contract) -> Result<Option<Policy>, Error> {
    let row = sqlx::query("SELECT policy FROM contract_policies WHERE contract = $1")
        .bind(contract.as_str())
        .fetch_optional(&mut *conn)
        .await?;
    match row {
        None => Ok(None),
        Some(row) => {
            let text: String = get(&row, "policy")?;
            serde_json::from_str(&text)
                .map(Some)
                .map_err(|e| Error::Database(format!("stored policy of {}: {e}", contract.as_str())))
        }
    }
}

/// The policy a contract promises today: the administrator's, else the configuration's,
/// else the procedure's.
///
/// # Errors
/// [`Error::Database`].
pub async fn of_contract(conn: &mut AnyConnection, state: &AppState, contract: Contract) -> Result<Policy, Error> {
    Ok(stored(conn, contract).await?.unwrap_or_else(|| state.config.policy(contract)))
}

/// The policy an organisation's new incidents are reported under: its own, else its
/// contract's.
///
/// # Errors
/// [`Error::Database`].
pub async fn effective(
    conn: &mut AnyConnection,
    state: &AppState,
    organisation: &Organisation,
) -> Result<Policy, Error> {
    match organisation.policy {
        Some(own) => Ok(own),
        None => of_contract(conn, state, organisation.contract).await,
    }
}

async fn contract_policy(
    conn: &mut AnyConnection,
    state: &AppState,
    contract: Contract,
) -> Result<ContractPolicy, Error> {
    let stored = stored(conn, contract).await?;
    let configured = state.config.policies.contains_key(contract.as_str());
    let policy = stored.unwrap_or_else(|| state.config.policy(contract));
    Ok(ContractPolicy { contract, policy, source: source(stored.is_some(), configured) })
}

/// A contract's values as the audit log keeps them.
async fn contract_value(conn: &mut AnyConnection, state: &AppState, contract: Contract) -> Result<Value, Error> {
    audited(&contract_policy(conn, state, contract).await?)
}

/// `GET /api/admin/policies`: each contract's values and where they come from
/// (`procedure`, `configuration` or `administrator`).
pub async fn list(State(state): State<AppState>) -> Result<Json<Vec<ContractPolicy>>, Error> {
    let mut conn = state.db.pool().acquire().await?;
    let mut out = Vec::new();
    for contract in Contract::ALL {
        out.push(contract_policy(&mut conn, &state, contract).await?);
    }
    Ok(Json(out))
}

fn contract_of(text: &str) -> Result<Contract, Error> {
    text.parse::<Contract>().map_err(|e| Error::field("contract", e.to_string()))
}

/// `PUT /api/admin/policies/{contract}`: new values for a contract, checked by the engine.
pub async fn set(
    State(state): State<AppState>,
    user: User,
    Word(contract): Word,
    ApiJson(policy): ApiJson<Policy>,
) -> Result<Json<ContractPolicy>, Error> {
    let contract = contract_of(&contract)?;
    policy.validate().map_err(|e| Error::field("policy", e.to_string()))?;
    let mut tx = state.db.begin().await?;
    let before = contract_value(&mut tx, &state, contract).await?;
    sqlx::query("DELETE FROM contract_policies WHERE contract = $1").bind(contract.as_str()).execute(&mut *tx).await?;
    sqlx::query("INSERT INTO contract_policies (contract, policy, updated_at) VALUES ($1, $2, $3)")
        .bind(contract.as_str())
        .bind(serde_json::to_string(&policy).map_err(|e| Error::Database(e.to_string()))?)
        .bind(to_ms(state.clock.now()))
        .execute(&mut *tx)
        .await?;
    let after = contract_policy(&mut tx, &state, contract).await?;
    record(&mut tx, &user, "contract_policy", 0, "update", Some(before), Some(audited(&after)?), &state).await?;
    tx.commit().await?;
    Ok(Json(after))
}

/// `DELETE /api/admin/policies/{contract}`: back to the configuration's or the
/// procedure's values.
pub async fn reset(
    State(state): State<AppState>,
    user: User,
    Word(contract): Word,
) -> Result<Json<ContractPolicy>, Error> {
    let contract = contract_of(&contract)?;
    let mut tx = state.db.begin().await?;
    let before = contract_value(&mut tx, &state, contract).await?;
    sqlx::query("DELETE FROM contract_policies WHERE contract = $1").bind(contract.as_str()).execute(&mut *tx).await?;
    let after = contract_policy(&mut tx, &state, contract).await?;
    record(&mut tx, &user, "contract_policy", 0, "reset", Some(before), Some(audited(&after)?), &state).await?;
    tx.commit().await?;
    Ok(Json(after))
}
