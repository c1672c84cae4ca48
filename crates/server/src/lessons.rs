//! Lessons learned (procedure §04): each published P1 post-mortem leaves an internal
//! lesson — what happened, the root cause, what prevents it — that staff search by system
//! and symptom. A client that asked for it is anonymised in its lessons.

use axum::extract::State;
use axum::routing;
use axum::{middleware, Json, Router};
use serde::Deserialize;
use vigie_api::Lesson;

use crate::auth;
use crate::db::{from_ms, get, to_ms};
use crate::error::Error;
use crate::extract::ApiQuery;
use crate::postmortems::View;
use crate::state::AppState;

/// The route of the knowledge base, for staff.
pub fn router(state: &AppState) -> Router<AppState> {
    Router::new()
        .route("/lessons", routing::get(lessons))
        .route_layer(middleware::from_fn_with_state(state.clone(), auth::staff_only))
}

/// Leaves out a name from a text, whatever its case and whatever the script: the text and
/// the name are compared character by character, each lowercased, and what is replaced
/// is always whole characters of the original text. (Lowercasing can change a text's
/// length — `Ⱥ` is two bytes, `ⱥ` three; `İ` becomes two characters — so positions in a
/// lowercased copy are no positions in the original.)
fn scrub(text: &str, name: &str, placeholder: &str) -> String {
    let name: Vec<char> = name.trim().chars().flat_map(char::to_lowercase).collect();
    if name.is_empty() {
        return text.to_string();
    }
    // Each lowercased character, with the byte range of the original character it is from.
    let folded: Vec<(char, usize, usize)> =
        text.char_indices().flat_map(|(at, c)| c.to_lowercase().map(move |l| (l, at, at + c.len_utf8()))).collect();
    let starts_a_character = |i: usize| i == 0 || folded[i - 1].1 != folded[i].1;
    let ends_a_character = |i: usize| i + 1 == folded.len() || folded[i + 1].1 != folded[i].1;
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    let mut i = 0;
    while i + name.len() <= folded.len() {
        let end = i + name.len() - 1;
        let matches = starts_a_character(i)
            && ends_a_character(end)
            && folded[i..=end].iter().map(|f| f.0).eq(name.iter().copied());
        if matches {
            out.push_str(&text[copied..folded[i].1]);
            out.push_str(placeholder);
            copied = folded[end].2;
            i = end + 1;
        } else {
            i += 1;
        }
    }
    out.push_str(&text[copied..]);
    out
}

/// The internal lesson of a published P1 post-mortem (procedure §04): what happened, the
/// root cause, what prevents it. The client's name and site are left out, everywhere in
/// the lesson, when the client asked for it.
pub(crate) async fn record(
    conn: &mut sqlx::AnyConnection,
    view: &View,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), Error> {
    let row = sqlx::query(
        "SELECT incidents.description, incidents.incident_type, organisations.name AS organisation_name,
                organisations.anonymous_lessons, sites.name AS site_name
         FROM incidents JOIN organisations ON organisations.id = incidents.organisation_id
         JOIN sites ON sites.id = incidents.site_id WHERE incidents.id = $1",
    )
    .bind(view.incident_id)
    .fetch_one(&mut *conn)
    .await?;
    let organisation: String = get(&row, "organisation_name")?;
    let site: String = get(&row, "site_name")?;
    let anonymous = get::<i64>(&row, "anonymous_lessons")? != 0;
    let clean = |text: &str| {
        if anonymous {
            scrub(&scrub(text, &organisation, "[client]"), &site, "[site]")
        } else {
            text.to_string()
        }
    };
    let incident_type: String = get(&row, "incident_type")?;
    let (system, symptom) = incident_type.split_once('/').unwrap_or(("unknown", "unknown"));
    let description: String = get(&row, "description")?;
    let prevention = view.document.preventive_measures.join("\n");
    sqlx::query(
        "INSERT INTO lessons (postmortem_id, incident_id, system, symptom, what_happened, root_cause, prevention, client_name, site_name, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT (postmortem_id) DO NOTHING",
    )
    .bind(view.id)
    .bind(view.incident_id)
    .bind(system)
    .bind(symptom)
    .bind(clean(&description))
    .bind(clean(&view.document.root_cause))
    .bind(clean(&prevention))
    .bind((!anonymous).then_some(organisation.clone()))
    .bind((!anonymous).then_some(site.clone()))
    .bind(to_ms(now))
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// `?system=video&symptom=down&q=switch`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LessonQuery {
    #[serde(default)]
    system: Option<String>,
    #[serde(default)]
    symptom: Option<String>,
    #[serde(default)]
    q: Option<String>,
}

/// `GET /api/lessons`: the knowledge base, for staff, searchable by system and symptom.
pub async fn lessons(
    State(state): State<AppState>,
    ApiQuery(q): ApiQuery<LessonQuery>,
) -> Result<Json<Vec<Lesson>>, Error> {
    let rows = sqlx::query(
        "SELECT * FROM lessons WHERE ($1 IS NULL OR system = $1) AND ($2 IS NULL OR symptom = $2) ORDER BY id DESC",
    )
    .bind(q.system)
    .bind(q.symptom)
    .fetch_all(state.db.pool())
    .await?;
    let words = q.q.map(|w| w.to_lowercase());
    let mut out = Vec::new();
    for r in rows {
        let lesson = Lesson {
            id: get(&r, "id")?,
            system: get(&r, "system")?,
            symptom: get(&r, "symptom")?,
            what_happened: get(&r, "what_happened")?,
            root_cause: get(&r, "root_cause")?,
            prevention: get(&r, "prevention")?,
            client_name: get(&r, "client_name")?,
            site_name: get(&r, "site_name")?,
            created_at: from_ms(get(&r, "created_at")?),
        };
        let text = format!("{} {} {}", lesson.what_happened, lesson.root_cause, lesson.prevention).to_lowercase();
        if words.as_ref().is_none_or(|w| text.contains(w.as_str())) {
            out.push(lesson);
        }
    }
    Ok(Json(out))
}

#[cfg(test)]
mod tests {
    use super::scrub;

    #[test]
    fn names_are_left_out_whatever_their_case_and_script() {
        assert_eq!(
            scrub("Panne chez Banque Premium ce matin", "Banque Premium", "[client]"),
            "Panne chez [client] ce matin"
        );
        assert_eq!(scrub("BANQUE PREMIUM et banque premium", "Banque Premium", "[client]"), "[client] et [client]");
        // Lowercasing changes byte lengths here: the text around the name is kept whole.
        assert_eq!(scrub("Ⱥ Banque Premiumé Ω", "Banque Premium", "[client]"), "Ⱥ [client]é Ω");
        assert_eq!(scrub("ȺȺ banque ȺPREMIUM", "banque ⱥpremium", "[x]"), "ȺȺ [x]");
        assert_eq!(scrub("Agence de STRASBOURG-İSTANBUL", "Strasbourg-İstanbul", "[site]"), "Agence de [site]");
        assert_eq!(scrub("Agence de strasbourg-i\u{307}stanbul", "STRASBOURG-İSTANBUL", "[site]"), "Agence de [site]");
        assert_eq!(scrub("Ω", "Ω", "[x]"), "[x]");
        assert_eq!(scrub("abc", "  ", "[x]"), "abc");
        assert_eq!(scrub("", "Banque", "[x]"), "");
        // A name is whole characters of the text, never part of one.
        assert_eq!(scrub("İ", "i", "[x]"), "İ");
    }
}
