//! Post-mortems of P1 incidents (procedure §04): a draft is created at resolution with the
//! timeline filled in; staff complete it; it is published to the client only when the
//! engine's check finds nothing missing; publishing it tells the client.

use axum::extract::State;
use axum::Json;
use serde::Serialize;
use serde_json::json;
use sqlx::any::AnyRow;
use vigie_engine::postmortem::PostMortem;

use crate::db::{from_ms, get, get_json, get_time, to_ms};
use crate::error::Error;
use crate::events;
use crate::extract::{ApiJson, ApiQuery, Id};
use crate::incidents;
use crate::model::User;
use crate::notices::{self, ClientNotice};
use crate::state::AppState;

pub use vigie_api::PostMortemView as View;

fn from_row(row: &AnyRow) -> Result<View, Error> {
    let document: PostMortem = get_json(row, "document")?;
    Ok(View {
        id: get(row, "id")?,
        incident_id: get(row, "incident_id")?,
        reference: get(row, "reference")?,
        organisation_id: get(row, "organisation_id")?,
        status: get(row, "status")?,
        missing: document.missing(),
        document,
        due_at: from_ms(get(row, "due_at")?),
        published_at: get_time(row, "published_at")?,
    })
}

const SELECT: &str = "SELECT postmortems.*, incidents.reference, incidents.organisation_id
    FROM postmortems JOIN incidents ON incidents.id = postmortems.incident_id";

/// Clients see their organisation's published post-mortems; staff see all.
fn visible(view: &View, user: &User) -> bool {
    user.is_staff() || (user.sees(view.organisation_id) && view.status == "published")
}

async fn load(state: &AppState, user: &User, id: i64) -> Result<View, Error> {
    let row =
        sqlx::query(&format!("{SELECT} WHERE postmortems.id = $1")).bind(id).fetch_optional(state.db.pool()).await?;
    let view = from_row(&row.ok_or(Error::NotFound)?)?;
    if visible(&view, user) {
        Ok(view)
    } else {
        Err(Error::NotFound)
    }
}

/// `GET /api/postmortems`.
pub async fn list(State(state): State<AppState>, user: User) -> Result<Json<Vec<View>>, Error> {
    let rows = sqlx::query(&format!("{SELECT} ORDER BY postmortems.id DESC")).fetch_all(state.db.pool()).await?;
    let views = rows.iter().map(from_row).collect::<Result<Vec<_>, _>>()?;
    Ok(Json(views.into_iter().filter(|v| visible(v, &user)).collect()))
}

/// `GET /api/postmortems/{id}`.
pub async fn show(State(state): State<AppState>, user: User, Id(id): Id) -> Result<Json<View>, Error> {
    Ok(Json(load(&state, &user, id).await?))
}

/// `GET /api/incidents/{id}/postmortem`.
pub async fn of_incident(State(state): State<AppState>, user: User, Id(id): Id) -> Result<Json<View>, Error> {
    let mut conn = state.db.pool().acquire().await?;
    incidents::load(&mut conn, &user, id).await?;
    let row = sqlx::query(&format!("{SELECT} WHERE postmortems.incident_id = $1"))
        .bind(id)
        .fetch_optional(&mut *conn)
        .await?;
    let view = from_row(&row.ok_or(Error::NotFound)?)?;
    if visible(&view, &user) {
        Ok(Json(view))
    } else {
        Err(Error::NotFound)
    }
}

/// `PUT /api/postmortems/{id}`: staff edit the document while it is a draft.
pub async fn edit(
    State(state): State<AppState>,
    user: User,
    Id(id): Id,
    ApiJson(document): ApiJson<PostMortem>,
) -> Result<Json<View>, Error> {
    let view = load(&state, &user, id).await?;
    user.require_staff()?;
    if view.status == "published" {
        return Err(Error::Conflict(format!("the post-mortem of {} is already published", view.reference)));
    }
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    sqlx::query("UPDATE postmortems SET document = $1, updated_at = $2 WHERE id = $3")
        .bind(serde_json::to_string(&document).map_err(|e| Error::Database(e.to_string()))?)
        .bind(to_ms(now))
        .bind(id)
        .execute(&mut *tx)
        .await?;
    events::append(
        &mut tx,
        Some(view.incident_id),
        Some(view.organisation_id),
        "postmortem_edited",
        now,
        Some(user.id),
        json!({}),
    )
    .await?;
    tx.commit().await?;
    state.changed().await;
    Ok(Json(load(&state, &user, id).await?))
}

/// `POST /api/postmortems/{id}/publish`: only a complete post-mortem is shared.
pub async fn publish(State(state): State<AppState>, user: User, Id(id): Id) -> Result<Json<View>, Error> {
    let view = load(&state, &user, id).await?;
    user.require_staff()?;
    if view.status == "published" {
        return Err(Error::Conflict(format!("the post-mortem of {} is already published", view.reference)));
    }
    if !view.missing.is_empty() {
        let what: Vec<String> = view.missing.iter().map(|m| m.en.clone()).collect();
        return Err(Error::Conflict(format!(
            "the post-mortem of {} is incomplete: {}",
            view.reference,
            what.join(" ")
        )));
    }
    let now = state.clock.now();
    let mut tx = state.db.begin().await?;
    sqlx::query("UPDATE postmortems SET status = 'published', published_at = $1 WHERE id = $2")
        .bind(to_ms(now))
        .bind(id)
        .execute(&mut *tx)
        .await?;
    sqlx::query("UPDATE incidents SET postmortem_published_at = $1 WHERE id = $2")
        .bind(to_ms(now))
        .bind(view.incident_id)
        .execute(&mut *tx)
        .await?;
    record_lesson(&mut tx, &view, now).await?;
    let event_id = events::append(
        &mut tx,
        Some(view.incident_id),
        Some(view.organisation_id),
        "postmortem_published",
        now,
        Some(user.id),
        json!({}),
    )
    .await?;
    // The client is told, with the link to the document.
    let row = sqlx::query("SELECT * FROM incidents WHERE id = $1").bind(view.incident_id).fetch_one(&mut *tx).await?;
    let incident = incidents::Incident::from_row(&row)?;
    let site = incidents::site(&mut tx, incident.site_id).await?;
    let org = incidents::organisation(&mut tx, incident.organisation_id).await?;
    let link =
        format!("{}/postmortems/{id}", state.config.public_origin.as_deref().unwrap_or_default().trim_end_matches('/'));
    notices::queue(&mut tx, &incident, &site, &org, ClientNotice::PostmortemPublished { link: &link }, event_id, now)
        .await?;
    tx.commit().await?;
    state.changed().await;
    Ok(Json(load(&state, &user, id).await?))
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
async fn record_lesson(
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
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LessonQuery {
    #[serde(default)]
    system: Option<String>,
    #[serde(default)]
    symptom: Option<String>,
    #[serde(default)]
    q: Option<String>,
}

/// A lesson, as technicians read it.
#[derive(Debug, Serialize)]
pub struct Lesson {
    id: i64,
    system: String,
    symptom: String,
    what_happened: String,
    root_cause: String,
    prevention: String,
    client_name: Option<String>,
    site_name: Option<String>,
    created_at: chrono::DateTime<chrono::Utc>,
}

/// `GET /api/lessons`: the knowledge base, for staff, searchable by system and symptom.
pub async fn lessons(
    State(state): State<AppState>,
    user: User,
    ApiQuery(q): ApiQuery<LessonQuery>,
) -> Result<Json<Vec<Lesson>>, Error> {
    user.require_staff()?;
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
