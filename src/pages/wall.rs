//! The supervisor wall display (`/wall`): a TV across the operations room.
//!
//! Every open incident is a tile, the most urgent first; each shows its most urgent
//! clock in large digits with its state in words and colour. New incidents and alerts
//! arrive through the event stream; nothing needs a click once the page is open.

use chrono::{DateTime, SecondsFormat, Utc};
use leptos::prelude::*;
use leptos::task::spawn_local;
use vigie_api::{EventView, IncidentView, Status};

use crate::countdown::{clock_digits, Shown, Urgent};
use crate::i18n::{t, use_lang, Lang};
use crate::live::{reload_on_open, use_live_events, Connection};
use crate::{api, clock};
use vigie_engine::sla::ClockKind;

/// One tile: an incident and its most urgent clock.
#[derive(Debug, Clone)]
pub struct Tile {
    /// The incident.
    pub incident: IncidentView,
    /// Its most urgent running clock, if one runs.
    pub urgent: Option<Urgent>,
}

/// Two tiles are the same when their incidents are: the clock part is derived from it.
impl PartialEq for Tile {
    fn eq(&self, other: &Tile) -> bool {
        self.incident == other.incident
    }
}

/// Tiles sorted by urgency: the incidents still being worked first, the earliest deadline
/// first among them (breached ones are the earliest); resolved incidents (a P1 waiting for
/// its post-mortem) and incidents with no running clock last.
pub fn tiles(incidents: &[IncidentView], now: DateTime<Utc>) -> Vec<Tile> {
    let mut tiles: Vec<Tile> =
        incidents.iter().map(|i| Tile { urgent: Urgent::of(i, now), incident: i.clone() }).collect();
    tiles.sort_by_key(|t| {
        let resolved = t.incident.resolved_at.is_some();
        (resolved, t.urgent.as_ref().map_or(DateTime::<Utc>::MAX_UTC, |u| u.due), t.incident.priority, t.incident.id)
    });
    tiles
}

/// An SLA alert as the wall lists it: which incident, which promise, how far gone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alert {
    /// The incident's reference.
    pub reference: String,
    /// The clock.
    pub clock: Option<ClockKind>,
    /// `true` once breached, `false` at risk.
    pub breached: bool,
    /// The breach stayed open past the policy's delay and reached the second level.
    pub escalated: bool,
    /// How many alerts of this incident and clock came in.
    pub count: usize,
}

impl Alert {
    /// Reads an `alert` event.
    pub fn of(event: &EventView) -> Option<Alert> {
        let clock = serde_json::from_value::<ClockKind>(event.data["clock"].clone()).ok();
        Some(Alert {
            reference: event.data["reference"].as_str()?.to_string(),
            clock,
            breached: matches!(event.data["level"].as_str(), Some("breached" | "escalated")),
            escalated: event.data["level"].as_str() == Some("escalated"),
            count: 1,
        })
    }

    /// The alert in words: `INC-2026-000013 — Prise en charge : DÉPASSÉ`.
    pub fn words(&self, lang: Lang) -> String {
        let clock = self.clock.map_or("SLA", |k| crate::wording::clock_name(k, lang));
        let level = match (self.escalated, self.breached) {
            (true, _) => t(lang, "DÉPASSÉ, ESCALADÉ", "BREACHED, ESCALATED"),
            (false, true) => t(lang, "DÉPASSÉ", "BREACHED"),
            (false, false) => t(lang, "à risque", "at risk"),
        };
        let times = if self.count > 1 { format!(" (×{})", self.count) } else { String::new() };
        format!("{} — {clock} : {level}{times}", self.reference)
    }
}

/// Adds an alert to the list, the newest first: one line per incident and clock, the
/// latest level kept and the repeats counted; the five most recent lines.
pub fn add_alert(list: &mut Vec<Alert>, alert: Alert) {
    let count = match list.iter().position(|a| a.reference == alert.reference && a.clock == alert.clock) {
        Some(at) => list.remove(at).count + 1,
        None => 1,
    };
    list.insert(0, Alert { count, ..alert });
    list.truncate(5);
}

/// The page: loads the open incidents, follows the event stream, corrects the clock.
#[component]
pub fn WallPage() -> impl IntoView {
    let now = clock::use_server_now();
    let incidents = RwSignal::new(Vec::<IncidentView>::new());
    let alerts = RwSignal::new(Vec::<Alert>::new());
    let updated = RwSignal::new(None::<DateTime<Utc>>);
    let reload = move || {
        spawn_local(async move {
            if let Ok(list) = api::watched_incidents().await {
                incidents.set(list);
                updated.set(Some(now.get_untracked()));
            }
        })
    };
    reload();
    let connection = use_live_events(move |event: EventView| {
        updated.set(Some(now.get_untracked()));
        if event.kind == vigie_api::EventKind::Alert {
            if let Some(alert) = Alert::of(&event) {
                alerts.update(|list| add_alert(list, alert));
            }
        }
        let Some(id) = event.incident_id else { return };
        spawn_local(async move {
            if let Ok(updated) = api::incident(id).await {
                incidents.update(|list| {
                    list.retain(|i| i.id != id);
                    // Closed, it stays while a promise still runs on it (a GDPR notice due).
                    if updated.status != Status::Closed || updated.clocks.iter().any(|c| c.is_open()) {
                        list.push(updated);
                    }
                });
            }
        });
    });
    reload_on_open(connection, reload);
    view! {
        <WallView incidents=incidents now connection=Signal::from(connection) alerts updated />
    }
}

/// The wall itself, from its inputs: tests give it incidents and a clock.
///
/// Read across a room: the tiles grow or shrink with their number so that every incident
/// is on screen, the countdown's digits stay at least 48 px high and every label 24 px; a
/// breached or at-risk promise says so in words on a tile of its own look, not by colour
/// alone; a lost connection dims the whole wall and says since when it is stale.
#[component]
pub fn WallView(
    #[prop(into)] incidents: Signal<Vec<IncidentView>>,
    #[prop(into)] now: Signal<DateTime<Utc>>,
    #[prop(into)] connection: Signal<Connection>,
    #[prop(into, optional)] alerts: Signal<Vec<Alert>>,
    /// When the wall last heard from the server.
    #[prop(into, optional)]
    updated: Signal<Option<DateTime<Utc>>>,
) -> impl IntoView {
    let lang = use_lang();
    // Deadlines only change with the incidents, not with the clock.
    let sorted = Memo::new(move |_| incidents.with(|list| tiles(list, now.get_untracked())));
    let counts = move || {
        sorted.with(|tiles| {
            let now = now.get();
            let mut c = [0usize; 4];
            for tile in tiles.iter().filter(|t| t.incident.resolved_at.is_none()) {
                match tile.urgent.as_ref().map(|u| u.shown(now)) {
                    Some(Shown::Breached) => c[3] += 1,
                    Some(Shown::AtRisk) => c[2] += 1,
                    Some(Shown::Paused) => c[1] += 1,
                    _ => c[0] += 1,
                }
            }
            c
        })
    };
    let size = move || sorted.with(|tiles| size_of(tiles.len()));
    let stale = move || connection.get() == Connection::Closed;
    let kiosk = RwSignal::new(false);
    Effect::new(move |_| set_kiosk(kiosk.get()));
    on_cleanup(|| set_kiosk(false));
    view! {
        <main class="wall" class:stale=stale data-testid="wall">
            <header class="wall-header">
                <h1>"Vigie"</h1>
                <p class="wall-counts" data-testid="wall-counts">
                    {move || {
                        let [ok, paused, risk, breached] = counts();
                        let l = lang.get();
                        format!(
                            "{} {ok} · {} {paused} · {} {risk} · {} {breached}",
                            t(l, "Dans les délais", "On time"),
                            t(l, "En pause", "Paused"),
                            t(l, "À risque", "At risk"),
                            t(l, "Dépassés", "Breached")
                        )
                    }}
                </p>
                <ConnectionBadge connection />
                <button class="wall-kiosk" data-testid="wall-kiosk" on:click=move |_| kiosk.update(|k| *k = !*k)>
                    {move || if kiosk.get() { t(lang.get(), "Quitter le plein écran", "Leave full screen") } else { t(lang.get(), "Plein écran", "Full screen") }}
                </button>
            </header>
            <Show when=stale>
                <p class="wall-stale" role="alert" data-testid="wall-stale">
                    {move || {
                        let l = lang.get();
                        let since = updated.get().map(|u| crate::wording::short_time(u, now.get(), chrono_tz::Europe::Paris, l)).unwrap_or_default();
                        format!("{} {since}", t(l, "Connexion perdue : affichage arrêté à", "Connection lost: showing the state of"))
                    }}
                </p>
            </Show>
            <ul class="wall-alerts" aria-live="assertive" data-testid="wall-alerts">
                {move || alerts.get().into_iter().map(|a| view! { <li class:breached=a.breached>{a.words(lang.get())}</li> }).collect_view()}
            </ul>
            <ul class="wall-tiles" data-size=size>
                <For each=move || sorted.get() key=|tile| (tile.incident.id, tile.incident.last_update_at, tile.incident.status as u8, tile.incident.priority, tile.incident.assignee.as_ref().map(|a| a.id)) let:tile>
                    <WallTile tile now />
                </For>
            </ul>
        </main>
    }
}

/// A reference as a wall shows it, its number without the year: `INC-2026-000013` → `#13`.
pub fn short_reference(reference: &str) -> String {
    match reference.rsplit_once('-').map(|(_, n)| n.trim_start_matches('0')) {
        Some(n) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => format!("#{n}"),
        _ => reference.to_string(),
    }
}

/// The tiles' size for a number of incidents: `l` up to 6, `m` up to 12, `s` up to 20,
/// `xs` beyond (30 on a 1920 × 1080 screen, six columns of five).
pub fn size_of(count: usize) -> &'static str {
    match count {
        0..=6 => "l",
        7..=12 => "m",
        13..=20 => "s",
        _ => "xs",
    }
}

/// Full screen without the menu bar (the `kiosk` class on the document), or back.
fn set_kiosk(on: bool) {
    let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) else { return };
    let _ = root.class_list().toggle_with_force("kiosk", on);
    let document = web_sys::window().and_then(|w| w.document());
    if on {
        let _ = root.request_fullscreen();
    } else if document.as_ref().is_some_and(|d| d.fullscreen_element().is_some()) {
        if let Some(d) = document {
            d.exit_fullscreen();
        }
    }
}

/// The live connection's state, in words (`connection-state`).
#[component]
pub fn ConnectionBadge(#[prop(into)] connection: Signal<Connection>) -> impl IntoView {
    let lang = use_lang();
    let text = move || match (connection.get(), lang.get()) {
        (Connection::Open, l) => t(l, "● En direct", "● Live"),
        (Connection::Connecting, l) => t(l, "○ Connexion…", "○ Connecting…"),
        (Connection::Closed, l) => t(l, "✕ Déconnecté, nouvel essai…", "✕ Disconnected, retrying…"),
    };
    view! {
        <p class="connection" data-testid="connection-state" data-state=move || connection.get().as_str() role="status">{text}</p>
    }
}

fn state_words(shown: Shown, lang: Lang) -> &'static str {
    match shown {
        Shown::Ok => t(lang, "Dans les délais", "On time"),
        Shown::AtRisk => t(lang, "À RISQUE", "AT RISK"),
        Shown::Breached => t(lang, "DÉPASSÉ", "BREACHED"),
        Shown::Paused => t(lang, "En pause", "Paused"),
        // The wall counts down running clocks only; the words stay right if that changes.
        Shown::Met => t(lang, "Tenu", "Met"),
        Shown::Late => t(lang, "EN RETARD", "LATE"),
        Shown::Moot => t(lang, "Sans objet", "Not needed"),
    }
}

#[component]
fn WallTile(tile: Tile, now: Signal<DateTime<Utc>>) -> impl IntoView {
    let lang = use_lang();
    let Tile { incident, urgent } = tile;
    let priority = incident.priority.as_str();
    let resolved = incident.resolved_at.is_some();
    let assignee = incident.assignee.as_ref().map(|a| a.name.clone());
    let unowned_p1 = incident.priority == vigie_engine::Priority::P1 && incident.assignee.is_none() && !resolved;
    let class = format!("tile tile-{}", priority.to_ascii_lowercase());
    // One computation per tick for all that is shown. A paused clock says when it runs
    // again, in the site's time; that instant is looked up once per pause, not per tick.
    let time_zone = urgent.as_ref().and_then(|u| u.business.as_ref()).map(|c| c.time_zone());
    let resumes_ms = std::sync::atomic::AtomicI64::new(i64::MIN);
    let clock = urgent.clone();
    let at_now = Memo::new(move |_| {
        let u = clock.as_ref()?;
        let now = now.get();
        let shown = u.shown(now);
        let resumes = match (shown, time_zone) {
            (Shown::Paused, Some(tz)) => {
                use std::sync::atomic::Ordering::Relaxed;
                let cached = resumes_ms.load(Relaxed);
                let at = if cached > now.timestamp_millis() {
                    DateTime::from_timestamp_millis(cached)
                } else {
                    let found = u.resumes_at(now);
                    resumes_ms.store(found.map_or(i64::MIN, |r| r.timestamp_millis()), Relaxed);
                    found
                };
                at.map(|r| (r, tz))
            }
            _ => None,
        };
        Some((shown, u.left_seconds(now), resumes))
    });
    let state = move || at_now.get().map(|(shown, ..)| shown);
    let countdown = urgent.map(|u| {
        // To the millisecond, as the server stores it: tools compare it with the API's.
        let deadline = u.due.to_rfc3339_opts(SecondsFormat::Millis, true);
        let kind = u.kind;
        view! {
            <div class="countdown" data-testid="countdown" data-deadline=deadline data-state=move || state().map_or("ok", Shown::as_str)>
                <span class="countdown-clock">{move || crate::wording::clock_name(kind, lang.get())}</span>
                <span class="countdown-digits">{move || at_now.get().map(|(_, left, _)| clock_digits(left))}</span>
                <span class="countdown-state">{move || state().map(|s| state_words(s, lang.get()))}</span>
                <span class="countdown-resumes">{move || at_now.get().and_then(|(_, _, resumes)| resumes).map(|(r, tz)| {
                    let l = lang.get();
                    format!("{} {}", t(l, "Reprise", "Resumes"), crate::wording::short_time(r, now.get_untracked(), tz, l))
                })}</span>
            </div>
        }
    });
    view! {
        <li
            class=class
            class:tile-breached=move || state() == Some(Shown::Breached)
            class:tile-at-risk=move || state() == Some(Shown::AtRisk)
            class:tile-resolved=resolved
            class:tile-unowned=unowned_p1
            data-testid="wall-tile"
            data-priority=priority
            data-reference=incident.reference.clone()
        >
            <p class="tile-head">
                <span class="tile-priority">{priority}</span>
                " "
                // The number people say ("le 13"); the whole reference too for screen readers.
                <a class="tile-reference" href=format!("/incidents/{}", incident.id)
                    aria-label=format!("{} ({})", short_reference(&incident.reference), incident.reference)>{short_reference(&incident.reference)}</a>
                // A P1 nobody owns stands out, in words, at every tile size.
                {unowned_p1.then(|| view! { " " <span class="tile-unassigned" data-testid="tile-unassigned">{move || t(lang.get(), "À PRENDRE", "UNASSIGNED")}</span> })}
            </p>
            <p class="tile-site">{format!("{} · {}", incident.site_name, incident.organisation_name)}</p>
            <p class="tile-status" data-testid="tile-status">{move || match &assignee {
                Some(name) => format!("{} · {name}", crate::wording::status_name(incident.status, lang.get())),
                None => crate::wording::status_name(incident.status, lang.get()).to_string(),
            }}</p>
            <p class="tile-description">{incident.description.clone()}</p>
            {countdown}
        </li>
    }
}
