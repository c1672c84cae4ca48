//! Form fields and tables shared by the administration, report and lessons pages.
//!
//! Each is a plain function over concrete types returning an [`AnyView`], so that its
//! rendering code exists once in the wasm file however many fields use it: a `view!` per
//! field would compile to a type of its own each time, and those screens have dozens.
//! Labels are plain texts in the language of the moment; a page re-renders when the
//! language changes, its signals keep what was typed.

use leptos::prelude::*;

/// A `datetime-local` field's value (`2026-03-29T08:00`, seconds allowed) read in
/// `time_zone`. A local time that a daylight-saving change skips is not a time; one it
/// repeats is taken the first time. Read digit by digit: chrono's format-string parser
/// and its format items weigh several KB in each bundle for this one shape.
pub fn local_instant(value: &str, time_zone: chrono_tz::Tz) -> Option<chrono::DateTime<chrono_tz::Tz>> {
    use chrono::{NaiveDate, TimeZone};
    let number =
        |s: &str, len: usize| (s.len() == len && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok())?;
    let (date, time) = value.trim().split_once('T')?;
    let date: Vec<&str> = date.split('-').collect();
    let time: Vec<&str> = time.split(':').collect();
    let ([year, month, day], [hour, minute, second @ ..]) = (date.as_slice(), time.as_slice()) else { return None };
    let second = match second {
        [] => 0,
        [second] => number(second, 2)?,
        _ => return None,
    };
    let naive = NaiveDate::from_ymd_opt(number(year, 4)? as i32, number(month, 2)?, number(day, 2)?)?.and_hms_opt(
        number(hour, 2)?,
        number(minute, 2)?,
        second,
    )?;
    time_zone.from_local_datetime(&naive).earliest()
}

/// A labelled input (`kind`: `text`, `password`, `email`, `search`, `month`…) bound to `value`.
pub fn input(label: &'static str, kind: &'static str, testid: &'static str, value: RwSignal<String>) -> AnyView {
    view! {
        <label>{label}
            <input type=kind data-testid=testid autocomplete=if kind == "password" { "new-password" } else { "off" }
                prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev)) />
        </label>
    }
    .into_any()
}

/// A labelled multi-line text bound to `value`.
pub fn textarea(label: &'static str, testid: &'static str, rows: u8, value: RwSignal<String>) -> AnyView {
    view! {
        <label>{label}
            <textarea data-testid=testid rows=rows prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))></textarea>
        </label>
    }
    .into_any()
}

/// A labelled checkbox bound to `value`.
pub fn checkbox(label: &'static str, testid: &'static str, value: RwSignal<bool>) -> AnyView {
    view! {
        <label class="check">
            <input type="checkbox" data-testid=testid prop:checked=move || value.get() on:change=move |ev| value.set(event_target_checked(&ev)) />
            {label}
        </label>
    }
    .into_any()
}

/// A labelled choice among `options` (value, text) bound to `value`.
pub fn select(
    label: &'static str,
    testid: &'static str,
    value: RwSignal<String>,
    options: Vec<(String, String)>,
) -> AnyView {
    view! {
        <label>{label}
            <select data-testid=testid prop:value=move || value.get() on:change=move |ev| value.set(event_target_value(&ev))>
                {options.into_iter().map(|(v, text)| {
                    let selected = value.with_untracked(|current| *current == v);
                    view! { <option value=v selected=selected>{text}</option> }
                }).collect_view()}
            </select>
        </label>
    }
    .into_any()
}

/// A button.
pub fn button(label: &'static str, testid: &'static str, on_click: Callback<()>) -> AnyView {
    view! { <button type="button" data-testid=testid on:click=move |_| on_click.run(())>{label}</button> }.into_any()
}

/// A table of texts, named by `caption`. Each row is marked `data-testid=row_testid` and,
/// when `on_pick` is given, its first cell is a button that picks the row (by index).
///
/// A table wider than the screen scrolls in its frame, which takes the keyboard's focus so
/// that arrow keys scroll it too.
pub fn table(
    caption: &'static str,
    head: Vec<&'static str>,
    rows: Vec<Vec<String>>,
    row_testid: &'static str,
    on_pick: Option<Callback<usize>>,
) -> AnyView {
    // Nothing yet is said, not shown as an empty grid.
    if rows.is_empty() {
        let lang = crate::i18n::use_lang().get_untracked();
        return view! {
            <p class="empty" data-testid=format!("{row_testid}-empty")>
                <strong>{caption}</strong>{crate::i18n::t(lang, " : rien pour l'instant.", ": nothing yet.")}
            </p>
        }
        .into_any();
    }
    view! {
        <div class="table-scroll" role="region" tabindex="0" aria-label=caption>
        <table class="admin-list">
            <caption>{caption}</caption>
            <thead><tr>{head.into_iter().map(|h| view! { <th scope="col">{h}</th> }).collect_view()}</tr></thead>
            <tbody>
                {rows.into_iter().enumerate().map(|(i, cells)| {
                    let key = cells.first().cloned().unwrap_or_default();
                    view! {
                    <tr data-testid=row_testid data-key=key>
                        {cells.into_iter().enumerate().map(|(j, cell)| match (j, on_pick) {
                            (0, Some(pick)) => view! { <td><button type="button" class="link" on:click=move |_| pick.run(i)>{cell}</button></td> }.into_any(),
                            _ => view! { <td>{cell}</td> }.into_any(),
                        }).collect_view()}
                    </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
        </div>
    }
    .into_any()
}

/// A request's answer: nothing yet, a confirmation, or the server's message.
pub type Outcome = RwSignal<Option<Result<String, String>>>;

/// Shows an [`Outcome`]: a status, or an alert the screen reader reads at once.
pub fn outcome_line(outcome: Outcome) -> AnyView {
    (move || match outcome.get() {
        None => ().into_any(),
        Some(Ok(done)) => view! { <p class="done" role="status" data-testid="form-done">{done}</p> }.into_any(),
        Some(Err(message)) => view! { <p class="error" role="alert" data-testid="form-error">{message}</p> }.into_any(),
    })
    .into_any()
}
