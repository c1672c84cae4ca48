//! The users tab: accounts created or invited, passwords, deactivation.

use leptos::prelude::*;
use vigie_api::admin::{CreatedUser, Deactivated, NewPassword, NewUser, OrganisationView, UserAccount};
use vigie_api::Role;

use super::{item, label, labelled, list_view, load, organisation_options, send, List};
use crate::form::{button, input, outcome_line, select, Outcome};
use crate::i18n::{t, use_lang};

#[component]
pub(super) fn UsersAdmin() -> impl IntoView {
    let lang = use_lang();
    let users: List<UserAccount> = RwSignal::new(None);
    load("/api/admin/users", users);
    let organisations: List<OrganisationView> = RwSignal::new(None);
    load("/api/admin/organisations", organisations);
    let (username, display_name, role, organisation, email, phone) = (
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new("client".to_string()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
        RwSignal::new(String::new()),
    );
    let (picked, new_password) = (RwSignal::new(None::<UserAccount>), RwSignal::new(String::new()));
    let outcome: Outcome = RwSignal::new(None);
    let pick = Callback::new(move |i: usize| {
        picked.set(item(users, i));
        outcome.set(None);
    });
    let invite = Callback::new(move |()| {
        let role = match role.get_untracked().parse::<Role>() {
            Ok(role) => role,
            Err(e) => return outcome.set(Some(Err(e))),
        };
        let body = NewUser {
            username: username.get_untracked(),
            display_name: display_name.get_untracked(),
            role,
            organisation_id: if role == Role::Client { organisation.get_untracked().parse().ok() } else { None },
            email: email.get_untracked(),
            phone: phone.get_untracked(),
            password: None,
        };
        send("POST", "/api/admin/users".into(), body, outcome, move |_: CreatedUser| load("/api/admin/users", users));
    });
    let picked_id = move || picked.with_untracked(|p| p.as_ref().map(|p| p.id)).unwrap_or(0);
    let set_password = Callback::new(move |()| {
        send(
            "PUT",
            format!("/api/admin/users/{}/password", picked_id()),
            NewPassword { password: new_password.get_untracked() },
            outcome,
            move |()| new_password.set(String::new()),
        );
    });
    let reinvite = Callback::new(move |()| {
        send("POST", format!("/api/admin/users/{}/invite", picked_id()), (), outcome, |()| ());
    });
    let deactivate = Callback::new(move |()| {
        send("POST", format!("/api/admin/users/{}/deactivate", picked_id()), (), outcome, move |_: Deactivated| {
            load("/api/admin/users", users)
        });
    });
    let row = |u: &UserAccount| {
        vec![
            u.username.clone(),
            u.display_name.clone(),
            label(u.role.as_str()),
            if u.active { "✓".into() } else { "—".into() },
        ]
    };
    move || {
        let l = lang.get();
        view! {
            <section class="admin-section">
                {move || list_view(users, t(l, "Utilisateurs", "Users"), vec![t(l, "Identifiant", "Username"), t(l, "Nom", "Name"), t(l, "Rôle", "Role"), t(l, "Actif", "Active")], row, "admin-user", Some(pick))}
                {move || picked.get().map(|user| view! {
                    <form class="admin-form" data-testid="user-account" on:submit=move |ev| { ev.prevent_default(); set_password.run(()); }>
                        <h2>{format!("{} ({})", user.username, user.display_name)}</h2>
                        {button(t(l, "Envoyer un nouveau lien pour choisir le mot de passe", "Send a new link to choose the password"), "user-reinvite", reinvite)}
                        <details>
                            <summary>{t(l, "Définir le mot de passe soi-même (sans e-mail)", "Set the password yourself (no email)")}</summary>
                            {input(t(l, "Nouveau mot de passe (12 caractères au moins)", "New password (12 characters at least)"), "password", "user-new-password", new_password)}
                            <button type="submit" data-testid="user-set-password">{t(l, "Définir le mot de passe", "Set the password")}</button>
                        </details>
                        {button(t(l, "Désactiver le compte", "Deactivate the account"), "user-deactivate", deactivate)}
                    </form>
                })}
                <form class="admin-form" on:submit=move |ev| { ev.prevent_default(); invite.run(()); }>
                    <h2>{t(l, "Inviter un utilisateur", "Invite a user")}</h2>
                    {input(t(l, "Identifiant", "Username"), "text", "user-username", username)}
                    {input(t(l, "Nom affiché", "Display name"), "text", "user-display-name", display_name)}
                    {select(t(l, "Rôle", "Role"), "user-role", role, labelled(&["client", "technician", "supervisor", "admin"], l))}
                    {move || select(t(l, "Organisation (utilisateur client)", "Organisation (client user)"), "user-organisation", organisation, organisation_options(organisations))}
                    {input("Email", "email", "user-email", email)}
                    {input(t(l, "Mobile (+33…), proposé comme numéro à rappeler", "Mobile (+33…), offered as the number to call back"), "tel", "user-phone", phone)}
                    <p class="hint">{t(l, "La personne reçoit par e-mail un lien pour choisir son mot de passe, valable 7 jours.", "The person receives by email a link to choose their password, valid for 7 days.")}</p>
                    <button type="submit" data-testid="user-invite">{t(l, "Inviter par e-mail", "Invite by email")}</button>
                </form>
                {outcome_line(outcome)}
            </section>
        }
    }
}
