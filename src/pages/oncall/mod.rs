//! The on-call rota (`/oncall`, staff): who is on duty now, who takes over when over the
//! coming 7 days, the weekly pattern and its exceptions, in Paris time. The administrator
//! edits the weekly pattern here ([`week`], saved with `PUT /api/oncall/week`) and adds and
//! removes exceptions.

mod week;

pub use week::WeekEditor;

use chrono::{DateTime, FixedOffset, Utc};
use leptos::prelude::*;
use leptos::task::spawn_local;
use vigie_api::{NewOnCallException, OnCallPerson, OnCallRota, OnCallSlotView, OnCallWeek};

use crate::i18n::{t, use_lang, Tr};
use crate::{api, Session};

const PARIS: chrono_tz::Tz = chrono_tz::Europe::Paris;
pub(crate) const DAYS_FR: [&str; 7] = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"];
pub(crate) const DAYS_EN: [&str; 7] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

/// An instant in Paris, `lundi 29/03 08:00`.
fn paris(t: DateTime<Utc>, lang: crate::i18n::Lang) -> String {
    use chrono::{Datelike, Timelike};
    let local = t.with_timezone(&PARIS);
    let day = local.weekday().num_days_from_monday() as usize;
    let name = crate::i18n::t(lang, DAYS_FR[day], DAYS_EN[day]);
    format!("{name} {:02}/{:02} {:02}:{:02}", local.day(), local.month(), local.hour(), local.minute())
}

/// Who is on duty, or "nobody".
fn person(who: Option<&OnCallPerson>, lang: crate::i18n::Lang) -> String {
    who.map_or_else(|| t(lang, "personne", "nobody").to_string(), |p| p.name.clone())
}

/// The page.
#[component]
pub fn OnCallPage() -> impl IntoView {
    let lang = use_lang();
    let session = expect_context::<Session>();
    let admin = session.user.get_untracked().is_some_and(|me| me.role == vigie_api::Role::Admin);
    let rota = RwSignal::new(None::<Result<OnCallRota, String>>);
    // Said once the weekly pattern is saved, above the rota read again.
    let week_saved = RwSignal::new(false);
    let reload = move || api::load("/api/oncall", rota);
    reload();
    view! {
        <main class="page wide">
            <h1><Tr fr="Astreinte" en="On call" /></h1>
            {move || match rota.get() {
                None => view! { <p>"…"</p> }.into_any(),
                Some(Err(e)) => view! { <p class="error" role="alert">{e}</p> }.into_any(),
                Some(Ok(rota)) => view! { <Rota rota admin reload week_saved /> }.into_any(),
            }}
            <p>{move || t(lang.get(), "Heures de Paris.", "Paris time.")}</p>
        </main>
    }
}

#[component]
fn Rota(
    rota: OnCallRota,
    admin: bool,
    reload: impl Fn() + Copy + Send + Sync + 'static,
    week_saved: RwSignal<bool>,
) -> impl IntoView {
    let lang = use_lang();
    let l = lang.get_untracked();
    let on_duty = person(rota.on_duty.as_ref(), l);
    // The coming 7 days as periods: from each change to the next, who is on duty.
    let mut periods = vec![(rota.now, rota.on_duty)];
    periods.extend(rota.changes.into_iter().map(|c| (c.at, c.person)));
    let periods: Vec<(String, String, String)> = periods
        .iter()
        .enumerate()
        .map(|(i, (from, who))| {
            let to = periods.get(i + 1).map_or_else(|| "…".to_string(), |(to, _)| paris(*to, l));
            (paris(*from, l), to, person(who.as_ref(), l))
        })
        .collect();
    let (week, exceptions) = (rota.week, rota.exceptions);
    let error = RwSignal::new(None::<String>);
    let remove = move |id: i64| {
        spawn_local(async move {
            match api::send_body("DELETE", &format!("/api/oncall/exceptions/{id}"), &()).await {
                Ok(_) => reload(),
                Err(e) => error.set(Some(e.message)),
            }
        })
    };
    view! {
        <p class="lead">
            <strong>{t(l, "De garde maintenant : ", "On duty now: ")}</strong>
            <span data-testid="on-duty">{on_duty}</span>
        </p>
        <section>
            <h2><Tr fr="Les 7 prochains jours" en="The coming 7 days" /></h2>
            <table class="rota">
                <thead><tr>
                    <th><Tr fr="De" en="From" /></th>
                    <th><Tr fr="À" en="To" /></th>
                    <th><Tr fr="De garde" en="On duty" /></th>
                </tr></thead>
                <tbody>
                    {periods.into_iter().map(|(from, to, who)| view! { <tr><td>{from}</td><td>{to}</td><td>{who}</td></tr> }).collect_view()}
                </tbody>
            </table>
        </section>
        <section>
            <h2><Tr fr="Semaine type" en="Weekly pattern" /></h2>
            {move || week_saved.get().then(|| view! { <p class="note" role="status" data-testid="week-saved">{t(lang.get(), "Semaine type enregistrée.", "Weekly pattern saved.")}</p> })}
            {if admin {
                view! { <Week saved=week.clone() reload week_saved /> }.into_any()
            } else if week.is_empty() {
                view! { <p>{t(l, "Aucun créneau : personne n'est appelé.", "No slot: nobody is paged.")}</p> }.into_any()
            } else {
                view! {
                    <table class="rota">
                        <tbody>
                            {week.iter().map(|slot| {
                                let day = usize::from(slot.weekday.clamp(1, 7)) - 1;
                                view! { <tr>
                                    <td>{t(l, DAYS_FR[day], DAYS_EN[day])}</td>
                                    <td>{format!("{} → {}", slot.start, slot.end)}</td>
                                    <td>{person(Some(&slot.person), l)}</td>
                                </tr> }
                            }).collect_view()}
                        </tbody>
                    </table>
                }.into_any()
            }}
        </section>
        <section>
            <h2><Tr fr="Exceptions" en="Exceptions" /></h2>
            {exceptions.is_empty().then(|| view! { <p>{t(l, "Aucune exception à venir.", "No exception ahead.")}</p> })}
            <ul>
                {exceptions.iter().map(|e| {
                    let id = e.id;
                    let span = format!("{} → {} : {}", paris(e.from, l), paris(e.to, l), person(Some(&e.person), l));
                    view! { <li>
                        {span}
                        {admin.then(|| view! { " " <button on:click=move |_| remove(id)><Tr fr="Retirer" en="Remove" /></button> })}
                    </li> }
                }).collect_view()}
            </ul>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
            {admin.then(|| view! { <NewException reload /> })}
        </section>
    }
}

/// A local time of Paris typed in a `datetime-local` field, as RFC 3339.
fn from_paris(value: &str) -> Option<DateTime<FixedOffset>> {
    crate::form::local_instant(value, PARIS).map(|t| t.fixed_offset())
}

/// The administrator's form: someone on duty from one instant to another.
#[component]
fn NewException(reload: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let lang = use_lang();
    let staff = RwSignal::new(Vec::<vigie_api::StaffMember>::new());
    spawn_local(async move {
        if let Ok(list) = api::staff().await {
            staff.set(list);
        }
    });
    let (user, from, to) = (RwSignal::new(String::new()), RwSignal::new(String::new()), RwSignal::new(String::new()));
    let error = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let l = lang.get_untracked();
        let (Some(from), Some(to)) = (from_paris(&from.get_untracked()), from_paris(&to.get_untracked())) else {
            error.set(Some(t(l, "Indiquez le début et la fin.", "Give the start and the end.").to_string()));
            return;
        };
        let Ok(user_id) = user.get_untracked().parse::<i64>() else {
            error.set(Some(t(l, "Choisissez qui est de garde.", "Choose who is on duty.").to_string()));
            return;
        };
        spawn_local(async move {
            match api::send_body("POST", "/api/oncall/exceptions", &NewOnCallException { from, to, user_id }).await {
                Ok(_) => reload(),
                Err(e) => error.set(Some(e.message)),
            }
        });
    };
    view! {
        <form on:submit=submit>
            <h3><Tr fr="Ajouter une exception" en="Add an exception" /></h3>
            <label><Tr fr="De garde" en="On duty" />
                <select on:change=move |ev| user.set(event_target_value(&ev))>
                    <option value="">"—"</option>
                    {move || staff.get().into_iter().map(|m| view! { <option value=m.id.to_string()>{m.display_name}</option> }).collect_view()}
                </select>
            </label>
            <label><Tr fr="Du" en="From" />
                <input type="datetime-local" on:input=move |ev| from.set(event_target_value(&ev)) />
            </label>
            <label><Tr fr="Au" en="To" />
                <input type="datetime-local" on:input=move |ev| to.set(event_target_value(&ev)) />
            </label>
            <button type="submit"><Tr fr="Ajouter" en="Add" /></button>
            {move || error.get().map(|e| view! { <p class="error" role="alert">{e}</p> })}
        </form>
    }
}

/// The administrator's editor of the weekly pattern, with the staff to choose from, sending
/// the week and reading the rota again once it is saved.
#[component]
fn Week(
    saved: Vec<OnCallSlotView>,
    reload: impl Fn() + Copy + Send + Sync + 'static,
    week_saved: RwSignal<bool>,
) -> impl IntoView {
    let staff = RwSignal::new(Vec::<vigie_api::StaffMember>::new());
    spawn_local(async move { staff.set(api::staff().await.unwrap_or_default()) });
    let refusal = RwSignal::new(None::<api::ApiError>);
    let sending = RwSignal::new(false);
    let on_save = Callback::new(move |slots: Vec<vigie_api::OnCallSlot>| {
        sending.set(true);
        week_saved.set(false);
        spawn_local(async move {
            match api::send_body("PUT", "/api/oncall/week", &OnCallWeek { slots }).await {
                Ok(_) => {
                    week_saved.set(true);
                    reload();
                }
                Err(e) => refusal.set(Some(e)),
            }
            sending.set(false);
        });
    });
    view! { <WeekEditor saved staff=staff.into() refusal sending=sending.into() on_save /> }
}
