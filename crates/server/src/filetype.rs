//! What an uploaded file is, judged from its first bytes (never from its name), and the
//! same file without the metadata a camera writes into it: the date, the device, and the
//! GPS position of the security site where the photo was taken.
//!
//! Pure functions over bytes, without any image library: what is kept is copied byte for
//! byte, so that the picture itself is unchanged.

/// A type of file Vigie accepts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `image/jpeg`.
    Jpeg,
    /// `image/png`.
    Png,
    /// `image/webp`.
    Webp,
    /// `application/pdf`.
    Pdf,
}

/// The accepted types, as an error message names them.
pub const ACCEPTED: &str = "JPEG, PNG, WebP or PDF";

impl Kind {
    /// Its media type.
    pub fn content_type(self) -> &'static str {
        match self {
            Kind::Jpeg => "image/jpeg",
            Kind::Png => "image/png",
            Kind::Webp => "image/webp",
            Kind::Pdf => "application/pdf",
        }
    }

    /// Its name in messages.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Jpeg => "JPEG",
            Kind::Png => "PNG",
            Kind::Webp => "WebP",
            Kind::Pdf => "PDF",
        }
    }
}

const PNG_SIGNATURE: &[u8] = b"\x89PNG\r\n\x1a\n";

/// The type of a file from its magic bytes; `None` for anything else.
pub fn sniff(bytes: &[u8]) -> Option<Kind> {
    if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(Kind::Jpeg)
    } else if bytes.starts_with(PNG_SIGNATURE) {
        Some(Kind::Png)
    } else if bytes.len() >= 12 && &bytes[..4] == b"RIFF" && &bytes[8..12] == b"WEBP" {
        Some(Kind::Webp)
    } else if bytes.starts_with(b"%PDF-") {
        Some(Kind::Pdf)
    } else {
        None
    }
}

/// The file without its metadata: EXIF, XMP, comments and text chunks. A PDF is kept as
/// it is.
///
/// # Errors
/// What is malformed in an image (a segment or a chunk that runs past the end, a missing
/// end marker).
pub fn strip(kind: Kind, bytes: &[u8]) -> Result<Vec<u8>, String> {
    match kind {
        Kind::Jpeg => strip_jpeg(bytes),
        Kind::Png => strip_png(bytes),
        Kind::Webp => strip_webp(bytes),
        Kind::Pdf => Ok(bytes.to_vec()),
    }
}

/// A JPEG without its APP1…APP15 segments (EXIF, XMP, maker notes, Photoshop's IPTC) nor
/// its comments, whole or within the scans. Kept: APP0 (JFIF), and the two segments that
/// say how to show the colours rather than anything about the photo: an ICC profile
/// (APP2 `ICC_PROFILE`) and Adobe's colour transform (APP14 `Adobe`). Nothing after the
/// end marker is kept (a second picture or a thumbnail appended there may carry its own
/// EXIF).
fn strip_jpeg(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let malformed = |what: &str| format!("malformed JPEG: {what}");
    if !bytes.starts_with(&[0xFF, 0xD8]) {
        return Err(malformed("no start marker"));
    }
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(&[0xFF, 0xD8]);
    let mut pos = 2;
    loop {
        // A marker, after any fill bytes.
        if bytes.get(pos) != Some(&0xFF) {
            return Err(malformed("a segment does not start with a marker"));
        }
        while bytes.get(pos) == Some(&0xFF) {
            pos += 1;
        }
        let marker = *bytes.get(pos).ok_or_else(|| malformed("it ends inside a marker"))?;
        pos += 1;
        match marker {
            0xD9 => {
                out.extend_from_slice(&[0xFF, 0xD9]);
                return Ok(out);
            }
            0x01 | 0xD0..=0xD7 => {
                out.extend_from_slice(&[0xFF, marker]);
                continue;
            }
            0x00 => return Err(malformed("a stuffed byte outside a scan")),
            _ => {}
        }
        let length = match bytes.get(pos..pos + 2) {
            Some(l) => usize::from(u16::from_be_bytes([l[0], l[1]])),
            None => return Err(malformed("it ends inside a segment's length")),
        };
        if length < 2 || pos + length > bytes.len() {
            return Err(malformed("a segment runs past the end"));
        }
        let payload = &bytes[pos + 2..pos + length];
        let keep = match marker {
            0xE2 => payload.starts_with(b"ICC_PROFILE\0"),
            0xEE => payload.starts_with(b"Adobe"),
            0xE1..=0xEF | 0xFE => false,
            _ => true,
        };
        if keep {
            out.extend_from_slice(&[0xFF, marker]);
            out.extend_from_slice(&bytes[pos..pos + length]);
        }
        pos += length;
        if marker == 0xDA {
            // The entropy-coded data, up to the next marker that is not a restart nor a
            // stuffed 0xFF.
            let start = pos;
            loop {
                match bytes.get(pos) {
                    None => return Err(malformed("no end marker")),
                    Some(0xFF) => match bytes.get(pos + 1) {
                        None => return Err(malformed("no end marker")),
                        Some(0x00 | 0xD0..=0xD7) => pos += 2,
                        Some(_) => break,
                    },
                    Some(_) => pos += 1,
                }
            }
            out.extend_from_slice(&bytes[start..pos]);
        }
    }
}

/// A PNG without its `eXIf`, `tEXt`, `zTXt`, `iTXt` and `tIME` chunks, nor anything after
/// `IEND`.
fn strip_png(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let malformed = |what: &str| format!("malformed PNG: {what}");
    if !bytes.starts_with(PNG_SIGNATURE) {
        return Err(malformed("no signature"));
    }
    let mut out = Vec::with_capacity(bytes.len());
    out.extend_from_slice(PNG_SIGNATURE);
    let mut pos = PNG_SIGNATURE.len();
    let mut first = true;
    loop {
        let header = bytes.get(pos..pos + 8).ok_or_else(|| malformed("no IEND chunk"))?;
        let length = u32::from_be_bytes([header[0], header[1], header[2], header[3]]) as usize;
        let kind = &header[4..8];
        if first && kind != b"IHDR" {
            return Err(malformed("the first chunk is not IHDR"));
        }
        first = false;
        let end = pos.checked_add(12).and_then(|n| n.checked_add(length)).filter(|&n| n <= bytes.len());
        let end = end.ok_or_else(|| malformed("a chunk runs past the end"))?;
        if !matches!(kind, b"eXIf" | b"tEXt" | b"zTXt" | b"iTXt" | b"tIME") {
            out.extend_from_slice(&bytes[pos..end]);
        }
        pos = end;
        if kind == b"IEND" {
            return Ok(out);
        }
    }
}

/// The VP8X flags of an EXIF and an XMP chunk.
const VP8X_EXIF: u8 = 0x08;
const VP8X_XMP: u8 = 0x04;

/// A WebP without its `EXIF` and `XMP ` chunks, the extended header's flags for them
/// cleared and the RIFF size set to what is left.
fn strip_webp(bytes: &[u8]) -> Result<Vec<u8>, String> {
    let malformed = |what: &str| format!("malformed WebP: {what}");
    if bytes.len() < 12 || &bytes[..4] != b"RIFF" || &bytes[8..12] != b"WEBP" {
        return Err(malformed("no RIFF header"));
    }
    let declared = u32::from_le_bytes([bytes[4], bytes[5], bytes[6], bytes[7]]) as usize;
    let end =
        declared.checked_add(8).filter(|&n| n <= bytes.len()).ok_or_else(|| malformed("shorter than declared"))?;
    let mut out = Vec::with_capacity(end);
    out.extend_from_slice(&bytes[..12]);
    let mut pos = 12;
    let mut chunks = 0;
    while pos < end {
        let header = bytes.get(pos..pos + 8).filter(|_| pos + 8 <= end).ok_or_else(|| malformed("a cut chunk"))?;
        let size = u32::from_le_bytes([header[4], header[5], header[6], header[7]]) as usize;
        let next = pos
            .checked_add(8)
            .and_then(|n| n.checked_add(size + size % 2))
            .filter(|&n| n <= end)
            .ok_or_else(|| malformed("a chunk runs past the end"))?;
        match &header[..4] {
            b"EXIF" | b"XMP " => {}
            b"VP8X" => {
                if size < 1 {
                    return Err(malformed("an empty VP8X chunk"));
                }
                let at = out.len();
                out.extend_from_slice(&bytes[pos..next]);
                out[at + 8] &= !(VP8X_EXIF | VP8X_XMP);
            }
            _ => out.extend_from_slice(&bytes[pos..next]),
        }
        chunks += 1;
        pos = next;
    }
    if chunks == 0 {
        return Err(malformed("no image chunk"));
    }
    let size = u32::try_from(out.len() - 8).map_err(|_| malformed("too large"))?;
    out[4..8].copy_from_slice(&size.to_le_bytes());
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segment(marker: u8, payload: &[u8]) -> Vec<u8> {
        let mut s = vec![0xFF, marker];
        s.extend_from_slice(&u16::try_from(payload.len() + 2).unwrap().to_be_bytes());
        s.extend_from_slice(payload);
        s
    }

    /// A JPEG's structure: JFIF, the given extra segments, a table, a scan with a stuffed
    /// byte and a restart marker, the end, then trailing bytes.
    fn jpeg(extra: &[Vec<u8>]) -> Vec<u8> {
        let mut j = vec![0xFF, 0xD8];
        j.extend(segment(0xE0, b"JFIF\0\x01\x01\0\0\x01\0\x01\0\0"));
        for e in extra {
            j.extend_from_slice(e);
        }
        j.extend(segment(0xDB, &[0; 65]));
        j.extend(segment(0xDA, &[1, 1, 0, 0, 0x3F, 0]));
        j.extend_from_slice(&[0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56]);
        j.extend_from_slice(&[0xFF, 0xD9]);
        j
    }

    #[test]
    fn types_are_judged_from_the_content() {
        assert_eq!(sniff(&jpeg(&[])), Some(Kind::Jpeg));
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\nrest"), Some(Kind::Png));
        assert_eq!(sniff(b"RIFF\x04\0\0\0WEBP"), Some(Kind::Webp));
        assert_eq!(sniff(b"RIFF\x04\0\0\0WAVE"), None);
        assert_eq!(sniff(b"%PDF-1.7\n"), Some(Kind::Pdf));
        assert_eq!(sniff(b"MZ\x90\0"), None);
        assert_eq!(sniff(b"\x7fELF\x02\x01"), None);
        assert_eq!(sniff(b""), None);
    }

    #[test]
    fn jpeg_loses_exif_xmp_and_comments_and_nothing_else() {
        let exif = segment(0xE1, b"Exif\0\0MM\0*GPS 48.85N 2.35E");
        let xmp = segment(0xE1, b"http://ns.adobe.com/xap/1.0/\0<x:xmpmeta/>");
        let comment = segment(0xFE, b"site de Paris");
        let icc = segment(0xE2, b"ICC_PROFILE\0\x01\x01profile");
        let iptc = segment(0xED, b"Photoshop 3.0\0");
        let stripped = strip(Kind::Jpeg, &jpeg(&[exif, xmp, comment, icc.clone(), iptc])).unwrap();
        assert_eq!(stripped, jpeg(&[icc]));
        assert!(!stripped.windows(4).any(|w| w == b"Exif"));
        // Already clean: unchanged; after the end marker: dropped.
        assert_eq!(strip(Kind::Jpeg, &jpeg(&[])).unwrap(), jpeg(&[]));
        let mut trailing = jpeg(&[]);
        trailing.extend(jpeg(&[segment(0xE1, b"Exif\0\0")]));
        assert_eq!(strip(Kind::Jpeg, &trailing).unwrap(), jpeg(&[]));
    }

    #[test]
    fn a_comment_between_progressive_scans_goes_too() {
        let mut j = jpeg(&[]);
        j.truncate(j.len() - 2);
        j.extend(segment(0xFE, b"between scans"));
        j.extend(segment(0xDA, &[1, 1, 0, 0, 0x3F, 0]));
        j.extend_from_slice(&[0x77, 0xFF, 0xD9]);
        let mut expected = jpeg(&[]);
        expected.truncate(expected.len() - 2);
        expected.extend(segment(0xDA, &[1, 1, 0, 0, 0x3F, 0]));
        expected.extend_from_slice(&[0x77, 0xFF, 0xD9]);
        assert_eq!(strip(Kind::Jpeg, &j).unwrap(), expected);
    }

    #[test]
    fn malformed_jpegs_are_refused_not_panicked_on() {
        let whole = jpeg(&[segment(0xE1, b"Exif\0\0")]);
        for cut in 0..whole.len() - 1 {
            assert!(strip(Kind::Jpeg, &whole[..cut]).is_err(), "cut at {cut}");
        }
        assert!(strip(Kind::Jpeg, &[0xFF, 0xD8, 0xFF, 0xE1, 0x00, 0x01]).is_err());
        assert!(strip(Kind::Jpeg, &[0xFF, 0xD8, 0xFF, 0xE1, 0xFF, 0xFF]).is_err());
    }

    fn chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
        let mut c = u32::try_from(data.len()).unwrap().to_be_bytes().to_vec();
        c.extend_from_slice(kind);
        c.extend_from_slice(data);
        c.extend_from_slice(&[1, 2, 3, 4]);
        c
    }

    #[test]
    fn png_loses_its_text_time_and_exif_chunks() {
        let png = |extra: &[Vec<u8>]| {
            let mut p = PNG_SIGNATURE.to_vec();
            p.extend(chunk(b"IHDR", &[0; 13]));
            for e in extra {
                p.extend_from_slice(e);
            }
            p.extend(chunk(b"IDAT", b"pixels"));
            p.extend(chunk(b"IEND", b""));
            p
        };
        let metadata = [
            chunk(b"eXIf", b"MM\0*gps"),
            chunk(b"tEXt", b"Comment\0site"),
            chunk(b"zTXt", b"k\0\0z"),
            chunk(b"iTXt", b"XML:com.adobe.xmp\0\0\0\0\0x"),
            chunk(b"tIME", &[7, 234, 1, 1, 0, 0, 0]),
        ];
        let gamma = chunk(b"gAMA", &[0, 0, 0xB1, 0x8F]);
        let mut with = metadata.to_vec();
        with.push(gamma.clone());
        let mut file = png(&with);
        file.extend_from_slice(b"trailing");
        assert_eq!(strip(Kind::Png, &file).unwrap(), png(&[gamma]));
        for cut in 0..file.len() - 20 {
            assert!(strip(Kind::Png, &file[..cut]).is_err(), "cut at {cut}");
        }
        let mut huge = PNG_SIGNATURE.to_vec();
        huge.extend_from_slice(&[0xFF, 0xFF, 0xFF, 0xFF]);
        huge.extend_from_slice(b"IHDR");
        assert!(strip(Kind::Png, &huge).is_err());
    }

    fn riff(chunks: &[Vec<u8>]) -> Vec<u8> {
        let body: Vec<u8> = chunks.concat();
        let mut w = b"RIFF".to_vec();
        w.extend_from_slice(&u32::try_from(body.len() + 4).unwrap().to_le_bytes());
        w.extend_from_slice(b"WEBP");
        w.extend(body);
        w
    }

    fn webp_chunk(kind: &[u8; 4], data: &[u8]) -> Vec<u8> {
        let mut c = kind.to_vec();
        c.extend_from_slice(&u32::try_from(data.len()).unwrap().to_le_bytes());
        c.extend_from_slice(data);
        if data.len() % 2 == 1 {
            c.push(0);
        }
        c
    }

    #[test]
    fn webp_loses_exif_and_xmp_and_says_so_in_its_header() {
        let vp8x = |flags: u8| webp_chunk(b"VP8X", &[flags, 0, 0, 0, 9, 0, 0, 9, 0, 0]);
        let image = webp_chunk(b"VP8 ", b"frame");
        let file = riff(&[
            vp8x(0x20 | VP8X_EXIF | VP8X_XMP),
            webp_chunk(b"ICCP", b"icc"),
            image.clone(),
            webp_chunk(b"EXIF", b"MM\0*gps"),
            webp_chunk(b"XMP ", b"<x/>"),
        ]);
        let stripped = strip(Kind::Webp, &file).unwrap();
        assert_eq!(stripped, riff(&[vp8x(0x20), webp_chunk(b"ICCP", b"icc"), image]));
        for cut in 12..file.len() - 1 {
            assert!(strip(Kind::Webp, &file[..cut]).is_err(), "cut at {cut}");
        }
        assert!(strip(Kind::Webp, &riff(&[])).is_err());
    }

    #[test]
    fn a_pdf_is_kept_as_it_is() {
        assert_eq!(strip(Kind::Pdf, b"%PDF-1.4 anything").unwrap(), b"%PDF-1.4 anything");
    }
}
