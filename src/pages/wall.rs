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

/// Tiles sorted by urgency: the earliest deadline first (breached ones are the earliest),
/// incidents with no running clock last.
pub fn tiles(incidents: &[IncidentView], now: DateTime<Utc>) -> Vec<Tile> {
    let mut tiles: Vec<Tile> = incidents.iter().map(|i| Tile { urgent: Urgent::of(i, now), incident: i.clone() }).collect();
    tiles.sort_by_key(|t| (t.urgent.as_ref().map_or(DateTime::<Utc>::MAX_UTC, |u| u.due), t.incident.priority, t.incident.id));
    tiles
}

/// The page: loads the open incidents, follows the event stream, corrects the clock.
#[component]
pub fn WallPage() -> impl IntoView {
    let now = clock::use_server_now();
    let incidents = RwSignal::new(Vec::<IncidentView>::new());
    let alerts = RwSignal::new(Vec::<String>::new());
    let reload = move || {
        spawn_local(async move {
            if let Ok(list) = api::open_incidents().await {
                incidents.set(list);
            }
        })
    };
    reload();
    let connection = use_live_events(move |event: EventView| {
        if event.kind == "alert" {
            let text = format!(
                "{} — {} {}",
                event.data["reference"].as_str().unwrap_or(""),
                event.data["clock"].as_str().unwrap_or(""),
                event.data["level"].as_str().unwrap_or("")
            );
            alerts.update(|a| {
                a.insert(0, text);
                a.truncate(5);
            });
        }
        let Some(id) = event.incident_id else { return };
        spawn_local(async move {
            if let Ok(updated) = api::incident(id).await {
                incidents.update(|list| {
                    list.retain(|i| i.id != id);
                    if updated.status != Status::Closed {
                        list.push(updated);
                    }
                });
            }
        });
    });
    reload_on_open(connection, reload);
    view! {
        <WallView incidents=incidents now connection=Signal::from(connection) alerts />
    }
}

/// The wall itself, from its inputs: tests give it incidents and a clock.
#[component]
pub fn WallView(
    #[prop(into)] incidents: Signal<Vec<IncidentView>>,
    #[prop(into)] now: Signal<DateTime<Utc>>,
    #[prop(into)] connection: Signal<Connection>,
    #[prop(into, optional)] alerts: Signal<Vec<String>>,
) -> impl IntoView {
    let lang = use_lang();
    // Deadlines only change with the incidents, not with the clock.
    let sorted = Memo::new(move |_| incidents.with(|list| tiles(list, now.get_untracked())));
    let counts = move || {
        sorted.with(|tiles| {
            let now = now.get();
            let mut c = [0usize; 3];
            for tile in tiles {
                match tile.urgent.as_ref().map(|u| u.shown(now)) {
                    Some(Shown::Breached) => c[2] += 1,
                    Some(Shown::AtRisk) => c[1] += 1,
                    _ => c[0] += 1,
                }
            }
            c
        })
    };
    view! {
        <main class="wall">
            <header class="wall-header">
                <h1>"Vigie"</h1>
                <p class="wall-counts">
                    {move || {
                        let [ok, risk, breached] = counts();
                        let l = lang.get();
                        format!("{} {ok} · {} {risk} · {} {breached}", t(l, "OK", "OK"), t(l, "À risque", "At risk"), t(l, "Dépassés", "Breached"))
                    }}
                </p>
                <ConnectionBadge connection />
            </header>
            <ul class="wall-alerts" aria-live="assertive">
                {move || alerts.get().into_iter().map(|a| view! { <li>{a}</li> }).collect_view()}
            </ul>
            // Past a dozen incidents the tiles get smaller, without their description, so
            // that 30 fit on a 1920×1080 screen and stay readable across the room.
            <ul class="wall-tiles" class:dense=move || sorted.with(|tiles| tiles.len() > DENSE_FROM)>
                <For each=move || sorted.get() key=|tile| (tile.incident.id, tile.incident.last_update_at, tile.incident.status as u8, tile.incident.priority) let:tile>
                    <WallTile tile now />
                </For>
            </ul>
        </main>
    }
}

/// How many tiles fit at full size on a 1920×1080 wall.
const DENSE_FROM: usize = 12;

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
        Shown::AtRisk => t(lang, "À risque", "At risk"),
        Shown::Breached => t(lang, "DÉPASSÉ", "BREACHED"),
        Shown::Paused => t(lang, "En pause", "Paused"),
    }
}

#[component]
fn WallTile(tile: Tile, now: Signal<DateTime<Utc>>) -> impl IntoView {
    let lang = use_lang();
    let Tile { incident, urgent } = tile;
    let priority = incident.priority.as_str();
    let class = format!("tile tile-{}", priority.to_ascii_lowercase());
    let countdown = urgent.map(|u| {
        // To the millisecond, as the server stores it: tools compare it with the API's.
        let deadline = u.due.to_rfc3339_opts(SecondsFormat::Millis, true);
        let kind = u.kind;
        // One computation per tick for all that is shown. A paused clock says when it runs
        // again, in the site's time; that instant is looked up once per pause, not per tick.
        let time_zone = u.business.as_ref().map(|c| c.time_zone());
        let resumes_ms = std::sync::atomic::AtomicI64::new(i64::MIN);
        let at_now = Memo::new(move |_| {
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
            (shown, u.left_seconds(now), resumes)
        });
        view! {
            <div class="countdown" data-testid="countdown" data-deadline=deadline data-state=move || at_now.get().0.as_str()>
                <span class="countdown-clock">{move || crate::fr::clock_name(kind, lang.get())}</span>
                <span class="countdown-digits">{move || clock_digits(at_now.get().1)}</span>
                <span class="countdown-state">{move || state_words(at_now.get().0, lang.get())}</span>
                <span class="countdown-resumes">{move || at_now.get().2.map(|(r, tz)| {
                    let (resumes, hours) = (t(lang.get(), "Reprise", "Resumes"), t(lang.get(), "heures ouvrées", "business hours"));
                    format!("{resumes} {} ({hours})", crate::fr::short_time(r, now.get_untracked(), tz))
                })}</span>
            </div>
        }
    });
    view! {
        <li class=class data-testid="wall-tile" data-priority=priority data-reference=incident.reference.clone()>
            <p class="tile-head">
                <span class="tile-priority">{priority}</span>
                " "
                <a class="tile-reference" href=format!("/incidents/{}", incident.id)>{incident.reference.clone()}</a>
            </p>
            <p class="tile-site">{format!("{} — {}", incident.organisation_name, incident.site_name)}</p>
            <p class="tile-description">{incident.description.chars().take(90).collect::<String>()}</p>
            {countdown}
        </li>
    }
}
