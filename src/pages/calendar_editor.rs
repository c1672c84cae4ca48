//! The calendar editor of a site: the administrator types the opening hours, picks the time
//! zone and the holiday region, lists the closed dates, and sees the next 30 days as the
//! engine computes them — in the browser, as they type — or the engine's own message when
//! the calendar is not valid. The server checks the same calendar with the same code.

use std::collections::BTreeMap;

use chrono::{Datelike, NaiveDate};
use leptos::prelude::*;
use vigie_engine::{Calendar, CalendarSpec, DayPreview, HolidayRegion};

use crate::form::{input, select, textarea};
use crate::i18n::{t, use_lang, Lang};

/// The weekdays as the engine keys them, with their names and the `data-testid` of their
/// hours field.
const WEEKDAYS: [(&str, &str, &str, &str); 7] = [
    ("mon", "Lundi", "Monday", "calendar-hours-mon"),
    ("tue", "Mardi", "Tuesday", "calendar-hours-tue"),
    ("wed", "Mercredi", "Wednesday", "calendar-hours-wed"),
    ("thu", "Jeudi", "Thursday", "calendar-hours-thu"),
    ("fri", "Vendredi", "Friday", "calendar-hours-fri"),
    ("sat", "Samedi", "Saturday", "calendar-hours-sat"),
    ("sun", "Dimanche", "Sunday", "calendar-hours-sun"),
];

/// How many days the preview shows.
pub const PREVIEW_DAYS: u32 = 30;

/// A calendar as the form holds it: texts, so that a half-typed value is kept as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CalendarForm {
    /// IANA time zone.
    pub time_zone: String,
    /// Holiday region code.
    pub holidays: String,
    /// One text per weekday, Monday first: `"08:00-12:00 14:00-18:00"`; empty when closed.
    pub hours: [String; 7],
    /// Closed dates, `YYYY-MM-DD`, separated by spaces, commas or new lines.
    pub closed_dates: String,
}

impl CalendarForm {
    /// The form of a stored calendar, with the engine's defaults written out (a calendar
    /// without hours opens Monday to Friday, 08:00–18:00). A calendar the engine refuses
    /// is shown as it is, so that the administrator can correct it.
    pub fn of(spec: &CalendarSpec) -> CalendarForm {
        let spec = Calendar::try_from(spec.clone()).map(CalendarSpec::from).unwrap_or_else(|_| spec.clone());
        let hours = spec.hours.unwrap_or_default();
        CalendarForm {
            time_zone: spec.time_zone.unwrap_or_else(|| "Europe/Paris".into()),
            holidays: spec.holidays.unwrap_or_else(|| "FR".into()),
            hours: WEEKDAYS.map(|(key, ..)| {
                hours
                    .get(key)
                    .map(|day| day.iter().map(|[s, e]| format!("{s}-{e}")).collect::<Vec<_>>().join(" "))
                    .unwrap_or_default()
            }),
            closed_dates: spec.closed_dates.unwrap_or_default().join(" "),
        }
    }

    /// The calendar the engine reads, or what is wrong with a weekday's text.
    pub fn spec(&self) -> Result<CalendarSpec, String> {
        let mut hours = BTreeMap::new();
        for ((key, fr, ..), text) in WEEKDAYS.iter().zip(&self.hours) {
            let mut day = Vec::new();
            for interval in text.split([' ', ',', ';']).filter(|s| !s.is_empty()) {
                let (start, end) = interval.split_once(['-', '–']).ok_or_else(|| {
                    format!("{fr}\u{a0}: «\u{a0}{interval}\u{a0}» n'est pas un intervalle comme 08:00-12:00")
                })?;
                day.push([start.to_string(), end.to_string()]);
            }
            if !day.is_empty() {
                hours.insert(key.to_string(), day);
            }
        }
        Ok(CalendarSpec {
            time_zone: Some(self.time_zone.trim().to_string()),
            holidays: Some(self.holidays.trim().to_string()),
            hours: Some(hours),
            closed_dates: Some(
                self.closed_dates.split([' ', ',', ';', '\n']).filter(|s| !s.is_empty()).map(str::to_string).collect(),
            ),
        })
    }

    /// What is wrong, field by field, in the page's language: the `data-testid` of the
    /// field at fault and what to write instead. Empty when the engine accepts the calendar.
    pub fn problems(&self, lang: Lang) -> Vec<(&'static str, String)> {
        let mut found = Vec::new();
        for ((key, fr, en, testid), text) in WEEKDAYS.iter().zip(&self.hours) {
            if text.trim().is_empty() {
                continue;
            }
            // The day alone, so that the message names the day at fault.
            let alone = CalendarForm {
                hours: WEEKDAYS.map(|(k, ..)| if k == *key { text.clone() } else { String::new() }),
                closed_dates: String::new(),
                ..self.clone()
            };
            let refused = match alone.spec() {
                Ok(spec) => Calendar::try_from(spec).is_err(),
                Err(_) => true,
            };
            if refused {
                found.push((*testid, format!(
                    "{} : « {} » — {}",
                    t(lang, fr, en),
                    text.trim(),
                    t(lang, "des intervalles comme 08:00-12:00 14:00-18:00, entre 00:00 et 24:00, chacun finissant après son début, sans chevauchement.", "intervals such as 08:00-12:00 14:00-18:00, between 00:00 and 24:00, each ending after it starts, not overlapping."),
                )));
            }
        }
        for date in self.closed_dates.split([' ', ',', ';', '\n']).filter(|s| !s.is_empty()) {
            if vigie_engine::parse_date(date).is_err() {
                found.push((
                    "calendar-closed-dates",
                    format!(
                        "« {date} » {}",
                        t(
                            lang,
                            "n'est pas une date AAAA-MM-JJ (par exemple 2026-12-24).",
                            "is not a YYYY-MM-DD date (for example 2026-12-24)."
                        )
                    ),
                ));
            }
        }
        if self.time_zone.trim().parse::<chrono_tz::Tz>().is_err() {
            found.push((
                "calendar-time-zone",
                t(lang, "Choisissez un fuseau horaire de la liste.", "Choose a time zone from the list.").to_string(),
            ));
        }
        let whole = self.spec().and_then(|spec| Calendar::try_from(spec).map_err(|e| e.to_string()));
        if let (true, Err(engine)) = (found.is_empty(), whole) {
            let message = if self.hours.iter().all(|h| h.trim().is_empty()) {
                t(lang, "Aucune heure d'ouverture : ouvrez au moins un jour, sinon aucun délai en heures ouvrées ne pourrait finir.", "No opening hours: open at least one day, else no business-hours deadline could ever end.").to_string()
            } else {
                engine
            };
            found.push(("calendar-hours", message));
        }
        found
    }

    /// The next [`PREVIEW_DAYS`] days from `from`, or the engine's message.
    pub fn preview(&self, from: NaiveDate) -> Result<Vec<DayPreview>, String> {
        let calendar = Calendar::try_from(self.spec()?).map_err(|e| e.to_string())?;
        Ok(calendar.preview(from, PREVIEW_DAYS))
    }
}

/// The calendar's fields, a signal each, so that typing in one re-renders only the preview.
#[derive(Debug, Clone, Copy)]
pub struct CalendarFields {
    time_zone: RwSignal<String>,
    holidays: RwSignal<String>,
    hours: [RwSignal<String>; 7],
    closed_dates: RwSignal<String>,
}

impl CalendarFields {
    /// Fields holding `form`.
    pub fn new(form: CalendarForm) -> CalendarFields {
        CalendarFields {
            time_zone: RwSignal::new(form.time_zone),
            holidays: RwSignal::new(form.holidays),
            hours: form.hours.map(RwSignal::new),
            closed_dates: RwSignal::new(form.closed_dates),
        }
    }

    /// Puts `form` in the fields.
    pub fn set(&self, form: CalendarForm) {
        self.time_zone.set(form.time_zone);
        self.holidays.set(form.holidays);
        for (field, text) in self.hours.iter().zip(form.hours) {
            field.set(text);
        }
        self.closed_dates.set(form.closed_dates);
    }

    /// What the fields hold (tracked: a memo reading it follows every keystroke).
    pub fn form(&self) -> CalendarForm {
        CalendarForm {
            time_zone: self.time_zone.get(),
            holidays: self.holidays.get(),
            hours: self.hours.map(|h| h.get()),
            closed_dates: self.closed_dates.get(),
        }
    }
}

/// The editor: the fields, and the next 30 days from `today` as the engine computes them.
#[component]
pub fn CalendarEditor(fields: CalendarFields, #[prop(into)] today: Signal<NaiveDate>) -> impl IntoView {
    let lang = use_lang();
    let problems = Memo::new(move |_| fields.form().problems(lang.get()));
    // The last calendar the engine accepted stays previewed while a field is being fixed.
    let preview = Memo::new(move |last: Option<&(Vec<DayPreview>, bool)>| match fields.form().preview(today.get()) {
        Ok(days) => (days, false),
        Err(_) => (last.map(|(days, _)| days.clone()).unwrap_or_default(), true),
    });
    let zones: Vec<(String, String)> =
        vigie_engine::time_zones().map(|z| (z.to_string(), zone_name(z, lang.get_untracked()))).collect();
    let error_of = move |testid: &'static str| {
        move || {
            problems.with(|p| p.iter().find(|(field, _)| *field == testid).map(|(_, message)| view! { <p class="error field-error" data-testid=format!("{testid}-error")>{message.clone()}</p> }))
        }
    };
    move || {
        let l = lang.get();
        view! {
            <fieldset class="calendar-editor" data-testid="calendar-editor">
                <legend>{t(l, "Heures ouvrées", "Business hours")}</legend>
                {select(t(l, "Fuseau horaire", "Time zone"), "calendar-time-zone", fields.time_zone, zones.clone())}
                {error_of("calendar-time-zone")}
                {select(t(l, "Jours fériés", "Public holidays"), "calendar-holidays", fields.holidays, HolidayRegion::CODES.iter().map(|c| (c.to_string(), crate::wording::code_label(c, l))).collect())}
                <p class="hint">{t(l, "Heures d'ouverture par jour, par exemple 08:00-12:00 14:00-18:00 ; vide : fermé.", "Opening hours per day, for example 08:00-12:00 14:00-18:00; empty: closed.")}</p>
                {WEEKDAYS.iter().zip(fields.hours).map(|((_, fr, en, testid), hours)| view! { {input(t(l, fr, en), "text", testid, hours)}{error_of(testid)} }).collect_view()}
                {error_of("calendar-hours")}
                {textarea(t(l, "Fermetures exceptionnelles (AAAA-MM-JJ)", "Closed dates (YYYY-MM-DD)"), "calendar-closed-dates", 2, fields.closed_dates)}
                {error_of("calendar-closed-dates")}
                // One summary for screen readers, each field's own message beside it.
                {move || problems.with(|p| p.first().map(|(_, message)| view! { <p class="error" role="alert" data-testid="calendar-error">{message.clone()}</p> }))}
                {move || preview.with(|(days, stale)| (!days.is_empty()).then(|| preview_table(days.clone(), *stale, l)))}
            </fieldset>
        }
    }
}

/// A time zone as people name the place: « France métropolitaine (Europe/Paris) ».
pub fn zone_name(zone: &str, lang: Lang) -> String {
    const PLACES: &[(&str, &str, &str)] = &[
        ("Europe/Paris", "France métropolitaine", "Metropolitan France"),
        ("Europe/Monaco", "Monaco", "Monaco"),
        ("Europe/Brussels", "Belgique", "Belgium"),
        ("Europe/Luxembourg", "Luxembourg", "Luxembourg"),
        ("Europe/Zurich", "Suisse", "Switzerland"),
        ("America/Guadeloupe", "Guadeloupe", "Guadeloupe"),
        ("America/Martinique", "Martinique", "Martinique"),
        ("America/Cayenne", "Guyane", "French Guiana"),
        ("America/Miquelon", "Saint-Pierre-et-Miquelon", "Saint Pierre and Miquelon"),
        ("America/St_Barthelemy", "Saint-Barthélemy", "Saint Barthélemy"),
        ("America/Marigot", "Saint-Martin", "Saint Martin"),
        ("Indian/Reunion", "La Réunion", "Réunion"),
        ("Indian/Mayotte", "Mayotte", "Mayotte"),
        ("Indian/Kerguelen", "Terres australes (Kerguelen)", "French Southern Lands (Kerguelen)"),
        ("Pacific/Noumea", "Nouvelle-Calédonie", "New Caledonia"),
        ("Pacific/Tahiti", "Polynésie française (Tahiti)", "French Polynesia (Tahiti)"),
        ("Pacific/Marquesas", "Polynésie française (Marquises)", "French Polynesia (Marquesas)"),
        ("Pacific/Gambier", "Polynésie française (Gambier)", "French Polynesia (Gambier)"),
        ("Pacific/Wallis", "Wallis-et-Futuna", "Wallis and Futuna"),
        ("Etc/UTC", "Temps universel", "Universal time"),
    ];
    match PLACES.iter().find(|(z, ..)| *z == zone) {
        Some((_, fr, en)) => format!("{} ({zone})", t(lang, fr, en)),
        None => zone.to_string(),
    }
}

fn preview_table(days: Vec<DayPreview>, stale: bool, lang: Lang) -> AnyView {
    let names = ["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."];
    let caption = if stale {
        t(
            lang,
            "Les 30 prochains jours, selon le dernier calendrier valide",
            "The next 30 days, by the last valid calendar",
        )
    } else {
        t(lang, "Les 30 prochains jours", "The next 30 days")
    };
    view! {
        <table class="calendar-preview" class:stale=stale data-testid="calendar-preview" data-stale=stale.to_string()>
            <caption>{caption}</caption>
            <thead><tr>
                <th scope="col">{t(lang, "Jour", "Day")}</th>
                <th scope="col">{t(lang, "Heures ouvrées", "Business hours")}</th>
                <th scope="col">{t(lang, "Motif de fermeture", "Why closed")}</th>
            </tr></thead>
            <tbody>
                {days.into_iter().map(|day| {
                    let (closed, holiday) = (day.openings.is_empty(), day.closed_because.is_some());
                    let openings = if day.openings.is_empty() {
                        t(lang, "Fermé", "Closed").to_string()
                    } else {
                        day.openings.iter().map(|(s, e)| format!("{s}–{e}")).collect::<Vec<_>>().join(", ")
                    };
                    view! {
                        <tr data-testid="preview-day" data-date=day.date.to_string() data-minutes=day.business_minutes
                            class:closed=closed class:holiday=holiday>
                            <th scope="row">{format!("{} {:02}/{:02}", names[day.date.weekday().num_days_from_monday() as usize], day.date.day(), day.date.month())}</th>
                            <td>{openings}</td>
                            <td>{day.closed_because.unwrap_or_default()}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}
