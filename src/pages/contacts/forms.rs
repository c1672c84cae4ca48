//! The forms: an organisation's contacts, and a site's own technical contact.

use leptos::prelude::*;
use vigie_api::{Contact, ContactKind, SiteView};

use super::{action, contact_input, save_status, trimmed, ContactFields, Saving};
use crate::i18n::{t, use_lang, Lang};

/// The organisation's contacts: one group of fields a contact, added and removed in place.
/// `saved` is what the server holds; `on_save` gets the contacts when the person saves,
/// once `state` says [`Saving::Sending`], and the caller sets `state` and `saved` from the
/// server's answer.
#[component]
pub fn OrganisationContacts(
    saved: RwSignal<Vec<Contact>>,
    state: RwSignal<Saving>,
    on_save: Callback<Vec<Contact>>,
) -> impl IntoView {
    let lang = use_lang();
    let rows = RwSignal::new(saved.with_untracked(|list| list.iter().map(ContactFields::of).collect::<Vec<_>>()));
    let current = move || rows.with(|r| r.iter().map(ContactFields::contact).collect::<Vec<_>>());
    let dirty = Signal::derive(move || {
        let now: Vec<Contact> = current().iter().map(trimmed).collect();
        saved.with(|s| s.iter().map(trimmed).collect::<Vec<_>>() != now)
    });
    let add = move || {
        let kind = if rows.with_untracked(|r| r.iter().any(|c| c.kind.get_untracked() == ContactKind::Technical)) {
            ContactKind::Management
        } else {
            ContactKind::Technical
        };
        rows.update(|r| {
            r.push(ContactFields::of(&Contact {
                kind,
                name: String::new(),
                email: String::new(),
                phone: String::new(),
            }))
        });
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        state.set(Saving::Sending);
        on_save.run(untrack(current));
    };
    let row = move |l: Lang, i: usize, fields: ContactFields| {
        let at = move |f: &str| format!("contacts[{i}].{f}");
        let id = move |f: &str| format!("contact-{i}-{f}");
        let remove = move || {
            rows.update(|r| {
                r.remove(i);
            });
            // The fields after it move up: a message about them no longer fits.
            state.update(|s| {
                if matches!(s, Saving::Refused { .. }) {
                    *s = Saving::Idle;
                }
            });
        };
        let kind_id = id("kind");
        let technical = fields.kind.get_untracked() == ContactKind::Technical;
        view! {
            <fieldset class="contact" data-testid="contact">
                <legend>{format!("{} {}", t(l, "Contact", "Contact"), i + 1)}</legend>
                <label for=kind_id.clone()>{t(l, "Rôle", "Role")}</label>
                <select id=kind_id data-testid="contact-kind" on:change=move |ev| fields.kind.set(if event_target_value(&ev) == "management" { ContactKind::Management } else { ContactKind::Technical })>
                    <option value="technical" selected=technical>{t(l, "Contact technique", "Technical contact")}</option>
                    <option value="management" selected=!technical>{t(l, "Direction", "Management")}</option>
                </select>
                {contact_input(t(l, "Nom", "Name"), "text", "contact-name", id("name"), at("name"), fields.name, state)}
                {contact_input("Email", "email", "contact-email", id("email"), at("email"), fields.email, state)}
                {contact_input(t(l, "Mobile, pour les SMS (vide : email seulement)", "Mobile, for SMS (empty: email only)"), "tel", "contact-phone", id("phone"), at("phone"), fields.phone, state)}
                {action(t(l, "Retirer ce contact", "Remove this contact"), "contact-remove", remove)}
            </fieldset>
        }
    };
    move || {
        let l = lang.get();
        view! {
            <form class="admin-form" data-testid="organisation-contacts" novalidate on:submit=submit>
                <h2>{t(l, "Contacts de l'organisation", "The organisation's contacts")}</h2>
                {move || rows.get().into_iter().enumerate().map(|(i, fields)| row(l, i, fields)).collect_view()}
                {action(t(l, "Ajouter un contact", "Add a contact"), "contact-add", add)}
                <button type="submit" data-testid="contacts-save" disabled=move || state.get() == Saving::Sending>{t(l, "Enregistrer les contacts", "Save the contacts")}</button>
                {save_status(l, state, dirty)}
            </form>
        }
    }
}

/// A site's own technical contact, or none (the organisation's are told). `saved` is what
/// the server holds; `on_save` gets the contact (or `None`) when the person saves, once
/// `state` says [`Saving::Sending`].
#[component]
pub fn SiteContactForm(
    site: SiteView,
    saved: RwSignal<Option<Contact>>,
    state: RwSignal<Saving>,
    on_save: Callback<Option<Contact>>,
) -> impl IntoView {
    let lang = use_lang();
    let start = saved.get_untracked();
    let own = RwSignal::new(start.is_some());
    let blank =
        Contact { kind: ContactKind::Technical, name: String::new(), email: String::new(), phone: String::new() };
    let fields = ContactFields::of(start.as_ref().unwrap_or(&blank));
    let current = move || own.get().then(|| Contact { kind: ContactKind::Technical, ..fields.contact() });
    let dirty = Signal::derive(move || current().as_ref().map(trimmed) != saved.with(|s| s.as_ref().map(trimmed)));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        state.set(Saving::Sending);
        on_save.run(untrack(current));
    };
    let prefix = format!("site-{}", site.id);
    let id = move |f: &str| format!("{prefix}-{f}");
    let at = |f: &str| format!("contact.{f}");
    move || {
        let l = lang.get();
        let id = id.clone();
        view! {
            <form class="admin-form" data-testid="site-contact" data-site=site.id novalidate on:submit=submit>
                <h3>{site.name.clone()}</h3>
                <div class="contact-fields" hidden=move || !own.get()>
                    {contact_input(t(l, "Nom", "Name"), "text", "site-contact-name", id("name"), at("name"), fields.name, state)}
                    {contact_input("Email", "email", "site-contact-email", id("email"), at("email"), fields.email, state)}
                    {contact_input(t(l, "Mobile, pour les SMS (vide : email seulement)", "Mobile, for SMS (empty: email only)"), "tel", "site-contact-phone", id("phone"), at("phone"), fields.phone, state)}
                    {action(t(l, "Retirer : prévenir les contacts de l'organisation", "Remove: tell the organisation's contacts"), "site-contact-clear", move || own.set(false))}
                </div>
                <div class="contact-fields" hidden=move || own.get()>
                    <p class="hint" data-testid="site-contact-none">{t(l, "Les contacts techniques de l'organisation sont prévenus.", "The organisation's technical contacts are told.")}</p>
                    {action(t(l, "Désigner un contact technique pour ce site", "Designate a technical contact for this site"), "site-contact-designate", move || own.set(true))}
                </div>
                <button type="submit" data-testid="site-contact-save" disabled=move || state.get() == Saving::Sending>{t(l, "Enregistrer", "Save")}</button>
                {save_status(l, state, dirty)}
            </form>
        }
    }
}
