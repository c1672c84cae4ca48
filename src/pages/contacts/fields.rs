//! A contact's fields and where a form stands with the server.

use leptos::prelude::*;
use vigie_api::{Contact, ContactKind};

use crate::api::ApiError;
use crate::i18n::{t, Lang};

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
pub(super) fn trimmed(c: &Contact) -> Contact {
    Contact { kind: c.kind, name: c.name.trim().into(), email: c.email.trim().into(), phone: c.phone.trim().into() }
}

/// The form's fields of one contact.
#[derive(Debug, Clone, Copy)]
pub(super) struct ContactFields {
    pub(super) kind: RwSignal<ContactKind>,
    pub(super) name: RwSignal<String>,
    pub(super) email: RwSignal<String>,
    pub(super) phone: RwSignal<String>,
}

impl ContactFields {
    pub(super) fn of(c: &Contact) -> ContactFields {
        ContactFields {
            kind: RwSignal::new(c.kind),
            name: RwSignal::new(c.name.clone()),
            email: RwSignal::new(c.email.clone()),
            phone: RwSignal::new(c.phone.clone()),
        }
    }

    /// The contact as typed (tracked: whatever reads it follows the typing).
    pub(super) fn contact(&self) -> Contact {
        Contact { kind: self.kind.get(), name: self.name.get(), email: self.email.get(), phone: self.phone.get() }
    }
}

/// A labelled input of a contact, with the server's message under it when the message
/// names `path` (the input then says it is invalid and points to it). Typing in it takes a
/// refusal about it as being corrected.
pub(super) fn contact_input(
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
pub(super) fn save_status(lang: Lang, state: RwSignal<Saving>, dirty: Signal<bool>) -> AnyView {
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
pub(super) fn action(label: &'static str, testid: &'static str, on_click: impl Fn() + 'static) -> AnyView {
    view! { <button type="button" class="secondary" data-testid=testid on:click=move |_| on_click()>{label}</button> }
        .into_any()
}
