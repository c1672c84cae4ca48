//! What the back office's administration reads and sends: accounts, the audit log,
//! organisations and each contract's SLA values.
//!
//! The server writes the views with serde; the back office reads them with
//! [`FromJson`](crate::FromJson) (see [`crate::from_json`] for why not a derived parser).

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use vigie_engine::{CalendarSpec, Contract, Policy};

use crate::{from_json, from_json_by_serde, from_json_by_str, Contact, FromJson, Role};

from_json_by_str!(Role, PolicySource);

/// Read by its code among [`Contract::ALL`], which keeps the engine's error messages out
/// of the back office's bundle.
impl FromJson for Contract {
    fn from_json(value: &Value) -> Result<Self, String> {
        let code = String::from_json(value)?;
        Contract::ALL.into_iter().find(|c| c.as_str() == code).ok_or_else(|| format!("unknown contract {code:?}"))
    }
}
from_json_by_serde!(Policy, Contact, CalendarSpec);

/// An account, as `GET /api/admin/users` lists it (never its password).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct UserAccount {
    /// Identifier.
    pub id: i64,
    /// Login name.
    pub username: String,
    /// Name shown.
    pub display_name: String,
    /// What the user may see and do.
    pub role: Role,
    /// The organisation of a client user.
    pub organisation_id: Option<i64>,
    /// Email address, where invitations and password links go.
    pub email: String,
    /// `false` once deactivated: the account can no longer log in.
    pub active: bool,
}
from_json!(UserAccount { id, username, display_name, role, organisation_id, email, active });

/// The answer to `POST /api/admin/users`: the account made, and whether its owner was
/// invited by email to choose a password.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CreatedUser {
    /// Identifier.
    pub id: i64,
    /// Login name.
    pub username: String,
    /// What the user may see and do.
    pub role: Role,
    /// The organisation of a client user.
    pub organisation_id: Option<i64>,
    /// Always `true` for a new account.
    pub active: bool,
    /// Whether an invitation was sent (no password was given).
    pub invited: bool,
}
from_json!(CreatedUser { id, username, role, organisation_id, active, invited });

/// The answer to `POST /api/admin/users/{id}/deactivate`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Deactivated {
    /// The account.
    pub id: i64,
    /// Always `false`: it can no longer log in, its sessions are over.
    pub active: bool,
}
from_json!(Deactivated { id, active });

/// `POST /api/admin/users`: an account created, and invited by email.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewUser {
    /// Login name.
    pub username: String,
    /// Name shown.
    pub display_name: String,
    /// What the user may see and do.
    pub role: Role,
    /// The organisation of a client user; `None` for staff.
    #[serde(default)]
    pub organisation_id: Option<i64>,
    /// Email address, where the invitation goes.
    #[serde(default)]
    pub email: String,
    /// Mobile phone in E.164 form (`+33612345678`), offered as the number to call back
    /// when the person reports; empty for none.
    #[serde(default)]
    pub phone: String,
    /// Absent or empty: the person is invited by email to choose it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password: Option<String>,
}

/// `PUT /api/admin/users/{id}/password`: a password the administrator sets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewPassword {
    /// 12 characters at least, and not the username.
    pub password: String,
}

/// One administrative change, as `GET /api/admin/audit` lists them, newest first.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditEntry {
    /// Identifier.
    pub id: i64,
    /// Who made the change (username).
    pub actor: String,
    /// When.
    pub at: DateTime<Utc>,
    /// What kind of thing changed (`organisation`, `site`, `user`, …).
    pub entity: String,
    /// Its identifier (0 for a contract's values).
    pub entity_id: i64,
    /// `create`, `update`, `deactivate`, …
    pub action: String,
    /// The thing as it was, if it existed.
    pub before: Option<Value>,
    /// The thing as it became, if it still exists.
    pub after: Option<Value>,
}
from_json!(AuditEntry { id, actor, at, entity, entity_id, action, before, after });

/// An organisation, as the administration lists it and answers its changes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OrganisationView {
    /// Identifier.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Contract tier.
    pub contract: Contract,
    /// Its own SLA values; `None` for its contract's.
    pub policy: Option<Policy>,
    /// The people it wants told.
    pub contacts: Vec<Contact>,
    /// Whether its post-mortems' lessons are shared with other clients, anonymised.
    pub anonymous_lessons: bool,
    /// Whether its supervision tools have an API token.
    pub has_api_token: bool,
}
from_json!(OrganisationView { id, name, contract, policy, contacts, anonymous_lessons, has_api_token });

/// `POST /api/admin/organisations` and `PUT /api/admin/organisations/{id}`: an
/// organisation as the administrator writes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrganisationForm {
    /// Name.
    pub name: String,
    /// Contract tier.
    pub contract: Contract,
    /// The people it wants told.
    #[serde(default)]
    pub contacts: Vec<Contact>,
    /// Whether its lessons are shared with other clients, anonymised.
    #[serde(default)]
    pub anonymous_lessons: bool,
    /// Its own SLA values; `None` for its contract's.
    #[serde(default)]
    pub policy: Option<Policy>,
}

/// `POST /api/admin/sites` and `PUT /api/admin/sites/{id}`: a site as the administrator
/// writes it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SiteForm {
    /// Its organisation.
    pub organisation_id: i64,
    /// Name.
    pub name: String,
    /// Postal address.
    #[serde(default)]
    pub address: String,
    /// Business calendar: time zone, opening hours, holidays.
    pub calendar: CalendarSpec,
    /// Zones the questionnaire offers.
    #[serde(default)]
    pub sensitive_zones: Vec<String>,
}

/// A site as the administration creates, changes and audits it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SiteRecord {
    /// Identifier.
    pub id: i64,
    /// Its organisation.
    pub organisation_id: i64,
    /// Name.
    pub name: String,
    /// Postal address.
    pub address: String,
    /// Business calendar: time zone, opening hours, holidays.
    pub calendar: CalendarSpec,
    /// Zones the questionnaire offers.
    pub sensitive_zones: Vec<String>,
    /// The site's own technical contact, told instead of the organisation's.
    pub technical_contact: Option<Contact>,
}
from_json!(SiteRecord { id, organisation_id, name, address, calendar, sensitive_zones, technical_contact });

/// `POST /api/admin/organisations/{id}/token`: a new API token, shown once.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ApiToken {
    /// The organisation it is for.
    pub organisation_id: i64,
    /// The token, stored only hashed: this is the one time it is seen.
    pub token: String,
}
from_json!(ApiToken { organisation_id, token });

/// Where a contract's SLA values come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PolicySource {
    /// PROC-CRM-002's own values.
    Procedure,
    /// The configuration file's.
    Configuration,
    /// Saved by an administrator.
    Administrator,
}

impl PolicySource {
    /// The code used in data.
    pub fn as_str(self) -> &'static str {
        match self {
            PolicySource::Procedure => "procedure",
            PolicySource::Configuration => "configuration",
            PolicySource::Administrator => "administrator",
        }
    }
}

impl std::str::FromStr for PolicySource {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "procedure" => Ok(PolicySource::Procedure),
            "configuration" => Ok(PolicySource::Configuration),
            "administrator" => Ok(PolicySource::Administrator),
            other => Err(format!("unknown source {other:?}")),
        }
    }
}

/// A contract's SLA values, as `GET /api/admin/policies` lists them and their changes
/// answer.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ContractPolicy {
    /// The contract.
    pub contract: Contract,
    /// The values incidents reported now are under.
    pub policy: Policy,
    /// Where they come from.
    pub source: PolicySource,
}
from_json!(ContractPolicy { contract, policy, source });

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ContactKind;

    /// Each view read back from what serde writes is the view itself: the names
    /// `from_json!` reads are the ones the server writes.
    fn round_trip<T: Serialize + FromJson + PartialEq + std::fmt::Debug>(view: T) {
        let written = serde_json::to_value(&view).unwrap();
        assert_eq!(T::from_json(&written), Ok(view));
    }

    #[test]
    fn views_read_back_what_the_server_writes() {
        round_trip(UserAccount {
            id: 3,
            username: "tech".into(),
            display_name: "Technicien".into(),
            role: Role::Technician,
            organisation_id: None,
            email: "tech@example.org".into(),
            active: true,
        });
        round_trip(AuditEntry {
            id: 1,
            actor: "admin".into(),
            at: DateTime::from_timestamp_millis(1_780_000_000_000).unwrap(),
            entity: "user".into(),
            entity_id: 3,
            action: "deactivate".into(),
            before: Some(serde_json::json!({ "active": true })),
            after: None,
        });
        round_trip(OrganisationView {
            id: 2,
            name: "Banque Premium".into(),
            contract: Contract::Premium,
            policy: Some(Policy::for_contract(Contract::Premium)),
            contacts: vec![Contact {
                kind: ContactKind::Technical,
                name: "Claire".into(),
                email: "claire@example.org".into(),
                phone: String::new(),
            }],
            anonymous_lessons: true,
            has_api_token: false,
        });
        round_trip(ApiToken { organisation_id: 2, token: "vg_abc".into() });
        round_trip(ContractPolicy {
            contract: Contract::Standard,
            policy: Policy::for_contract(Contract::Standard),
            source: PolicySource::Configuration,
        });
        round_trip(CreatedUser {
            id: 4,
            username: "lea".into(),
            role: Role::Client,
            organisation_id: Some(2),
            active: true,
            invited: true,
        });
        round_trip(Deactivated { id: 4, active: false });
        let spec: CalendarSpec = serde_json::from_value(serde_json::json!({
            "time_zone": "Europe/Paris", "hours": { "mon": [["08:00", "18:00"]] },
        }))
        .unwrap();
        round_trip(SiteRecord {
            id: 7,
            organisation_id: 2,
            name: "Agence de Tours".into(),
            address: String::new(),
            calendar: spec,
            sensitive_zones: vec!["Salle des coffres".into()],
            technical_contact: None,
        });
        assert_eq!(<()>::from_json(&serde_json::Value::Null), Ok(()));
    }

    #[test]
    fn a_view_that_is_not_what_the_server_writes_is_refused_where_it_differs() {
        let mut written = serde_json::to_value(ApiToken { organisation_id: 2, token: "t".into() }).unwrap();
        written["organisation_id"] = "2".into();
        assert_eq!(ApiToken::from_json(&written), Err(r#".organisation_id: expected an integer, got "2""#.into()));
        let list = serde_json::json!([{ "organisation_id": 1, "token": "a" }, { "token": "b" }]);
        assert_eq!(Vec::<ApiToken>::from_json(&list), Err("[1].organisation_id: expected an integer, got null".into()));
    }
}
