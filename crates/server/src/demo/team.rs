//! The incident the demo desk is working on as a team: reported by the client an hour ago
//! with a photo, taken by Karim Haddad (`tech`), with a conversation — the client's
//! message, the technician's answer and an internal note the client never sees. Played
//! through the server's own code on a clock of its own set in the past, like the history;
//! the photo goes through the uploads' own path ([`attachments::store`]), which strips its
//! metadata.

use axum::extract::State;
use chrono::TimeDelta;
use sqlx::Row;
use vigie_api::NewMessage;

use super::history::NOT_SENT;
use crate::error::Error;
use crate::extract::{ApiJson, Id};
use crate::incidents::{self, Action, NewIncident};
use crate::model::User;
use crate::state::{AppState, Clock};
use crate::{attachments, messages};

/// The report's idempotency key: the incident is made once, whatever the restarts.
const KEY: &str = "demo-team";

const DESCRIPTION: &str = "L'image de la caméra de l'entrée du parking est floue depuis ce matin : les plaques sont difficiles à lire. Les autres caméras sont nettes.";

/// The conversation: who writes, minutes after the report, what, and whether it is a note
/// for the team.
const CONVERSATION: [(&str, i64, &str, bool); 3] = [
    ("client", 12, "Je vous ai mis une photo de l'image. La caméra est au-dessus de la barrière, côté rue.", false),
    (
        "tech",
        20,
        "Merci, c'est bien visible. Un nettoyage et un réglage de la mise au point devraient suffire ; je passe demain matin, vers 9 h.",
        false,
    ),
    ("tech", 24, "Même modèle que la caméra du hall remplacée le mois dernier : prévoir un objectif de rechange.", true),
];

/// Makes the incident when the desk does not have it yet.
///
/// # Errors
/// [`Error::Database`]; any error of the incident code paths it goes through.
pub(super) async fn team_incident(state: &AppState) -> Result<(), Error> {
    let pool = state.db.pool();
    if sqlx::query("SELECT id FROM incidents WHERE idempotency_key = $1")
        .bind(KEY)
        .fetch_optional(pool)
        .await?
        .is_some()
    {
        return Ok(());
    }
    let user = |username: &'static str| async move {
        let row = sqlx::query("SELECT * FROM users WHERE username = $1 AND active = 1")
            .bind(username)
            .fetch_optional(pool)
            .await?;
        row.map(|r| User::from_row(&r)).transpose()
    };
    let (Some(client), Some(tech)) = (user("client").await?, user("tech").await?) else { return Ok(()) };
    let site = sqlx::query("SELECT id FROM sites WHERE organisation_id = $1 AND name = $2")
        .bind(client.organisation_id)
        .bind(super::PARIS)
        .fetch_optional(pool)
        .await?;
    let Some(site) = site else { return Ok(()) };

    let reported = state.clock.now() - TimeDelta::minutes(60);
    let past = AppState { clock: Clock::default(), ..state.clone() };
    let at = |minutes: i64| past.clock.advance(reported + TimeDelta::minutes(minutes) - past.clock.now());
    at(0);
    // A degraded camera: a type of its own on this site, where the history's parking
    // cameras that went dark already make a recurrence.
    let answers = serde_json::from_str(r#"{"system": "video", "scope": "one_device", "symptom": "degraded"}"#)
        .map_err(|e| Error::Database(format!("demo team incident: answers: {e}")))?;
    let request = NewIncident {
        site_id: site.try_get("id")?,
        description: DESCRIPTION.to_string(),
        answers: Some(answers),
        on_site_required: Some(true),
        ..NewIncident::default()
    };
    let (view, replayed) = incidents::create(&past, &client, request, Some(KEY.to_string())).await?;
    if replayed {
        return Ok(());
    }
    let id = view.id;
    at(2);
    attachments::store(&past, &client, id, "camera-parking.png", &photo()).await?;
    at(9);
    incidents::act(&past, &tech, id, Action::Assign { user_id: Some(tech.id) }).await?;
    incidents::act(&past, &tech, id, Action::Acknowledge { note: Some("Pris en charge, je regarde la photo.".into()) })
        .await?;
    for (author, minutes, text, internal) in CONVERSATION {
        at(minutes);
        let author = if author == "client" { &client } else { &tech };
        let message = NewMessage { text: text.to_string(), internal };
        let _ = messages::post(State(past.clone()), author.clone(), Id(id), ApiJson(message)).await?;
    }
    // Its notices went to fictitious contacts an hour ago: never sent, as the history's.
    sqlx::query("UPDATE outbox SET status = 'skipped', last_error = $1 WHERE incident_id = $2 AND status = 'pending'")
        .bind(NOT_SENT)
        .bind(id)
        .execute(pool)
        .await?;
    Ok(())
}

/// The client's photo: a small PNG of a blurred camera view (a grey gradient with a dark
/// barrier), carrying the kind of text chunk a phone writes (where and when it was taken),
/// which storing it removes.
fn photo() -> Vec<u8> {
    const WIDTH: u32 = 96;
    const HEIGHT: u32 = 64;
    let mut pixels = Vec::with_capacity(((WIDTH * 3 + 1) * HEIGHT) as usize);
    for y in 0..HEIGHT {
        pixels.push(0); // No filter on this row.
        for x in 0..WIDTH {
            let barrier = (36..42).contains(&y) && x > 20;
            let grey = if barrier { 40 } else { 90 + ((x + y) * 120 / (WIDTH + HEIGHT)) as u8 };
            pixels.extend([grey, grey, grey.saturating_add(12)]);
        }
    }
    let mut header = Vec::new();
    header.extend(WIDTH.to_be_bytes());
    header.extend(HEIGHT.to_be_bytes());
    header.extend([8, 2, 0, 0, 0]); // 8 bits, RGB, deflate, no filter, not interlaced.
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    chunk(&mut png, b"IHDR", &header);
    chunk(&mut png, b"tEXt", b"Comment\0GPS 48.8837 N 2.3051 E, 2026-12-06 08:12");
    chunk(&mut png, b"IDAT", &stored_zlib(&pixels));
    chunk(&mut png, b"IEND", &[]);
    png
}

/// A PNG chunk: its length, type, data and CRC.
fn chunk(png: &mut Vec<u8>, kind: &[u8; 4], data: &[u8]) {
    png.extend(u32::try_from(data.len()).unwrap_or(u32::MAX).to_be_bytes());
    let start = png.len();
    png.extend(kind);
    png.extend(data);
    let crc = crc32(&png[start..]);
    png.extend(crc.to_be_bytes());
}

/// `data` as a zlib stream of uncompressed deflate blocks: valid, and no compressor needed.
fn stored_zlib(data: &[u8]) -> Vec<u8> {
    let mut out = vec![0x78, 0x01];
    let blocks: Vec<&[u8]> = data.chunks(65_535).collect();
    for (i, block) in blocks.iter().enumerate() {
        out.push(u8::from(i + 1 == blocks.len()));
        let len = block.len() as u16;
        out.extend(len.to_le_bytes());
        out.extend((!len).to_le_bytes());
        out.extend(*block);
    }
    let (mut a, mut b) = (1u32, 0u32);
    for byte in data {
        a = (a + u32::from(*byte)) % 65_521;
        b = (b + a) % 65_521;
    }
    out.extend(((b << 16) | a).to_be_bytes());
    out
}

fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for byte in bytes {
        crc ^= u32::from(*byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_photo_is_a_png_whose_text_chunk_storing_removes() {
        let photo = photo();
        let kind = crate::filetype::sniff(&photo).expect("a type");
        assert_eq!(kind.content_type(), "image/png");
        let stored = crate::filetype::strip(kind, &photo).expect("a valid PNG");
        assert!(photo.windows(4).any(|w| w == b"tEXt"));
        assert!(!stored.windows(4).any(|w| w == b"tEXt") && !stored.windows(3).any(|w| w == b"GPS"));
        // The well-known CRC of "IEND" with no data.
        assert_eq!(crc32(b"IEND"), 0xAE42_6082);
    }
}
