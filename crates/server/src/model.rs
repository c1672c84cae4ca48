//! The records Vigie keeps: organisations, sites, users.

use serde::Serialize;
use sqlx::any::AnyRow;
use vigie_engine::{Calendar, Contract, Policy};

use crate::db::{get, get_json, get_parsed};
use crate::error::Error;

pub use vigie_api::Role;

/// A logged-in user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    /// Identifier.
    pub id: i64,
    /// Login name.
    pub username: String,
    /// Name shown.
    pub display_name: String,
    /// Role.
    pub role: Role,
    /// The organisation of a client user.
    pub organisation_id: Option<i64>,
    /// Email, for alerts to supervisors.
    pub email: String,
    /// Phone, offered as the number to call back when the user reports.
    pub phone: String,
    /// The interface language the user chose (`fr`, `en`), empty until they choose.
    pub lang: String,
}

/// The user as `GET /api/me` and `POST /api/login` answer: the shared type, without the
/// email, which only alerts use.
impl From<User> for vigie_api::Me {
    fn from(user: User) -> Self {
        vigie_api::Me {
            id: user.id,
            username: user.username,
            display_name: user.display_name,
            role: user.role,
            organisation_id: user.organisation_id,
            phone: user.phone,
            lang: user.lang,
        }
    }
}

impl User {
    /// Technicians, supervisors and admins: the integrator's staff, who see every client.
    pub fn is_staff(&self) -> bool {
        self.role != Role::Client
    }

    /// Whether the user may see what belongs to `organisation_id`.
    pub fn sees(&self, organisation_id: i64) -> bool {
        self.is_staff() || self.organisation_id == Some(organisation_id)
    }

    /// Staff only, else 403.
    ///
    /// # Errors
    /// [`Error::Forbidden`] for a client user.
    pub fn require_staff(&self) -> Result<(), Error> {
        if self.is_staff() {
            Ok(())
        } else {
            Err(Error::Forbidden(format!("a {} may not do this", self.role)))
        }
    }

    /// Admins only, else 403.
    ///
    /// # Errors
    /// [`Error::Forbidden`] for any other role.
    pub fn require_admin(&self) -> Result<(), Error> {
        if self.role == Role::Admin {
            Ok(())
        } else {
            Err(Error::Forbidden(format!("a {} may not administer Vigie", self.role)))
        }
    }

    pub(crate) fn from_row(row: &AnyRow) -> Result<User, Error> {
        Ok(User {
            id: get(row, "id")?,
            username: get(row, "username")?,
            display_name: get(row, "display_name")?,
            role: get_parsed(row, "role")?,
            organisation_id: get(row, "organisation_id")?,
            email: get(row, "email")?,
            phone: get(row, "phone")?,
            lang: get(row, "lang")?,
        })
    }
}

pub use vigie_api::{Contact, ContactKind};

/// A client organisation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Organisation {
    /// Identifier.
    pub id: i64,
    /// Name.
    pub name: String,
    /// Contract tier.
    pub contract: Contract,
    /// Its own policy, if it has one.
    pub policy: Option<Policy>,
    /// People to tell.
    pub contacts: Vec<Contact>,
}

impl Organisation {
    pub(crate) fn from_row(row: &AnyRow) -> Result<Organisation, Error> {
        let policy: Option<String> = get(row, "policy")?;
        Ok(Organisation {
            id: get(row, "id")?,
            name: get(row, "name")?,
            contract: get_parsed(row, "contract")?,
            policy: policy
                .map(|p| serde_json::from_str(&p))
                .transpose()
                .map_err(|e| Error::Database(format!("policy: {e}")))?,
            contacts: get_json(row, "contacts")?,
        })
    }
}

/// A client's site, as the administration records it and answers it
/// ([`vigie_api::admin::SiteRecord`]); what the server does with it is [`SiteRow`]'s.
pub type Site = vigie_api::admin::SiteRecord;

/// A site read from its row, and its calendar checked.
pub trait SiteRow: Sized {
    /// The calendar, checked.
    ///
    /// # Errors
    /// [`Error::Database`] when the stored calendar is no longer valid.
    fn calendar(&self) -> Result<Calendar, Error>;

    /// The site of a `sites` row.
    ///
    /// # Errors
    /// [`Error::Database`] for a column missing or unreadable.
    fn from_row(row: &AnyRow) -> Result<Self, Error>;
}

impl SiteRow for Site {
    fn calendar(&self) -> Result<Calendar, Error> {
        Calendar::try_from(self.calendar.clone())
            .map_err(|e| Error::Database(format!("site {} calendar: {e}", self.id)))
    }

    fn from_row(row: &AnyRow) -> Result<Site, Error> {
        Ok(Site {
            id: get(row, "id")?,
            organisation_id: get(row, "organisation_id")?,
            name: get(row, "name")?,
            address: get(row, "address")?,
            calendar: get_json(row, "calendar")?,
            sensitive_zones: get_json(row, "sensitive_zones")?,
            technical_contact: get::<Option<String>>(row, "technical_contact")?
                .map(|c| serde_json::from_str(&c))
                .transpose()
                .map_err(|e| Error::Database(format!("technical_contact: {e}")))?,
        })
    }
}
