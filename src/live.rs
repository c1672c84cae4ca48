//! The live event stream (`GET /api/events`): every change the user may see, as it happens.
//!
//! The browser's `EventSource` reconnects by itself and then sends `Last-Event-ID`, so the
//! server replays what was missed. When the server refuses (a closed stream), the page
//! reopens it after a few seconds. The connection state is shown, never guessed.

use std::time::Duration;

use leptos::prelude::*;
use vigie_api::EventView;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{EventSource, MessageEvent};

/// The state of the stream.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Connection {
    /// Opening or reopening.
    Connecting,
    /// Receiving.
    Open,
    /// Closed; a new attempt is scheduled.
    Closed,
}

impl Connection {
    /// The `data-state` value and a word for people.
    pub fn as_str(self) -> &'static str {
        match self {
            Connection::Connecting => "connecting",
            Connection::Open => "open",
            Connection::Closed => "closed",
        }
    }
}

struct Stream {
    source: EventSource,
    _on_change: Closure<dyn FnMut(MessageEvent)>,
    _on_open: Closure<dyn FnMut(web_sys::Event)>,
    _on_lagged: Closure<dyn FnMut(web_sys::Event)>,
    _on_error: Closure<dyn FnMut(web_sys::Event)>,
}

/// Opens the stream for as long as the calling component lives; `on_change` gets every
/// change event.
pub fn use_live_events(on_change: impl Fn(EventView) + Clone + 'static) -> ReadSignal<Connection> {
    let (state, set_state) = signal(Connection::Connecting);
    let current = StoredValue::new_local(None::<Stream>);
    let generation = StoredValue::new(0u32);

    fn open(
        on_change: impl Fn(EventView) + Clone + 'static,
        set_state: WriteSignal<Connection>,
        current: StoredValue<Option<Stream>, LocalStorage>,
        generation: StoredValue<u32>,
    ) {
        let Ok(source) = EventSource::new("/api/events") else {
            set_state.set(Connection::Closed);
            return;
        };
        set_state.set(Connection::Connecting);
        let handler = on_change.clone();
        let on_change_cb = Closure::<dyn FnMut(MessageEvent)>::new(move |event: MessageEvent| {
            if let Some(data) = event.data().as_string() {
                if let Ok(change) = serde_json::from_str::<EventView>(&data) {
                    handler(change);
                }
            }
        });
        let on_open = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| set_state.set(Connection::Open));
        let on_lagged = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| set_state.set(Connection::Connecting));
        let watched = source.clone();
        let reopen = on_change.clone();
        let on_error = Closure::<dyn FnMut(web_sys::Event)>::new(move |_| {
            if watched.ready_state() == EventSource::CLOSED {
                set_state.set(Connection::Closed);
                let attempt = generation.get_value();
                let reopen = reopen.clone();
                set_timeout(
                    move || {
                        if generation.get_value() == attempt {
                            open(reopen, set_state, current, generation);
                        }
                    },
                    Duration::from_secs(3),
                );
            } else {
                set_state.set(Connection::Connecting);
            }
        });
        let _ = source.add_event_listener_with_callback("change", on_change_cb.as_ref().unchecked_ref());
        // `lagged`: the server could not replay everything missed and ends the stream. The
        // browser reconnects; marking the stream as connecting until then makes
        // [`reload_on_open`] load the page's data again when it opens.
        let _ = source.add_event_listener_with_callback("lagged", on_lagged.as_ref().unchecked_ref());
        source.set_onopen(Some(on_open.as_ref().unchecked_ref()));
        source.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        current.update_value(|slot| {
            if let Some(old) = slot.take() {
                old.source.close();
            }
            *slot = Some(Stream {
                source,
                _on_change: on_change_cb,
                _on_open: on_open,
                _on_lagged: on_lagged,
                _on_error: on_error,
            });
        });
    }

    open(on_change, set_state, current, generation);
    on_cleanup(move || {
        generation.update_value(|g| *g += 1);
        current.update_value(|slot| {
            if let Some(stream) = slot.take() {
                stream.source.close();
            }
        });
    });
    state
}

/// Loads the page's data again each time the stream opens or reopens: a change made
/// between the first load and the stream's opening, or while it was down, is not missed
/// (a new stream does not replay what came before it).
pub fn reload_on_open(connection: ReadSignal<Connection>, reload: impl Fn() + 'static) {
    let was_open = std::cell::Cell::new(false);
    Effect::new(move |_| {
        let open = connection.get() == Connection::Open;
        if open && !was_open.get() {
            reload();
        }
        was_open.set(open);
    });
}
