//! Who is told (`/contacts`): a client designates its organisation's technical and
//! management contacts and, for any of its sites, a technical contact of its own, told of
//! that site's incidents instead of the organisation's. A supervisor or an administrator
//! chooses the organisation first.
//!
//! Made for a site manager on a phone: one labelled field a line, the server's message
//! under the very field it names, and whether what is on screen is saved. The server checks
//! every value; the page does not check them again, so both never disagree.

use leptos::prelude::*;
use leptos::task::spawn_local;
use vigie_api::{Contact, ContactKind, Contacts, SiteView};

use crate::api::{self, ApiError};
use crate::i18n::{t, use_lang, Lang};
use crate::Session;

/// Where a form stands with the server. Whether what is on screen differs from what the
/// server holds is derived apart, by comparing them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Saving {
    /// Nothing sent since the page opened, or a refusal corrected.
    #[default]
    Idle,
    /// Sent, no answer yet.
    Sending,
    /// The server saved it.
    Saved,
    /// The server refused it: its message, and the field it names (`contacts[1].email`).
    Refused {
        /// The field at fault, as the server names it.
        field: Option<String>,
        /// The server's message.
        message: String,
    },
}

impl Saving {
    /// The server's refusal. Its message starts with the field it names
    /// (`contacts[0].phone: …`), which the page shows it beside: that part is left out.
    pub fn refused(error: ApiError) -> Saving {
        let message = match &error.field {
            Some(field) => {
                error.message.strip_prefix(&format!("{field}: ")).map(str::to_string).unwrap_or(error.message)
            }
            None => error.message,
        };
        Saving::Refused { field: error.field, message }
    }

    /// The message about the field at `path`, if the refusal names it.
    fn message_for(&self, path: &str) -> Option<String> {
        match self {
            Saving::Refused { field: Some(field), message } if field == path => Some(message.clone()),
            _ => None,
        }
    }

    /// A refusal no field of the form shows (nobody left to tell, the network): said at
    /// the foot of the form.
    fn general_message(&self) -> Option<String> {
        match self {
            Saving::Refused { field, message }
                if !field
                    .as_deref()
                    .is_some_and(|f| [".name", ".email", ".phone"].iter().any(|end| f.ends_with(end))) =>
            {
                Some(message.clone())
            }
            _ => None,
        }
    }

    /// Something typed in the field at `path`: a refusal about that field is taken as
    /// being corrected.
    fn edited(&mut self, path: &str) {
        if self.message_for(path).is_some() {
            *self = Saving::Idle;
        }
    }
}

/// A contact as compared with what the server holds, which stores it trimmed.
fn trimmed(c: &Contact) -> Contact {
    Contact { kind: c.kind, name: c.name.trim().into(), email: c.email.trim().into(), phone: c.phone.trim().into() }
}

/// The form's fields of one contact.
#[derive(Debug, Clone, Copy)]
struct ContactFields {
    kind: RwSignal<ContactKind>,
    name: RwSignal<String>,
    email: RwSignal<String>,
    phone: RwSignal<String>,
}

impl ContactFields {
    fn of(c: &Contact) -> ContactFields {
        ContactFields {
            kind: RwSignal::new(c.kind),
            name: RwSignal::new(c.name.clone()),
            email: RwSignal::new(c.email.clone()),
            phone: RwSignal::new(c.phone.clone()),
        }
    }

    /// The contact as typed (tracked: whatever reads it follows the typing).
    fn contact(&self) -> Contact {
        Contact { kind: self.kind.get(), name: self.name.get(), email: self.email.get(), phone: self.phone.get() }
    }
}

/// A labelled input of a contact, with the server's message under it when the message
/// names `path` (the input then says it is invalid and points to it). Typing in it takes a
/// refusal about it as being corrected.
fn contact_input(
    label: &'static str,
    kind: &'static str,
    testid: &'static str,
    id: String,
    path: String,
    value: RwSignal<String>,
    state: RwSignal<Saving>,
) -> AnyView {
    let error_id = format!("{id}-error");
    let message = {
        let path = path.clone();
        move || state.with(|s| s.message_for(&path))
    };
    let invalid = {
        let message = message.clone();
        move || message().is_some()
    };
    let described = {
        let (invalid, error_id) = (invalid.clone(), error_id.clone());
        move || invalid().then(|| error_id.clone())
    };
    let placeholder = (kind == "tel").then_some("+33612345678");
    view! {
        <label>{label}
            <input type=kind id=id data-testid=testid data-field=path.clone() autocomplete="off" placeholder=placeholder
                aria-invalid=move || invalid().then_some("true") aria-describedby=described
                prop:value=move || value.get()
                on:input=move |ev| {
                    value.set(event_target_value(&ev));
                    state.update(|s| s.edited(&path));
                } />
        </label>
        {move || message().map(|m| view! { <p class="error" id=error_id.clone() data-testid="field-error" role="alert">{m}</p> })}
    }
    .into_any()
}

/// The line under a form: saving, refused, changed and not saved, or saved; and a refusal
/// no field shows.
fn save_status(lang: Lang, state: RwSignal<Saving>, dirty: Signal<bool>) -> AnyView {
    let shown = move || match state.get() {
        Saving::Sending => ("sending", t(lang, "Enregistrement…", "Saving…")),
        Saving::Refused { .. } => (
            "refused",
            t(lang, "Non enregistré : corrigez ce qui est signalé.", "Not saved: correct what is pointed out."),
        ),
        _ if dirty.get() => ("edited", t(lang, "Modifications non enregistrées.", "Changes not saved.")),
        Saving::Saved => ("saved", t(lang, "✓ Enregistré.", "✓ Saved.")),
        Saving::Idle => ("unchanged", ""),
    };
    view! {
        {move || state.with(Saving::general_message).map(|m| view! { <p class="error" role="alert" data-testid="form-error">{m}</p> })}
        <p role="status" data-testid="save-status" data-state=move || shown().0 class=move || if shown().0 == "saved" { "done" } else { "hint" }>{move || shown().1}</p>
    }
    .into_any()
}

/// A button that is not the form's submission.
fn action(label: &'static str, testid: &'static str, on_click: impl Fn() + 'static) -> AnyView {
    view! { <button type="button" class="secondary" data-testid=testid on:click=move |_| on_click()>{label}</button> }
        .into_any()
}

/// The page: the organisation (a client's own; staff choose), its contacts, its sites.
#[component]
pub fn ContactsPage() -> impl IntoView {
    let lang = use_lang();
    let session = expect_context::<Session>();
    let own = session.user.get_untracked().and_then(|me| me.organisation_id);
    let technician =
        session.user.with_untracked(|me| me.as_ref().is_some_and(|me| me.role == vigie_api::Role::Technician));
    let sites = RwSignal::new(Vec::<SiteView>::new());
    let failed = RwSignal::new(None::<String>);
    // Staff choose among the organisations of the sites they see.
    let organisations = RwSignal::new(Vec::<(i64, String)>::new());
    let picked = RwSignal::new(own);
    spawn_local(async move {
        match api::sites().await {
            Ok(list) => {
                let mut seen: Vec<(i64, String)> =
                    list.iter().map(|s| (s.organisation_id, s.organisation_name.clone())).collect();
                seen.sort();
                seen.dedup();
                if let Some((first, _)) = seen.first() {
                    picked.update(|p| *p = p.or(Some(*first)));
                }
                organisations.set(seen);
                sites.set(list);
            }
            Err(e) => failed.set(Some(e.message)),
        }
    });
    let contacts = RwSignal::new(None::<Result<Vec<Contact>, String>>);
    Effect::new(move |_| {
        let Some(id) = picked.get() else { return };
        contacts.set(None);
        spawn_local(
            async move { contacts.set(Some(api::contacts(id).await.map(|c| c.contacts).map_err(|e| e.message))) },
        );
    });
    let organisation_form = move || match (picked.get(), contacts.get()) {
        (Some(id), Some(Ok(list))) => {
            let saved = RwSignal::new(list);
            let state = RwSignal::new(Saving::Idle);
            let on_save = Callback::new(move |contacts: Vec<Contact>| {
                spawn_local(async move {
                    match api::set_contacts(id, &Contacts { contacts }).await {
                        Ok(answer) => {
                            saved.set(answer.contacts);
                            state.set(Saving::Saved);
                        }
                        Err(e) => state.set(Saving::refused(e)),
                    }
                })
            });
            view! { <OrganisationContacts saved state on_save /> }.into_any()
        }
        (_, Some(Err(e))) => view! { <p class="error" role="alert">{e}</p> }.into_any(),
        _ => view! { <p>"…"</p> }.into_any(),
    };
    let site_forms = move || {
        let id = picked.get();
        sites
            .get()
            .into_iter()
            .filter(|s| Some(s.organisation_id) == id)
            .map(|site| {
                let saved = RwSignal::new(site.technical_contact.clone());
                let state = RwSignal::new(Saving::Idle);
                let site_id = site.id;
                let on_save = Callback::new(move |contact: Option<Contact>| {
                    spawn_local(async move {
                        match api::set_site_contact(site_id, contact).await {
                            Ok(answer) => {
                                saved.set(answer.technical_contact);
                                state.set(Saving::Saved);
                            }
                            Err(e) => state.set(Saving::refused(e)),
                        }
                    })
                });
                view! { <SiteContactForm site saved state on_save /> }
            })
            .collect_view()
    };
    let choice = move || {
        let l = lang.get();
        own.is_none().then(|| {
            view! {
                <form class="report-query" on:submit=|ev| ev.prevent_default()>
                    <label>{t(l, "Organisation", "Organisation")}
                        <select data-testid="contacts-organisation" prop:value=move || picked.get().map(|id| id.to_string()).unwrap_or_default()
                            on:change=move |ev| picked.set(event_target_value(&ev).parse().ok())>
                            {move || organisations.get().into_iter().map(|(id, name)| view! { <option value=id.to_string()>{name}</option> }).collect_view()}
                        </select>
                    </label>
                </form>
            }
        })
    };
    let heading = move || {
        let l = lang.get();
        view! {
            <h1>{t(l, "Contacts à prévenir", "Who to tell")}</h1>
            <p class="hint">{t(l,
                "Chaque notification d'incident va au contact technique que vous désignez, par email et par SMS sur son mobile ; la direction est aussi prévenue des incidents critiques (P1).",
                "Every notice of an incident goes to the technical contact you designate, by email and by SMS to their mobile; management is also told of critical incidents (P1).")}</p>
            {technician.then(|| view! {
                <p class="note" data-testid="contacts-read-only">{t(l,
                    "Vous pouvez consulter les contacts ; seuls le client, le responsable d'exploitation et l'administrateur peuvent les modifier.",
                    "You may read the contacts; only the client, the operations manager and the administrator may change them.")}</p>
            })}
        }
    };
    let sites_heading = move || {
        let l = lang.get();
        view! {
            <h2>{t(l, "Contact technique propre à un site", "A site's own technical contact")}</h2>
            <p class="hint">{t(l,
                "Facultatif : il est prévenu des incidents de ce site à la place des contacts techniques de l'organisation.",
                "Optional: told of this site's incidents instead of the organisation's technical contacts.")}</p>
        }
    };
    view! {
        <main class="page wide">
            {heading}
            {choice}
            {move || failed.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            <div class="admin-section">
                {organisation_form}
                <section class="site-contacts">
                    {sites_heading}
                    {site_forms}
                </section>
            </div>
        </main>
    }
}

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
