//! The people a client designates to be told of its incidents: its organisation's
//! technical and management contacts, and, for a site, a technical contact of its own.
//!
//! The procedure sends every notice to "le contact technique désigné par le client": the
//! client keeps these up to date itself, not only the administrator. A client user edits
//! those of its own organisation (any other organisation is 404, as everywhere); a
//! supervisor or an administrator may edit anyone's, and every member of staff may read
//! them. Each change is checked as the administrator's form checks it and recorded in the
//! audit log as an administrator's change is.

use axum::extract::State;
use axum::routing::{get, put};
use axum::Json;
use axum::Router;
use vigie_api::{Contacts, SiteContact, SiteView};

use crate::admin::{organisation_value, record};
use crate::error::Error;
use crate::extract::{ApiJson, Id};
use crate::incidents;
use crate::model::{Contact, ContactKind, Role, User};
use crate::state::AppState;

/// The most contacts an organisation may have: each is told of every notice of its kind,
/// so a list this long is already a mailing list.
pub const MAX_CONTACTS: usize = 20;
/// The longest name of a contact, in characters.
pub const MAX_NAME: usize = 100;
/// The longest email address (RFC 5321's limit on a path).
pub const MAX_EMAIL: usize = 254;

/// An email address: something before and after one `@`, a dot in the domain.
pub(crate) fn valid_email(email: &str) -> bool {
    let Some((local, domain)) = email.split_once('@') else { return false };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !email.contains(char::is_whitespace)
        && !domain.contains('@')
}

/// E.164: `+`, then 8 to 15 digits, the first not 0.
pub(crate) fn valid_phone(phone: &str) -> bool {
    phone.strip_prefix('+').is_some_and(|digits| {
        (8..=15).contains(&digits.len()) && digits.chars().all(|c| c.is_ascii_digit()) && !digits.starts_with('0')
    })
}

/// One contact, its texts trimmed, checked under `at` (`contacts[0]`, `contact`): a name
/// on one line, an email address, a mobile phone in E.164 form or none (no SMS then).
///
/// # Errors
/// [`Error::BadRequest`] naming the field (`contacts[0].email`).
pub(crate) fn checked(contact: &Contact, at: &str) -> Result<Contact, Error> {
    let (name, email, phone) = (contact.name.trim(), contact.email.trim(), contact.phone.trim());
    if name.is_empty() {
        return Err(Error::field(format!("{at}.name"), "required"));
    }
    if name.chars().count() > MAX_NAME {
        return Err(Error::field(format!("{at}.name"), format!("at most {MAX_NAME} characters")));
    }
    if name.chars().any(char::is_control) {
        return Err(Error::field(format!("{at}.name"), "must be on one line"));
    }
    if email.chars().count() > MAX_EMAIL || !valid_email(email) {
        return Err(Error::field(format!("{at}.email"), format!("{email:?} is not an email address")));
    }
    if !phone.is_empty() && !valid_phone(phone) {
        return Err(Error::field(
            format!("{at}.phone"),
            format!("{phone:?} is not a mobile number in E.164 form (+33612345678); leave it empty for email only"),
        ));
    }
    Ok(Contact { kind: contact.kind, name: name.to_string(), email: email.to_string(), phone: phone.to_string() })
}

/// Every contact checked ([`checked`]), as the administrator's form and the client's both
/// check them.
///
/// # Errors
/// [`Error::BadRequest`] naming the first field at fault (`contacts[1].phone`).
pub(crate) fn check_contacts(contacts: &[Contact]) -> Result<Vec<Contact>, Error> {
    if contacts.len() > MAX_CONTACTS {
        return Err(Error::field("contacts", format!("at most {MAX_CONTACTS} contacts")));
    }
    contacts.iter().enumerate().map(|(i, c)| checked(c, &format!("contacts[{i}]"))).collect()
}

/// Who may change the contacts of `organisation_id`: a client user of that organisation,
/// a supervisor or an administrator. Anyone else of the client's side gets 404, as for
/// anything of another organisation; a technician 403.
fn may_edit(user: &User, organisation_id: i64) -> Result<(), Error> {
    if !user.sees(organisation_id) {
        return Err(Error::NotFound);
    }
    match user.role {
        Role::Client | Role::Supervisor | Role::Admin => Ok(()),
        Role::Technician => Err(Error::Forbidden("a technician may read a client's contacts, not change them".into())),
    }
}

/// `GET /api/organisations/{id}/contacts`: the organisation's contacts.
pub async fn organisation_contacts(
    State(state): State<AppState>,
    user: User,
    Id(id): Id,
) -> Result<Json<Contacts>, Error> {
    if !user.sees(id) {
        return Err(Error::NotFound);
    }
    let mut conn = state.db.pool().acquire().await?;
    let organisation = incidents::organisation(&mut conn, id).await?;
    Ok(Json(Contacts { contacts: organisation.contacts }))
}

/// `PUT /api/organisations/{id}/contacts`: replaces the organisation's contacts. There
/// must stay at least one technical contact: the procedure tells the technical contact of
/// every incident, and nobody would be told.
pub async fn set_organisation_contacts(
    State(state): State<AppState>,
    user: User,
    Id(id): Id,
    ApiJson(body): ApiJson<Contacts>,
) -> Result<Json<Contacts>, Error> {
    may_edit(&user, id)?;
    let contacts = check_contacts(&body.contacts)?;
    if !contacts.iter().any(|c| c.kind == ContactKind::Technical) {
        return Err(Error::field(
            "contacts",
            "at least one technical contact is required: every notice of an incident goes to the technical contact, and nobody would be told",
        ));
    }
    let mut tx = state.db.begin().await?;
    // The organisation as the audit log shows an administrator's change of it.
    let before = organisation_value(&mut tx, id).await?;
    sqlx::query("UPDATE organisations SET contacts = $1 WHERE id = $2")
        .bind(serde_json::to_string(&contacts).map_err(|e| Error::Database(e.to_string()))?)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    let after = organisation_value(&mut tx, id).await?;
    record(&mut tx, &user, "organisation", id, "contacts", Some(before), Some(after), &state).await?;
    tx.commit().await?;
    Ok(Json(Contacts { contacts }))
}

/// `PUT /api/sites/{id}/technical-contact`: the site's own technical contact, told of the
/// site's incidents instead of the organisation's technical contacts (management is still
/// told as the procedure says); `null` gives the site back to the organisation's. The
/// answer is the site as `GET /api/sites` shows it.
pub async fn set_site_contact(
    State(state): State<AppState>,
    user: User,
    Id(id): Id,
    ApiJson(body): ApiJson<SiteContact>,
) -> Result<Json<SiteView>, Error> {
    let mut tx = state.db.begin().await?;
    let site = incidents::site(&mut tx, id).await?;
    may_edit(&user, site.organisation_id)?;
    let contact = match &body.contact {
        None => None,
        Some(c) if c.kind != ContactKind::Technical => {
            return Err(Error::field(
                "contact.kind",
                "a site's own contact is its technical contact: kind must be \"technical\"",
            ))
        }
        Some(c) => Some(checked(c, "contact")?),
    };
    let before = serde_json::to_value(&site).map_err(|e| Error::Database(e.to_string()))?;
    let stored = contact.as_ref().map(serde_json::to_string).transpose().map_err(|e| Error::Database(e.to_string()))?;
    sqlx::query("UPDATE sites SET technical_contact = $1 WHERE id = $2")
        .bind(stored)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    let site = incidents::site(&mut tx, id).await?;
    let after = serde_json::to_value(&site).map_err(|e| Error::Database(e.to_string()))?;
    record(&mut tx, &user, "site", id, "technical_contact", Some(before), Some(after), &state).await?;
    let organisation = incidents::organisation(&mut tx, site.organisation_id).await?;
    let policy = crate::policies::effective(&mut tx, &state, &organisation).await?;
    tx.commit().await?;
    Ok(Json(crate::sites::site_view(site, &organisation, policy)))
}

/// The routes of contacts: an organisation's, and a site's technical contact.
pub fn router() -> Router<AppState> {
    Router::new()
        .route("/sites/{id}/technical-contact", put(set_site_contact))
        .route("/organisations/{id}/contacts", get(organisation_contacts).put(set_organisation_contacts))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn contact(name: &str, email: &str, phone: &str) -> Contact {
        Contact { kind: ContactKind::Technical, name: name.into(), email: email.into(), phone: phone.into() }
    }

    #[test]
    fn addresses_and_numbers_are_checked() {
        assert!(valid_email("julie.martin@demo-client.example"));
        assert!(!valid_email("julie.martin@localhost"));
        assert!(!valid_email("julie martin@x.fr"));
        assert!(valid_phone("+33612345678"));
        assert!(!valid_phone("0612345678"));
        assert!(!valid_phone("+33 6 12 34 56 78"));
    }

    #[test]
    fn a_contact_is_trimmed_and_its_phone_may_be_empty() {
        let c = checked(&contact(" Nadia Haddad ", " nadia@client.example ", " "), "contact").expect("valid");
        assert_eq!((c.name.as_str(), c.email.as_str(), c.phone.as_str()), ("Nadia Haddad", "nadia@client.example", ""));
    }

    #[test]
    fn each_fault_names_its_field() {
        let field = |r: Result<Vec<Contact>, Error>| match r {
            Err(Error::BadRequest { field, .. }) => field,
            other => panic!("{other:?}"),
        };
        let good = contact("A", "a@b.fr", "+33612345678");
        assert_eq!(field(check_contacts(&[good.clone(), contact("B", "b@", "")])), Some("contacts[1].email".into()));
        assert_eq!(field(check_contacts(&[contact("A", "a@b.fr", "06 12")])), Some("contacts[0].phone".into()));
        assert_eq!(field(check_contacts(&[contact("  ", "a@b.fr", "")])), Some("contacts[0].name".into()));
        assert_eq!(
            field(check_contacts(&[contact("A\r\nBcc: x@y.fr", "a@b.fr", "")])),
            Some("contacts[0].name".into())
        );
        assert_eq!(field(check_contacts(&vec![good; MAX_CONTACTS + 1])), Some("contacts".into()));
    }
}
