//! Photos and files on an incident: JPEG, PNG, WebP and PDF up to 10 MB, 20 per incident,
//! the type judged from the content, images stored without their metadata, and every file
//! served only to whoever may see the incident.

use serde_json::json;

use crate::harness::{Backend, Client, Response, TestServer};

const BOUNDARY: &str = "vigie-test-boundary-7d1c9a";

/// A multipart body with one file in `field`.
fn multipart(field: &str, filename: &str, content: &[u8]) -> Vec<u8> {
    let mut body = format!(
        "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{field}\"; filename=\"{filename}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
    )
    .into_bytes();
    body.extend_from_slice(content);
    body.extend_from_slice(format!("\r\n--{BOUNDARY}--\r\n").as_bytes());
    body
}

async fn upload(client: &Client, incident: i64, filename: &str, content: &[u8]) -> Response {
    let request = client
        .request(reqwest::Method::POST, &format!("/api/incidents/{incident}/attachments"))
        .header("content-type", format!("multipart/form-data; boundary={BOUNDARY}"))
        .body(multipart("file", filename, content));
    Client::send(request).await
}

/// The bytes of a file as served.
async fn download(client: &Client, id: i64) -> (u16, reqwest::header::HeaderMap, Vec<u8>) {
    let response =
        client.request(reqwest::Method::GET, &format!("/api/attachments/{id}")).send().await.expect("request sent");
    let status = response.status().as_u16();
    let headers = response.headers().clone();
    (status, headers, response.bytes().await.expect("body").to_vec())
}

fn segment(marker: u8, payload: &[u8]) -> Vec<u8> {
    let mut s = vec![0xFF, marker];
    s.extend_from_slice(&u16::try_from(payload.len() + 2).unwrap().to_be_bytes());
    s.extend_from_slice(payload);
    s
}

/// An APP1 Exif segment whose only tag points to a GPS directory holding a latitude.
fn exif_with_gps() -> Vec<u8> {
    let mut tiff = b"MM\x00\x2A\x00\x00\x00\x08".to_vec();
    // IFD0: one entry, GPSInfo (0x8825) -> offset 26.
    tiff.extend_from_slice(&[0x00, 0x01, 0x88, 0x25, 0x00, 0x04, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x1A]);
    tiff.extend_from_slice(&[0, 0, 0, 0]);
    // GPS IFD: GPSLatitudeRef "N".
    tiff.extend_from_slice(&[0x00, 0x01, 0x00, 0x01, 0x00, 0x02, 0x00, 0x00, 0x00, 0x02, b'N', 0, 0, 0]);
    tiff.extend_from_slice(&[0, 0, 0, 0]);
    let mut payload = b"Exif\0\0".to_vec();
    payload.extend(tiff);
    segment(0xE1, &payload)
}

/// A small baseline JPEG (8×8, grey), with `extra` segments after its JFIF header.
fn jpeg(extra: &[Vec<u8>]) -> Vec<u8> {
    let mut j = vec![0xFF, 0xD8];
    j.extend(segment(0xE0, b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0"));
    for e in extra {
        j.extend_from_slice(e);
    }
    let mut dqt = vec![0x00];
    dqt.extend_from_slice(&[1; 64]);
    j.extend(segment(0xDB, &dqt));
    j.extend(segment(0xC0, &[8, 0, 8, 0, 8, 1, 1, 0x11, 0]));
    // One DC code (category 0) and one AC code (end of block).
    let mut dht = vec![0x00, 1];
    dht.extend_from_slice(&[0; 15]);
    dht.push(0);
    j.extend(segment(0xC4, &dht));
    let mut dht = vec![0x10, 1];
    dht.extend_from_slice(&[0; 15]);
    dht.push(0);
    j.extend(segment(0xC4, &dht));
    j.extend(segment(0xDA, &[1, 1, 0x00, 0, 0x3F, 0]));
    j.push(0x3F);
    j.extend_from_slice(&[0xFF, 0xD9]);
    j
}

fn png(extra: &[Vec<u8>]) -> Vec<u8> {
    let chunk = |kind: &[u8], data: &[u8]| {
        let mut c = u32::try_from(data.len()).unwrap().to_be_bytes().to_vec();
        c.extend_from_slice(kind);
        c.extend_from_slice(data);
        c.extend_from_slice(&[0, 0, 0, 0]);
        c
    };
    let mut p = b"\x89PNG\r\n\x1a\n".to_vec();
    p.extend(chunk(b"IHDR", &[0, 0, 0, 1, 0, 0, 0, 1, 8, 0, 0, 0, 0]));
    for e in extra {
        p.extend(chunk(&e[..4], &e[4..]));
    }
    p.extend(chunk(b"IDAT", &[0x78, 0x9C, 0x63, 0x60, 0, 0, 0, 2, 0, 1]));
    p.extend(chunk(b"IEND", b""));
    p
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

pub async fn files_are_stripped_bounded_and_served_to_their_organisation_only(backend: Backend) {
    let server = TestServer::start(backend).await;
    let (client, tech, premium, anonymous) =
        (server.login("client").await, server.login("tech").await, server.login("premium").await, server.anonymous());
    let site = server.site_of(&client, "Demo Client").await;
    let id = client.report(site, "Caméra du parking arrachée, photo jointe").await["id"].as_i64().unwrap();

    // The reporter's photo, with its GPS position: stored and served without it.
    let photo = jpeg(&[exif_with_gps()]);
    assert!(contains(&photo, b"Exif"));
    let r = upload(&client, id, "C:\\DCIM\\IMG_0001.jpg", &photo).await;
    assert_eq!(r.status, 201, "{}", r.text);
    let clean = jpeg(&[]);
    assert_eq!(r.json["name"], "IMG_0001.jpg");
    assert_eq!(r.json["content_type"], "image/jpeg");
    assert_eq!(r.json["size"], clean.len());
    let photo_id = r.json["id"].as_i64().unwrap();
    let (status, headers, bytes) = download(&client, photo_id).await;
    assert_eq!(status, 200);
    assert!(!contains(&bytes, b"Exif"), "the EXIF is gone");
    assert_eq!(bytes, clean, "everything else is byte for byte");
    assert_eq!(headers["content-type"], "image/jpeg");
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert_eq!(headers["cache-control"], "private, no-store");
    let disposition = headers["content-disposition"].to_str().unwrap();
    assert!(
        disposition.starts_with("attachment;") && disposition.contains("filename*=UTF-8''IMG_0001.jpg"),
        "{disposition}"
    );

    // Staff attach a PNG; its text chunk goes.
    let screenshot = png(&[b"tEXtComment\0site de Paris".to_vec()]);
    let r = upload(&tech, id, "écran.png", &screenshot).await;
    assert_eq!(r.status, 201, "{}", r.text);
    assert_eq!(r.json["content_type"], "image/png");
    let (status, headers, bytes) = download(&client, r.json["id"].as_i64().unwrap()).await;
    assert_eq!(status, 200);
    assert_eq!(bytes, png(&[]));
    assert!(headers["content-disposition"].to_str().unwrap().contains("filename*=UTF-8''%C3%A9cran.png"));
    // A PDF as it is.
    let pdf = b"%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".to_vec();
    let r = upload(&client, id, "devis.pdf", &pdf).await;
    assert_eq!(r.status, 201, "{}", r.text);
    assert_eq!(download(&tech, r.json["id"].as_i64().unwrap()).await.2, pdf);

    let list = client.get(&format!("/api/incidents/{id}/attachments")).await;
    assert_eq!(list.status, 200, "{}", list.text);
    let names: Vec<&str> = list.json.as_array().unwrap().iter().map(|a| a["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["IMG_0001.jpg", "écran.png", "devis.pdf"]);
    assert_eq!(list.json[1]["author"], tech.get("/api/me").await.json["display_name"]);

    // The timeline says so, with the name, the type and the size.
    let timeline = client.get(&format!("/api/incidents/{id}/events")).await.json;
    let added: Vec<&serde_json::Value> =
        timeline.as_array().unwrap().iter().filter(|e| e["kind"] == "attachment_added").collect();
    assert_eq!(added.len(), 3, "{timeline}");
    assert_eq!(added[0]["data"]["name"], "IMG_0001.jpg");
    assert_eq!(added[0]["data"]["content_type"], "image/jpeg");
    assert_eq!(added[0]["data"]["size"], clean.len());

    // Another organisation's client: nothing is there. Anonymous: log in first.
    assert_eq!(premium.get(&format!("/api/incidents/{id}/attachments")).await.status, 404);
    assert_eq!(upload(&premium, id, "x.jpg", &clean).await.status, 404);
    assert_eq!(download(&premium, photo_id).await.0, 404);
    assert_eq!(anonymous.get(&format!("/api/incidents/{id}/attachments")).await.status, 401);
    assert_eq!(upload(&anonymous, id, "x.jpg", &clean).await.status, 401);
    assert_eq!(download(&anonymous, photo_id).await.0, 401);
    assert_eq!(download(&client, 999_999).await.0, 404);
    // Another site cannot upload with the user's cookie.
    let mut foreign = client.clone();
    foreign.origin = Some("http://evil.example".into());
    assert_eq!(upload(&foreign, id, "x.jpg", &clean).await.status, 403);

    // Too large: 413 naming the limit.
    let mut big = vec![0xFF, 0xD8, 0xFF];
    big.resize(11 * 1000 * 1000, 0);
    let r = upload(&client, id, "big.jpg", &big).await;
    assert_eq!(r.status, 413, "{}", r.text);
    assert_eq!(r.json["field"], "file");
    assert!(r.json["error"].as_str().unwrap().contains("10 MB"), "{}", r.text);

    // An executable named as a photo: refused, naming what is accepted.
    for executable in [&b"MZ\x90\x00\x03\x00\x00\x00"[..], b"\x7fELF\x02\x01\x01\x00"] {
        let r = upload(&client, id, "photo.jpg", executable).await;
        assert_eq!(r.status, 415, "{}", r.text);
        assert_eq!(r.json["field"], "file");
        assert!(r.json["error"].as_str().unwrap().contains("JPEG, PNG, WebP or PDF"), "{}", r.text);
    }
    // A broken image, a missing field, a body that is not multipart.
    let r = upload(&client, id, "cut.jpg", &photo[..40]).await;
    assert_eq!((r.status, r.json["field"].as_str()), (422, Some("file")), "{}", r.text);
    let r = Client::send(
        client
            .request(reqwest::Method::POST, &format!("/api/incidents/{id}/attachments"))
            .header("content-type", format!("multipart/form-data; boundary={BOUNDARY}"))
            .body(multipart("photo", "a.jpg", &clean)),
    )
    .await;
    assert_eq!((r.status, r.json["field"].as_str()), (422, Some("file")), "{}", r.text);
    let r = client.post(&format!("/api/incidents/{id}/attachments"), &json!({ "file": "x" })).await;
    assert_eq!((r.status, r.json["field"].as_str()), (415, Some("file")), "{}", r.text);
    assert_eq!(client.get(&format!("/api/incidents/{id}/attachments")).await.json.as_array().unwrap().len(), 3);
}

pub async fn an_incident_takes_twenty_files_and_none_once_closed(backend: Backend) {
    let server = TestServer::start(backend).await;
    let (client, tech) = (server.login("client").await, server.login("tech").await);
    let site = server.site_of(&client, "Demo Client").await;
    let id = client.report(site, "Porte du local technique forcée").await["id"].as_i64().unwrap();
    let image = png(&[]);
    for n in 1..=20 {
        let r = upload(if n % 2 == 0 { &client } else { &tech }, id, &format!("{n}.png"), &image).await;
        assert_eq!(r.status, 201, "file {n}: {}", r.text);
    }
    let r = upload(&client, id, "21.png", &image).await;
    assert_eq!(r.status, 409, "{}", r.text);
    assert!(r.json["error"].as_str().unwrap().contains("20 files"), "{}", r.text);

    let other = client.report(site, "Badge refusé à l'entrée").await["id"].as_i64().unwrap();
    assert_eq!(tech.post_empty(&format!("/api/incidents/{other}/acknowledge")).await.status, 200);
    let resolution = json!({ "root_cause": "Lecteur HS", "actions": "Remplacé", "security_data_impact": "Aucun", "personal_data_lost": false });
    assert_eq!(tech.post(&format!("/api/incidents/{other}/resolve"), &resolution).await.status, 200);
    assert_eq!(tech.post_empty(&format!("/api/incidents/{other}/close")).await.status, 200);
    let r = upload(&client, other, "late.png", &image).await;
    assert_eq!(r.status, 409, "{}", r.text);
    assert!(r.json["error"].as_str().unwrap().contains("closed"), "{}", r.text);
    // What was attached before stays readable.
    assert_eq!(client.get(&format!("/api/incidents/{id}/attachments")).await.json.as_array().unwrap().len(), 20);
}
