//! The administrator's editor of the weekly on-call pattern: a line per slot (the day, from,
//! to in Paris time, who is on duty), lines added and removed, the whole week saved at once
//! with `PUT /api/oncall/week`. A refusal that names a slot's field (`slots[1].start`) is
//! shown under that field, which says it is invalid; any other under the button.

use leptos::prelude::*;
use vigie_api::{OnCallSlot, OnCallSlotView, StaffMember};

use super::{DAYS_EN, DAYS_FR};
use crate::api::ApiError;
use crate::i18n::{t, use_lang, Tr};

/// A slot as edited: each field as its input holds it (the day `1`–`7`, `HH:MM`, the
/// person's id, empty while nobody is chosen). Each field is a signal of its own, so that
/// typing in one redraws nothing else; `key` tells the lines apart while they are added and
/// removed.
#[derive(Debug, Clone, Copy)]
struct Line {
    key: u32,
    weekday: RwSignal<String>,
    start: RwSignal<String>,
    end: RwSignal<String>,
    user_id: RwSignal<String>,
}

impl Line {
    fn new(key: u32, weekday: &str, start: &str, end: &str, user_id: String) -> Line {
        let field = |text: &str| RwSignal::new(text.to_string());
        Line { key, weekday: field(weekday), start: field(start), end: field(end), user_id: RwSignal::new(user_id) }
    }

    /// A slot of the rota as `GET /api/oncall` gives it. Midnight as an end reads `24:00`
    /// there; a time field shows it as `00:00`, which the server reads the same (an end not
    /// after the start is the next day's).
    fn of(key: u32, slot: &OnCallSlotView) -> Line {
        let time = |text: &str| if text == "24:00" { "00:00".to_string() } else { text.to_string() };
        Line::new(key, &slot.weekday.to_string(), &time(&slot.start), &time(&slot.end), slot.person.id.to_string())
    }

    fn slot(&self) -> OnCallSlot {
        OnCallSlot {
            weekday: self.weekday.get_untracked().parse().unwrap_or(0),
            start: self.start.get_untracked(),
            end: self.end.get_untracked(),
            user_id: self.user_id.get_untracked().parse().unwrap_or(0),
        }
    }
}

/// The editor, over the pattern `saved` (the `week` of `GET /api/oncall`) and the staff
/// one may put on duty. `on_save` gets the week to send; the page answers with `refusal`
/// (the server's error) or `saved_at` bumped once saved.
#[component]
pub fn WeekEditor(
    saved: Vec<OnCallSlotView>,
    staff: Signal<Vec<StaffMember>>,
    refusal: RwSignal<Option<ApiError>>,
    sending: Signal<bool>,
    on_save: Callback<Vec<OnCallSlot>>,
) -> impl IntoView {
    let lang = use_lang();
    let lines = RwSignal::new(saved.iter().zip(0..).map(|(slot, key)| Line::of(key, slot)).collect::<Vec<_>>());
    let next = StoredValue::new(saved.len() as u32);
    // The server's message about `slots[i].field`, without the field's name it starts with.
    let message_for = move |key: u32, field: &'static str| {
        let index = lines.with(|all| all.iter().position(|l| l.key == key))?;
        refusal.with(|r| {
            let r = r.as_ref()?;
            let path = format!("slots[{index}].{field}");
            (r.field.as_deref() == Some(path.as_str()))
                .then(|| r.message.strip_prefix(&format!("{path}: ")).unwrap_or(&r.message).to_string())
        })
    };
    let general = move || {
        refusal.with(|r| {
            let r = r.as_ref()?;
            let named = r.field.as_deref().is_some_and(|f| f.starts_with("slots[") && f.contains("]."));
            (!named).then(|| r.message.clone())
        })
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if !sending.get_untracked() {
            on_save.run(lines.with_untracked(|all| all.iter().map(Line::slot).collect()));
        }
    };
    let row = move |line: Line| {
        let key = line.key;
        // Typing in a field takes the refusal as being answered.
        let input = move |field: RwSignal<String>| {
            move |ev: leptos::ev::Event| {
                field.set(event_target_value(&ev));
                refusal.set(None);
            }
        };
        let id = move |field: &str| format!("slot-{key}-{field}");
        // A field's error under it, and the field saying so.
        let error = move |field: &'static str| {
            move || {
                message_for(key, field).map(|m| {
                    view! { <p class="error" id=id(field) + "-error" data-testid="field-error" role="alert">{m}</p> }
                })
            }
        };
        let invalid = move |field: &'static str| move || message_for(key, field).is_some().then_some("true");
        let described = move |field: &'static str| move || message_for(key, field).map(|_| id(field) + "-error");
        let position = move || lines.with(|all| all.iter().position(|l| l.key == key).unwrap_or(0) + 1);
        let legend = move || format!("{} {}", t(lang.get(), "Créneau", "Slot"), position());
        view! {
            <fieldset class="slot" data-testid="week-slot">
                <legend>{legend}</legend>
                <div class="field">
                    <label for=id("weekday")><Tr fr="Jour" en="Day" /></label>
                    <select id=id("weekday") data-testid="slot-weekday" aria-invalid=invalid("weekday") aria-describedby=described("weekday")
                        on:change=input(line.weekday)>
                        {(1..=7).map(|day: usize| {
                            let value = day.to_string();
                            let chosen = line.weekday.get_untracked() == value;
                            view! { <option value=value selected=chosen>{move || t(lang.get(), DAYS_FR[day - 1], DAYS_EN[day - 1])}</option> }
                        }).collect_view()}
                    </select>
                    {error("weekday")}
                </div>
                <div class="field">
                    <label for=id("start")><Tr fr="De" en="From" /></label>
                    <input type="time" id=id("start") data-testid="slot-start" prop:value=line.start.get_untracked()
                        aria-invalid=invalid("start") aria-describedby=described("start") on:input=input(line.start) />
                    {error("start")}
                </div>
                <div class="field">
                    <label for=id("end")><Tr fr="À (le lendemain si pas après le début)" en="To (the next day if not after the start)" /></label>
                    <input type="time" id=id("end") data-testid="slot-end" prop:value=line.end.get_untracked()
                        aria-invalid=invalid("end") aria-describedby=described("end") on:input=input(line.end) />
                    {error("end")}
                </div>
                <div class="field">
                    <label for=id("user_id")><Tr fr="De garde" en="On duty" /></label>
                    <select id=id("user_id") data-testid="slot-person" aria-invalid=invalid("user_id") aria-describedby=described("user_id")
                        on:change=input(line.user_id)>
                        <option value="" selected=line.user_id.with_untracked(String::is_empty)>"—"</option>
                        {move || staff.get().into_iter().map(|m| {
                            let value = m.id.to_string();
                            let chosen = line.user_id.with_untracked(|chosen| *chosen == value);
                            view! { <option value=value selected=chosen>{m.display_name}</option> }
                        }).collect_view()}
                    </select>
                    {error("user_id")}
                </div>
                <button type="button" data-testid="slot-remove" on:click=move |_| { lines.update(|all| all.retain(|l| l.key != key)); refusal.set(None); }>
                    {move || format!("{} {}", t(lang.get(), "Retirer le créneau", "Remove slot"), position())}
                </button>
            </fieldset>
        }
    };
    view! {
        <form class="week-editor" data-testid="week-editor" on:submit=submit>
            // Redrawn when a line is added or removed; typing stays within its field.
            {move || lines.get().into_iter().map(row).collect_view()}
            {move || lines.with(Vec::is_empty).then(|| view! { <p>{t(lang.get(), "Aucun créneau : personne n'est appelé.", "No slot: nobody is paged.")}</p> })}
            <p class="actions">
                <button type="button" data-testid="slot-add" on:click=move |_| {
                    let key = next.get_value();
                    next.set_value(key + 1);
                    lines.update(|all| all.push(Line::new(key, "1", "18:00", "08:00", String::new())));
                }>
                    <Tr fr="Ajouter un créneau" en="Add a slot" />
                </button>
                " "
                <button type="submit" class="primary" data-testid="week-save" disabled=move || sending.get()>
                    <Tr fr="Enregistrer la semaine type" en="Save the weekly pattern" />
                </button>
            </p>
            {move || general().map(|m| view! { <p class="error" data-testid="week-error" role="alert">{m}</p> })}
        </form>
    }
}
